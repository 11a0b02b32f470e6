/**
 * Hosts besides the org URL that some operations are served from. The API description gives them per
 * operation (disaster recovery is served by `https://drapp.{yourOrgSubDomain}.okta.com`); the generated
 * methods name the server (`server: "drapp"`), and the client derives its URL from the org URL, the org's
 * host with the server's label in front, unless an option overrides it. Credentials go only to the org
 * and to these hosts.
 *
 * @module
 */
import { ConfigError, OktaError } from "../errors.ts";

/** The servers the client knows, by the name generated methods use, and the option overriding each. */
const SERVERS: Record<string, { option: "drappUrl" }> = {
  drapp: { option: "drappUrl" },
};

/** Server name → base URL (no trailing slash), for one client. */
export type ServerUrls = Readonly<Record<string, string>>;

/**
 * The base URL of every known server for an org: the override when given (validated like `orgUrl`'s
 * scheme), else `https://<name>.<org host>`. An org URL on an IP address (a local test server) derives
 * none: such a server needs its option.
 */
export function serverUrls(
  orgUrl: string,
  overrides: Partial<Record<"drappUrl", string>>,
  allowHttp: boolean,
): ServerUrls {
  const out: Record<string, string> = {};
  const org = new URL(orgUrl);
  for (const [name, { option }] of Object.entries(SERVERS)) {
    const given = overrides[option];
    if (given === undefined) {
      if (!/^\[|^[\d.]+$/.test(org.hostname)) out[name] = `${org.protocol}//${name}.${org.host}`;
      continue;
    }
    let url: URL | undefined;
    try {
      url = new URL(given);
    } catch { /* reported below */ }
    if (!url || (url.protocol !== "https:" && !(allowHttp && url.protocol === "http:"))) {
      throw new ConfigError([{
        field: option,
        source: "constructor",
        message: `expected an https:// URL such as https://${name}.dev-123456.okta.com (got "${given}").`,
      }]);
    }
    out[name] = url.href.replace(/\/+$/, "");
  }
  return out;
}

/** The base URL of the named server; an unknown name is a `TypeError`, an underivable one an `OktaError`. */
export function serverUrl(servers: ServerUrls, name: string): string {
  const url = servers[name];
  if (url !== undefined) return url;
  if (SERVERS[name]) {
    throw new OktaError(
      `The "${name}" server cannot be derived from an org URL on an IP address: set the ${
        SERVERS[name].option
      } option.`,
    );
  }
  throw new TypeError(`Unknown server "${name}": known servers are ${Object.keys(SERVERS).join(", ")}.`);
}
