/**
 * What `#node-fetch` resolves to in Worker and browser bundles (package.json `imports` conditions): no
 * Node `http` client, so those bundles do not carry it. Their `fetch` has no proxy or CA option.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import type { NodeFetchOptions } from "./_node_fetch.ts";

/** Always a `ConfigError`: this build has no proxy or custom-CA support. */
export function nodeFetch({ proxyUrl, source }: NodeFetchOptions): never {
  throw new ConfigError([{
    field: proxyUrl ? "okta.client.proxy" : "okta.client.tls",
    source,
    message: `this runtime's fetch has no ${proxyUrl ? "proxy" : "custom CA"} option. ` +
      "Pass a `fetch` that routes requests as you need.",
  }]);
}
