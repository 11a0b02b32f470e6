/**
 * Redirects, handled by the client rather than the runtime: followed only on the org's own origin, for
 * GET and HEAD, at most {@linkcode MAX_REDIRECTS} times. Anything else is a {@linkcode RedirectError}
 * naming where it pointed, so a body, an `Authorization` header or a DPoP proof never reach another host.
 *
 * @module
 */
import { RedirectError } from "../errors.ts";
import { pathOf } from "../path.ts";

/** The most redirects one call follows. */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

/**
 * Whether `response` is a redirect: a 3xx with a redirect status from an injected fetch or a runtime that
 * shows it, or the `opaqueredirect` (status 0) some runtimes give for `redirect: "manual"`.
 */
export function isRedirect(response: Response): boolean {
  return response.type === "opaqueredirect" || REDIRECT_STATUSES.includes(response.status);
}

/**
 * The URL to follow `response` to, from the request to `from`, after `hops` redirects; throws a
 * {@linkcode RedirectError} when it must not be followed.
 */
export function redirectTarget(
  response: Response,
  from: string,
  method: string,
  hops: number,
  orgUrl: string,
): string {
  const what = `${method} ${pathOf(from)}`;
  const raw = response.headers.get("location");
  let location: string | undefined;
  try {
    location = raw === null ? undefined : new URL(raw, from).href;
  } catch {
    location = undefined;
  }
  const refuse = (why: string) =>
    new RedirectError({
      status: response.status,
      method,
      url: from,
      headers: response.headers,
      location,
      message: `${what} was redirected (HTTP ${response.status}${
        location ? ` to ${location}` : ""
      }) and the client did not follow: ${why}.`,
    });
  if (response.type === "opaqueredirect") throw refuse("the runtime hides where to (an opaque redirect)");
  if (location === undefined) throw refuse(`there is no usable Location header`);
  const org = new URL(orgUrl).origin;
  if (new URL(location).origin !== org) {
    throw refuse(`it leads to another origin, and credentials go to the org's own origin ${org} only`);
  }
  if (method !== "GET" && method !== "HEAD") {
    throw refuse(`only GET and HEAD are redirected, so that a body is never sent twice`);
  }
  if (hops >= MAX_REDIRECTS) {
    throw refuse(`it is redirect number ${hops + 1}; at most ${MAX_REDIRECTS} are followed`);
  }
  return location;
}
