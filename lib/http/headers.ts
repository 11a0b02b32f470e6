/**
 * Default headers, the User-Agent, and the custom headers users add to every request.
 *
 * @module
 */
import { runtimeInfo } from "../runtime.ts";

/** The package version, sent in the User-Agent. Kept in step with deno.json by a test. */
export const VERSION = "0.1.0";

/** Headers the client owns; custom headers cannot set them, so they can never break a request. */
const PROTECTED = new Set([
  "authorization",
  "user-agent",
  "accept",
  "content-type",
  "dpop",
  "host",
  "content-length",
  "x-okta-retry-for",
  "x-okta-retry-count",
]);

/** Headers one call may set although the client owns them (operations whose parameters they are). */
const PER_CALL = new Set(["user-agent", "content-type"]);

/**
 * Throws a `TypeError` for a header name the client owns or a value that is not a valid header. A single
 * call (`perCall`) may set `User-Agent` and `Content-Type`, which some operations take as parameters
 * (verifyFactor records the end user's User-Agent).
 */
export function assertCustomHeader(name: string, value: string, perCall = false): void {
  const lower = name.toLowerCase();
  if (PROTECTED.has(lower) && !(perCall && PER_CALL.has(lower))) {
    throw new TypeError(
      `The "${name}" header is set by the client and cannot be replaced by a custom header` +
        (lower === "user-agent"
          ? "; use the userAgent option to append to it."
          : lower === "accept"
          ? "; use the `accept` option."
          : "."),
    );
  }
  // What fetch's Headers would refuse, checked without one (on Node, the first Headers loads undici, about
  // 13 MB, which a client should not cost before its first call).
  if (!TOKEN.test(name)) throw new TypeError(`"${name}" is not a valid header name.`);
  if (BAD_VALUE.test(value)) {
    throw new TypeError(
      `The value of the "${name}" header is not a valid header value (a line break, NUL or a character beyond U+00FF).`,
    );
  }
}

/** A header name: an HTTP token. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** What no header value may hold. */
const BAD_VALUE = /[\0\r\n]|[^\0-\xff]/;
/** The whitespace fetch trims from both ends of a header value. */
const EDGES = /^[\t\n\r ]+|[\t\n\r ]+$/g;

/** `oktakit/<version> <runtime>/<version>`, plus the configured text. */
export function userAgent(extra?: string): string {
  const runtime = runtimeInfo();
  const base = `oktakit/${VERSION} ${runtime.name}/${runtime.version}`;
  return extra ? `${base} ${extra}` : base;
}

/**
 * Custom headers sent with every request of one client.
 *
 * @example
 * ```ts ignore
 * okta.headers.set("X-Correlation-Id", crypto.randomUUID());
 * okta.headers.get("x-correlation-id");
 * okta.headers.clear();
 * ```
 */
export class CustomHeaders {
  // Lower-case names, as fetch's Headers keeps them (a Headers itself would load undici on Node).
  #headers = new Map<string, string>();
  // Read on every request, changed rarely: kept ready as a plain object.
  #snapshot: Record<string, string> | undefined;

  /** Creates the set from initial headers, checking each. */
  constructor(initial: Record<string, string> = {}) {
    for (const [name, value] of Object.entries(initial)) this.set(name, value);
  }

  /** Sets a header for every later request. Throws for headers the client owns. */
  set(name: string, value: string): this {
    assertCustomHeader(name, value);
    this.#headers.set(name.toLowerCase(), String(value).replace(EDGES, ""));
    this.#snapshot = undefined;
    return this;
  }

  /** The value of a custom header, or `null`. */
  get(name: string): string | null {
    return this.#headers.get(name.toLowerCase()) ?? null;
  }

  /** Removes one custom header. */
  delete(name: string): void {
    this.#headers.delete(name.toLowerCase());
    this.#snapshot = undefined;
  }

  /** Removes every custom header. */
  clear(): void {
    this.#headers.clear();
    this.#snapshot = undefined;
  }

  /** The headers as a plain object (lower-case names, sorted as fetch's Headers sorts them); treat it as read-only. */
  toObject(): Record<string, string> {
    return this.#snapshot ??= Object.fromEntries([...this.#headers].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}
