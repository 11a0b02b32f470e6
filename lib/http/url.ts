/**
 * Request URLs: org-relative paths joined to the org URL, query values encoded, and absolute URLs
 * (pagination cursors) accepted only on the org's own origin so credentials never leave it. A link on the
 * org's Admin Console host (`https://{org}-admin.okta.com/...`, where Okta puts the self links of
 * `/api/v1/iam` answers) is read as the same path and query on the org URL.
 *
 * @module
 */
import { OktaError } from "../errors.ts";
import type { QueryValue } from "../transport.ts";

/**
 * Builds the URL of a call: `path` below `orgUrl` (or an absolute URL on its origin, or on one of the
 * `trusted` origins the client derived from its org URL) plus `query`. The common case, an org-relative
 * path without query values, is joined as text without parsing. `homeUrl` names the org in the refusal
 * when `orgUrl` is another server's base.
 */
export function buildUrl(
  orgUrl: string,
  path: string,
  query?: Record<string, QueryValue>,
  trusted: readonly string[] = [],
  homeUrl: string = orgUrl,
): string {
  if (path.startsWith("/") && !path.startsWith("//") && !hasValues(query)) return orgUrl + path;
  // A next-page link on the org itself, as Okta sends them: the origin ends at the "/" that follows it.
  if (path.startsWith(orgUrl + "/") && !hasValues(query)) return path;
  let url: URL;
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
    url = new URL(path);
    const home = new URL(homeUrl).origin;
    // Okta's own links on the org's -admin host name API paths: they are sent to the org, never there.
    if (url.origin === adminOrigin(homeUrl)) url = new URL(url.pathname + url.search, home);
    if (url.origin !== home && url.origin !== new URL(orgUrl).origin && !trusted.includes(url.origin)) {
      throw new OktaError(
        `Refusing to send credentials to ${url.origin}: absolute URLs must be on the org's origin ${home}` +
          (trusted.length ? ` or a server derived from it (${trusted.join(", ")}).` : "."),
      );
    }
  } else {
    url = new URL(orgUrl + (path.startsWith("/") ? path : `/${path}`));
  }
  return appendQuery(url, query, false).href;
}

/**
 * The origin of the org's Admin Console: the org URL with `-admin` after its first host label
 * (`https://acme.okta.com` → `https://acme-admin.okta.com`); `undefined` for a host without a domain
 * (an IP address, `localhost`).
 */
export function adminOrigin(orgUrl: string): string | undefined {
  const url = new URL(orgUrl);
  const dot = url.hostname.indexOf(".");
  if (dot <= 0 || /^[\d.]+$|^\[/.test(url.hostname)) return undefined;
  url.hostname = `${url.hostname.slice(0, dot)}-admin${url.hostname.slice(dot)}`;
  return url.origin;
}

function hasValues(query: Record<string, QueryValue> | undefined): boolean {
  if (query) { for (const key in query) if (query[key] !== undefined && query[key] !== null) return true; }
  return false;
}

/**
 * Adds `query` to `url`. With `keepExisting`, parameters the URL already has are left alone (a next-page
 * link is followed as given, and only the caller's parameters it dropped are added back).
 */
export function appendQuery(
  url: URL,
  query: Record<string, QueryValue> | undefined,
  keepExisting: boolean,
): URL {
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    if (keepExisting && url.searchParams.has(name)) continue;
    url.searchParams.delete(name);
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item));
  }
  return url;
}

/** A next-page cursor with the caller's query parameters that the server did not echo added back. */
export function withCallerQuery(cursor: string, query: Record<string, QueryValue> | undefined): string {
  if (!query) return cursor;
  // Usually the link echoes every parameter: then there is nothing to add and no URL to parse.
  let missing = false;
  for (const name in query) {
    const value = query[name];
    if (value === undefined || value === null) continue;
    const key = `${encodeURIComponent(name)}=`;
    if (!cursor.includes(`?${key}`) && !cursor.includes(`&${key}`)) missing = true;
  }
  if (!missing) return cursor;
  return appendQuery(new URL(cursor), query, true).href;
}
