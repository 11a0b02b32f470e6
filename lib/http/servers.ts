/**
 * Hosts besides the org URL that some operations are served from. The API description gives them per
 * operation (disaster recovery is served by `https://drapp.{yourOrgSubDomain}.okta.com`); the generated
 * methods name the server (`server: "drapp"`), and the client derives its URL from the org URL, the org's
 * host with the server's label in front, unless the `drappUrl` option overrides it. Credentials go only to
 * the org and to these hosts.
 *
 * @module
 */
import { ConfigError, OktaError } from "../errors.ts";

/** Server name → base URL (no trailing slash), for one client. */
export type ServerUrls = Readonly<Record<string, string>>;

/**
 * The drapp server's base URL for an org: `drappUrl` when given (https, or http with `allowHttp`), else
 * `https://drapp.<org host>`. An org URL on an IP address (a local test server) derives none.
 */
export function serverUrls(
  orgUrl: string,
  { drappUrl }: { drappUrl?: string },
  allowHttp: boolean,
): ServerUrls {
  if (drappUrl === undefined) {
    const { protocol, host, hostname } = new URL(orgUrl);
    return /^\[|^[\d.]+$/.test(hostname) ? {} : { drapp: `${protocol}//drapp.${host}` };
  }
  if (!(allowHttp ? /^https?:\/\/[^/]/ : /^https:\/\/[^/]/).test(drappUrl)) {
    throw new ConfigError([{
      field: "drappUrl",
      source: "constructor",
      message: `expected an https:// URL such as https://drapp.dev-123456.okta.com (got "${drappUrl}").`,
    }]);
  }
  return { drapp: drappUrl.replace(/\/+$/, "") };
}

/** The base URL of the named server; an unknown name is a `TypeError`, an underivable one an `OktaError`. */
export function serverUrl(servers: ServerUrls, name: string): string {
  const url = servers[name];
  if (url !== undefined) return url;
  if (name !== "drapp") throw new TypeError(`Unknown server "${name}": the one server is "drapp".`);
  throw new OktaError("The drapp server cannot be derived from an org URL on an IP address: set drappUrl.");
}
