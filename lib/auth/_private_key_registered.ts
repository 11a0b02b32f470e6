/**
 * What `#private-key` resolves to in Worker and browser bundles (package.json `imports` conditions): the
 * strategy registered by `import "@oktakit/management/auth"`, so bundles that use API tokens do not
 * carry jose and the OAuth code.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import type { PrivateKeyAuthOptions } from "./private_key.ts";
import { registeredPrivateKeyAuth } from "./registry.ts";
import type { AuthStrategy } from "../seams.ts";

/** The registered PrivateKey strategy, or a `ConfigError` saying which import registers it. */
export function privateKeyAuth(options: PrivateKeyAuthOptions): AuthStrategy & { prepare(): Promise<void> } {
  const factory = registeredPrivateKeyAuth();
  if (factory) return factory(options);
  throw new ConfigError([{
    field: "okta.client.authorizationMode",
    source: options.keySource ?? "configuration",
    message: 'PrivateKey mode in a Worker or browser bundle needs `import "@oktakit/management/auth";` ' +
      "once in your code (it brings the OAuth code, which API-token bundles leave out).",
  }]);
}
