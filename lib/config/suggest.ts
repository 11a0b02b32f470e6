/**
 * "Did you mean ...?": the known keys and variable names nearest to a misspelled one, by edit distance and
 * a table of names people bring from other Okta tools.
 *
 * @module
 */
import { distance } from "../nearest.ts";
import { CONSTRUCTOR_ONLY, ENV_NAMES, envNames, FIELDS } from "./fields.ts";

/** Every known path of the YAML shape (fields and the sections holding them), with constructor-only ones. */
export function knownPaths(constructor: boolean): Set<string> {
  const paths = new Set<string>();
  const leaves = FIELDS.flatMap((field) => [field.path, ...(field.aliases ?? [])]);
  for (const path of constructor ? [...leaves, ...CONSTRUCTOR_ONLY] : leaves) {
    const keys = path.split(".");
    for (let i = 1; i <= keys.length; i++) paths.add(keys.slice(0, i).join("."));
  }
  return paths;
}

/** Key spellings from other tools and documents, normalized (lower case, no `_` or `-`), and their field. */
const KEY_ALIASES: Record<string, string> = {
  url: "client.orgUrl",
  domain: "client.orgUrl",
  oktadomain: "client.orgUrl",
  baseurl: "client.orgUrl",
  apitoken: "client.token",
  apikey: "client.token",
  accesstoken: "client.token",
  keyid: "client.kid",
  retries: "client.rateLimit.maxRetries",
  level: "client.logging.logLevel",
  ca: "client.tls.ca",
};

/**
 * The known path a misspelled `path` most likely means: the same key in other case or spelling, a known
 * alias, the same key in another section (`client.maxRetries` → `client.rateLimit.maxRetries`), or the
 * nearest by edit distance, preferring the same section. `undefined` when nothing is near.
 */
export function suggestPath(path: string, known: Set<string>): string | undefined {
  const keys = path.split(".");
  const key = normalize(keys[keys.length - 1]);
  const section = keys.slice(0, -1).join(".");
  const parent = (p: string) => p.slice(0, Math.max(0, p.lastIndexOf(".")));
  const candidates = [...known].map((p) => ({ path: p, key: normalize(p.slice(p.lastIndexOf(".") + 1)) }));
  const here = candidates.filter((c) => parent(c.path) === section);
  const nearest = (list: typeof candidates) => {
    const limit = Math.min(3, Math.max(1, Math.floor(key.length / 3)));
    let best: { path: string; d: number } | undefined;
    for (const c of list) {
      // A shared stem counts as near (`maxRetry` → `maxRetries`), however the endings differ.
      const stem = key.length >= 5 && commonPrefix(key, c.key) >= key.length - 1;
      const d = stem ? 1 : distance(key, c.key);
      if (d <= limit && (!best || d < best.d)) best = { path: c.path, d };
    }
    return best?.path;
  };
  const alias = KEY_ALIASES[key];
  return here.find((c) => c.key === key)?.path ??
    (alias && known.has(alias) ? alias : undefined) ??
    candidates.find((c) => c.key === key)?.path ??
    nearest(here) ??
    nearest(candidates);
}

/** Environment names other tools use for the same settings; outside `OKTA_CLIENT_*`, only these are read. */
export const ENV_ALIASES: Record<string, string> = {
  OKTA_ORG_URL: "OKTA_CLIENT_ORGURL",
  OKTA_ORGURL: "OKTA_CLIENT_ORGURL",
  OKTA_URL: "OKTA_CLIENT_ORGURL",
  OKTA_DOMAIN: "OKTA_CLIENT_ORGURL",
  OKTA_BASE_URL: "OKTA_CLIENT_ORGURL",
  OKTA_API_TOKEN: "OKTA_CLIENT_TOKEN",
  OKTA_TOKEN: "OKTA_CLIENT_TOKEN",
  OKTA_API_KEY: "OKTA_CLIENT_TOKEN",
  OKTA_CLIENT_API_TOKEN: "OKTA_CLIENT_TOKEN",
  OKTA_CLIENT_APITOKEN: "OKTA_CLIENT_TOKEN",
  OKTA_CLIENT_ID: "OKTA_CLIENT_CLIENTID",
  OKTA_API_CLIENT_ID: "OKTA_CLIENT_CLIENTID",
  OKTA_PRIVATE_KEY: "OKTA_CLIENT_PRIVATEKEY",
  OKTA_API_PRIVATE_KEY: "OKTA_CLIENT_PRIVATEKEY",
  OKTA_SCOPES: "OKTA_CLIENT_SCOPES",
  OKTA_API_SCOPES: "OKTA_CLIENT_SCOPES",
  OKTA_CLIENT_KEYID: "OKTA_CLIENT_KID",
  OKTA_CLIENT_KEY_ID: "OKTA_CLIENT_KID",
};

/**
 * `OKTA_CLIENT_*` names that other Okta tools use for something else (an OIDC app's id and secret): never
 * an error, only a hint when the field they resemble is missing.
 */
export const SHARED_ENV_NAMES: ReadonlySet<string> = new Set(["OKTA_CLIENT_ID", "OKTA_CLIENT_SECRET"]);

/** The known environment name a misspelled `OKTA_CLIENT_*`/`OKTA_TESTING_*` name most likely means. */
export function suggestEnvName(name: string): string | undefined {
  if (ENV_ALIASES[name]) return ENV_ALIASES[name];
  const squash = (n: string) => n.replace(/_/g, "");
  const wanted = squash(name);
  const exact = ENV_NAMES.find((known) => squash(known) === wanted);
  if (exact) return exact;
  // The right leaf in the wrong section: OKTA_CLIENT_MAXRETRIES → OKTA_CLIENT_RATELIMIT_MAXRETRIES.
  const tail = wanted.replace(/^OKTA(CLIENT|TESTING)/, "");
  const moved = FIELDS.find((field) => field.path.split(".").pop()!.toUpperCase() === tail);
  if (moved) return envNames(moved)[0];
  let best: { name: string; d: number } | undefined;
  for (const known of ENV_NAMES) {
    const d = distance(wanted, squash(known));
    if (d <= 2 && (!best || d < best.d)) best = { name: known, d };
  }
  return best?.name;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
}

function normalize(key: string): string {
  return key.toLowerCase().replace(/[_\-\s]/g, "");
}
