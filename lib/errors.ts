/**
 * One error hierarchy: everything oktakit throws is an {@linkcode OktaError} with a stable `code`. Errors
 * are redacted when they are built: a `cause` from the runtime or from ky is replaced by a plain `Error`
 * carrying only its name, code and message, so no inspection of an error reaches a request, its headers or
 * a credential.
 *
 * @example Telling errors apart
 * ```ts ignore
 * try {
 *   await okta.user.getUser("nobody@example.com");
 * } catch (error) {
 *   if (isOktaApiError(error) && error.errorCode === "E0000007") console.log("no such user");
 *   else throw error;
 * }
 * ```
 *
 * @module
 */
import { redactText, redactUrl } from "./log.ts";
import { pathOf } from "./path.ts";

/** The stable `code` of each error class (`error.code`), as in Node's and jose's errors. */
export type OktaErrorCode =
  | "ERR_OKTA"
  | "ERR_OKTA_HTTP"
  | "ERR_OKTA_API"
  | "ERR_OKTA_INVALID_RESPONSE"
  | "ERR_OKTA_REDIRECT"
  | "ERR_OKTA_CONFIG"
  | "ERR_OKTA_AUTH"
  | "ERR_OKTA_TIMEOUT"
  | "ERR_OKTA_NETWORK"
  | "ERR_OKTA_RATE_LIMIT";

/** Marks oktakit's errors, so guards recognize them across copies of the package. */
export const OKTA_ERROR_BRAND: unique symbol = Symbol.for("@oktakit/management.error") as never;

/** The base class of every error oktakit throws. */
export class OktaError extends Error {
  /** What kind of failure this is; stable across versions and minification. */
  readonly code: OktaErrorCode;
  /** Creates an error; `cause` is kept as a redacted copy (name, code and message only). */
  constructor(message: string, options?: { cause?: unknown }, code: OktaErrorCode = "ERR_OKTA") {
    super(message, options?.cause === undefined ? undefined : { cause: safeCause(options.cause) });
    this.code = code;
  }
}

/**
 * Sets a class's `name` on its prototype: the name survives minification (unlike `new.target.name`) and
 * is already there when the runtime formats the stack.
 */
function named(cls: { prototype: Error }, name: string): void {
  Object.defineProperty(cls.prototype, "name", { value: name, writable: true, configurable: true });
}
named(OktaError, "OktaError");
Object.defineProperty(OktaError.prototype, OKTA_ERROR_BRAND, { value: true });

/**
 * A copy of a foreign error that can be shown anywhere: its name, string `code` and message (with token-like
 * text removed), and its own cause likewise, a few levels deep. ky's errors carry the `Request` (headers
 * included) and runtime errors may carry sockets or options; none of that is kept. oktakit's own errors
 * are already safe and are kept as they are.
 */
export function safeCause(cause: unknown, depth = 0): unknown {
  if (isBranded(cause)) return cause;
  const source = cause as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown } | null;
  const isObject = typeof source === "object" && source !== null;
  const message = isObject && typeof source.message === "string" ? source.message : String(cause);
  const copy = new Error(redactText(message));
  const name = isObject && typeof source.name === "string" ? source.name : "Error";
  Object.defineProperty(copy, "name", { value: name, configurable: true, writable: true });
  // The original's frames (V8 `    at ...`, JavaScriptCore `fn@file:1:2`), under the redacted message.
  const stack = isObject && typeof (source as { stack?: unknown }).stack === "string"
    ? (source as { stack: string }).stack.split("\n").filter((line) =>
      /^\s+at\s|^\S*@\S+:\d+:\d+$/.test(line)
    )
    : [];
  copy.stack = [`${name}: ${copy.message}`, ...stack].join("\n");
  if (isObject && (typeof source.code === "string" || typeof source.code === "number")) {
    Object.defineProperty(copy, "code", { value: source.code, enumerable: true });
  }
  if (isObject && source.cause !== undefined && depth < 3) {
    Object.defineProperty(copy, "cause", { value: safeCause(source.cause, depth + 1), configurable: true });
  }
  return copy;
}

function isBranded(value: unknown): value is OktaError {
  return typeof value === "object" && value !== null &&
    (value as Record<symbol, unknown>)[OKTA_ERROR_BRAND] === true;
}

/** One entry of an Okta error's `errorCauses`. */
export interface OktaErrorCause {
  /** What was wrong, as Okta words it. */
  errorSummary: string;
  /** Any other fields Okta sends. */
  [key: string]: unknown;
}

/** What every HTTP-level error records about the exchange. */
export interface ResponseFacts {
  /** HTTP status code. */
  status: number;
  /** Request method. */
  method: string;
  /** Request URL. */
  url: string;
  /** Response headers. */
  headers: Headers;
}

/**
 * An answer that is not what the call needed: an error status whose body is not Okta's JSON error shape
 * (an HTML page from a proxy, plain text...). Subclasses cover Okta's own errors, unusable successful
 * answers and redirects.
 */
export class HttpError extends OktaError {
  /** HTTP status code (0 when the runtime hid a redirect's status). */
  readonly status: number;
  /** The request method. */
  readonly method: string;
  /**
   * The request URL, with the values of query parameters other than the safe ones (`limit`, `after`,
   * `filter`, `search`, `q`, `expand`, `since`, `until`, `sortBy`, `sortOrder`) shown as `[REDACTED]`.
   */
  readonly url: string;
  /**
   * Response headers (`X-Rate-Limit-*` among them; `Set-Cookie` removed, and query values in `Location` and
   * `Link` redacted as in {@linkcode HttpError.url}).
   */
  readonly headers: Headers;
  /** The `X-Okta-Request-Id` header, for Okta support; `undefined` when absent. */
  readonly requestId: string | undefined;
  /** The response body as text (at most 2,000 characters kept). */
  readonly body: string;

  /** Creates the error from the facts of a response. */
  constructor(
    facts: ResponseFacts & { body: string; message?: string; cause?: unknown },
    code: OktaErrorCode = "ERR_OKTA_HTTP",
  ) {
    // Query values are redacted here, once, so no message, inspection or serialization shows a `?code=`.
    const url = redactUrl(facts.url);
    super(redactText(facts.message ?? `${facts.method} ${url} failed with HTTP ${facts.status}.`), {
      cause: facts.cause,
    }, code);
    this.status = facts.status;
    this.method = facts.method;
    this.url = url;
    this.headers = withoutCookies(facts.headers);
    this.requestId = facts.headers.get("x-okta-request-id") ?? undefined;
    this.body = facts.body.slice(0, 2000);
  }
}
named(HttpError, "HttpError");

/** Headers that carry URLs, whose query values are redacted like the error's own URL. */
const URL_HEADERS = ["location", "content-location", "link"];

function withoutCookies(headers: Headers): Headers {
  const urls = URL_HEADERS.filter((name) => headers.has(name));
  if (!headers.has("set-cookie") && urls.length === 0) return headers;
  const copy = new Headers(headers);
  copy.delete("set-cookie");
  for (const name of urls) copy.set(name, redactText(copy.get(name)!));
  return copy;
}

/** Okta's JSON error answer: `{errorCode, errorSummary, errorLink, errorId, errorCauses}`. */
export class OktaApiError extends HttpError {
  /** Always `"ERR_OKTA_API"` (a literal type: {@linkcode AnyOktaError} narrows on it). */
  declare readonly code: "ERR_OKTA_API";
  /** Okta's error code, such as `E0000007` (not found) or `E0000047` (rate limit). */
  readonly errorCode: string;
  /** Okta's one-line summary. */
  readonly errorSummary: string;
  /** Okta's per-field causes (validation problems in particular). */
  readonly errorCauses: OktaErrorCause[];
  /** Okta's link for the error code. */
  readonly errorLink: string | undefined;
  /** Okta's id for this occurrence. */
  readonly errorId: string | undefined;
  /**
   * The OAuth scopes the operation requires, when this is a missing-scope refusal (`E0000006` with known
   * scopes, or `WWW-Authenticate: ... error="insufficient_scope"`).
   */
  readonly requiredScopes: readonly string[] | undefined;

  /** Creates the error from a response and its parsed Okta error body. */
  constructor(
    facts: ResponseFacts & { body: string; data: Record<string, unknown>; scopes?: readonly string[] },
  ) {
    const { data } = facts;
    const errorCode = String(data.errorCode ?? "");
    const errorSummary = String(data.errorSummary ?? "");
    const causes = Array.isArray(data.errorCauses) ? data.errorCauses as OktaErrorCause[] : [];
    // Okta's summaries sometimes end with a period, and the hint adds its own.
    let message = `${facts.method} ${pathOf(facts.url)} failed with HTTP ${facts.status} ${errorCode}: ${
      withoutPeriod(errorSummary)
    }`;
    const details = causes.map((cause) => cause?.errorSummary).filter(Boolean);
    if (details.length) message += ` (${details.join("; ")})`;
    const scopes = missingScopes(facts.status, errorCode, facts.headers, facts.scopes);
    message += hint(facts.status, errorCode, scopes);
    super({ ...facts, message }, "ERR_OKTA_API");
    this.errorCode = errorCode;
    this.errorSummary = errorSummary;
    this.errorCauses = causes;
    this.errorLink = typeof data.errorLink === "string" ? data.errorLink : undefined;
    this.errorId = typeof data.errorId === "string" ? data.errorId : undefined;
    this.requiredScopes = scopes;
  }
}
named(OktaApiError, "OktaApiError");

/**
 * The scopes a 403 says are missing: only for Okta's "not enough permissions" (`E0000006`, named with the
 * operation's scopes) or an OAuth `insufficient_scope` challenge (its `scope` parameter, else the
 * operation's). Any other 403 (`E0000068` wrong passcode, a locked user) is not about scopes.
 */
function missingScopes(
  status: number,
  code: string,
  headers: Headers,
  known: readonly string[] | undefined,
): readonly string[] | undefined {
  if (status !== 403) return undefined;
  const challenge = headers.get("www-authenticate") ?? "";
  if (/error\s*=\s*"?insufficient_scope/i.test(challenge)) {
    const named = /scope\s*=\s*"([^"]*)"/i.exec(challenge)?.[1]?.split(/\s+/).filter(Boolean);
    return named?.length ? named : known ?? [];
  }
  return code === "E0000006" && known?.length ? known : undefined;
}

/** What to do about the common statuses, appended to messages. */
function hint(status: number, code: string, scopes: readonly string[] | undefined): string {
  if (scopes) {
    const list = scopes.length
      ? `the OAuth scope${scopes.length > 1 ? "s" : ""} ${scopes.join(", ")}`
      : "an OAuth scope the token lacks";
    return `. This operation needs ${list}: ` +
      "grant them to the service app and request them in `scopes`, or check the admin role of the token's owner.";
  }
  // E0000015 is a 401 about the org's features, not the credentials.
  if (code === "E0000015") {
    return ". The org lacks the feature this operation needs, or it is not turned on: " +
      "the credentials are not the problem.";
  }
  if (status === 401 || code === "E0000011") return ". Check the API token or access token and the org URL.";
  return ".";
}

/** `text` without one final period (and the blanks after it). */
export function withoutPeriod(text: string): string {
  return text.replace(/\.\s*$/, "");
}

/**
 * A successful status whose body cannot be used: JSON expected but the body is empty, garbled, HTML or of
 * the wrong shape (a list page that is not an array). Often a proxy or a captive portal in the way.
 */
export class InvalidResponseError extends HttpError {
  /** Always `"ERR_OKTA_INVALID_RESPONSE"` (a literal type: {@linkcode AnyOktaError} narrows on it). */
  declare readonly code: "ERR_OKTA_INVALID_RESPONSE";
  /** Creates the error from the facts of a response. */
  constructor(facts: ResponseFacts & { body: string; message: string; cause?: unknown }) {
    super(facts, "ERR_OKTA_INVALID_RESPONSE");
  }
}
named(InvalidResponseError, "InvalidResponseError");

/**
 * A redirect the client did not follow: to another origin, for a method other than GET or HEAD, or one
 * hop too many. Credentials and bodies are never sent after a redirect to another origin.
 */
export class RedirectError extends HttpError {
  /** Always `"ERR_OKTA_REDIRECT"` (a literal type: {@linkcode AnyOktaError} narrows on it). */
  declare readonly code: "ERR_OKTA_REDIRECT";
  /** The `Location` it pointed to, absolute; `undefined` when the runtime hides it. */
  readonly location: string | undefined;
  /** Creates the error from the facts of the redirect response. */
  constructor(facts: ResponseFacts & { message: string; location: string | undefined }) {
    super({ ...facts, body: "" }, "ERR_OKTA_REDIRECT");
    this.location = facts.location === undefined ? undefined : redactUrl(facts.location);
  }
}
named(RedirectError, "RedirectError");

/** The configuration is wrong; `problems` lists every problem found, each with its field and source. */
export class ConfigError extends OktaError {
  /** Always `"ERR_OKTA_CONFIG"` (a literal type: {@linkcode AnyOktaError} narrows on it). */
  declare readonly code: "ERR_OKTA_CONFIG";
  /** Every problem found, in the order the fields are documented. */
  readonly problems: readonly ConfigProblem[];
  /** Creates the error from its problems. */
  constructor(problems: readonly ConfigProblem[]) {
    const lines = problems.map((p) =>
      `  - ${p.field} (${p.source === "not set" ? p.source : `from ${p.source}`}): ${p.message}`
    );
    super(`Invalid Okta client configuration:\n${lines.join("\n")}`, undefined, "ERR_OKTA_CONFIG");
    this.problems = problems;
  }
}
named(ConfigError, "ConfigError");

/** One configuration problem. */
export interface ConfigProblem {
  /** The field, as a dotted path in the YAML shape (`okta.client.orgUrl`). */
  field: string;
  /**
   * Where the value came from: `constructor`, `environment (OKTA_CLIENT_ORGURL)`, a file path with the line
   * where known (`./okta.yaml:4`), `environment` for a variable name, or `not set` for a missing value.
   */
  source: string;
  /** What is wrong and what to do. */
  message: string;
}

/** Obtaining or using credentials failed (token endpoint errors, unreadable private keys, unusable tokens). */
export class AuthError extends OktaError {
  /** Always `"ERR_OKTA_AUTH"` (a literal type: {@linkcode AnyOktaError} narrows on it). */
  declare readonly code: "ERR_OKTA_AUTH";
  /** The OAuth `error` code (`invalid_client`, `invalid_scope`, ...), when the server sent one. */
  readonly error: string | undefined;
  /** The OAuth `error_description`, when the server sent one. */
  readonly errorDescription: string | undefined;
  /** The HTTP status of the token endpoint's answer, when there was one. */
  readonly status: number | undefined;
  /** Creates the error. */
  constructor(
    message: string,
    details: { error?: string; errorDescription?: string; status?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause }, "ERR_OKTA_AUTH");
    this.error = details.error;
    this.errorDescription = details.errorDescription;
    this.status = details.status;
  }
}
named(AuthError, "AuthError");

/** The call did not finish within `requestTimeout` (or one attempt within `connectionTimeout`). */
export class TimeoutError extends OktaError {
  /** Always `"ERR_OKTA_TIMEOUT"` (a literal type: {@linkcode AnyOktaError} narrows on it). */
  declare readonly code: "ERR_OKTA_TIMEOUT";
  /** Creates the error. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options, "ERR_OKTA_TIMEOUT");
  }
}
named(TimeoutError, "TimeoutError");

/**
 * The request never got a complete HTTP answer (DNS, connection refused, a reset before or during the
 * body). Retried for idempotent methods only; `attempts` says how many were made.
 */
export class NetworkError extends OktaError {
  /** Always `"ERR_OKTA_NETWORK"` (a literal type: {@linkcode AnyOktaError} narrows on it). */
  declare readonly code: "ERR_OKTA_NETWORK";
  /** How many times the request was sent. */
  readonly attempts: number;
  /** Creates the error. */
  constructor(message: string, options?: { cause?: unknown; attempts?: number }) {
    super(message, options, "ERR_OKTA_NETWORK");
    this.attempts = options?.attempts ?? 1;
  }
}
named(NetworkError, "NetworkError");

/**
 * Rate limiting ended the call: Okta answered 429 and no retry followed (`rateLimit.maxRetries` was
 * spent, or is 0), or a wait was refused before sending: the wait for its bucket, for a retry after a 429,
 * or that `Retry-After` asked for, was longer than `rateLimit.maxWait` (at most two minutes), or
 * `onRateLimit` declined it. It is the one type to catch for "rate limited"; `status` tells the two cases
 * apart (429, or `undefined` when nothing was sent for the wait refused).
 */
export class RateLimitError extends OktaError {
  /** Always `"ERR_OKTA_RATE_LIMIT"` (a literal type: {@linkcode AnyOktaError} narrows on it). */
  declare readonly code: "ERR_OKTA_RATE_LIMIT";
  /** The rate-limit bucket, such as `GET /api/v1/users/{idOrLogin}`, when it is known. */
  readonly bucket: string | undefined;
  /**
   * How long the call would have had to wait before another attempt, in milliseconds (for a 429: until the
   * bucket's reset read against the server's `Date`, or `Retry-After`; 0 when the answer said neither).
   */
  readonly waitMs: number;
  /**
   * When the bucket's window resets, by this machine's clock (Okta's `X-Rate-Limit-Reset` read against its
   * `Date` header); `undefined` when unknown.
   */
  readonly resetAt: Date | undefined;
  /**
   * How many times the request was sent: after a 429, or when a retry's wait was refused. 0 when the
   * scheduler refused a wait for the bucket (it does not count a call's attempts).
   */
  readonly attempts: number;
  /** The longest wait the client accepts, in milliseconds, when that was the reason. */
  readonly maxWaitMs: number | undefined;
  /**
   * `bucket` (its window is spent), `429` (Okta answered 429) or `concurrency` (Okta's concurrent-request
   * limit), when known.
   */
  readonly reason: "bucket" | "429" | "concurrency" | undefined;
  /** 429 when Okta answered; `undefined` when the call gave up before sending. */
  readonly status: number | undefined;
  /** Okta's error code (`E0000047`) when it answered with its error body. */
  readonly errorCode: string | undefined;
  /** Okta's summary when it answered with its error body. */
  readonly errorSummary: string | undefined;
  /** The 429's `X-Okta-Request-Id`, for Okta support. */
  readonly requestId: string | undefined;
  /** The 429's headers (`X-Rate-Limit-*` among them; `Set-Cookie` removed). */
  readonly headers: Headers | undefined;
  /** Creates the error. */
  constructor(
    message: string,
    details: {
      waitMs: number;
      maxWaitMs?: number;
      bucket?: string;
      reason?: "bucket" | "429" | "concurrency";
      resetAt?: Date;
      attempts?: number;
      status?: number;
      errorCode?: string;
      errorSummary?: string;
      headers?: Headers;
    },
  ) {
    super(message, undefined, "ERR_OKTA_RATE_LIMIT");
    this.waitMs = details.waitMs;
    this.maxWaitMs = details.maxWaitMs;
    this.bucket = details.bucket;
    this.reason = details.reason;
    this.resetAt = details.resetAt;
    this.attempts = details.attempts ?? 0;
    this.status = details.status;
    this.errorCode = details.errorCode;
    this.errorSummary = details.errorSummary;
    this.headers = details.headers && withoutCookies(details.headers);
    this.requestId = details.headers?.get("x-okta-request-id") ?? undefined;
  }
}
named(RateLimitError, "RateLimitError");

/** The error for a successful status whose body is unusable. */
export function invalid(
  response: Response,
  method: string,
  url: string,
  body: string,
  what: string,
  cause?: unknown,
): InvalidResponseError {
  return new InvalidResponseError({
    status: response.status,
    method,
    url,
    headers: response.headers,
    body,
    cause,
    message: `${method} ${pathOf(url)} answered HTTP ${response.status} ${what}.`,
  });
}

// OktaError and HttpError keep the wide `code` type (their subclasses set their own codes), so their members
// narrow them with an intersection; every other class declares its literal with `declare`, which emits no
// field, so the one assignment in OktaError's constructor stays the only one at run time.
/**
 * Every error oktakit throws, as a union discriminated by `code`: `switch (error.code)` (or an `if` on it)
 * narrows to the one class, with its own members, and a `default` branch that assigns to `never` proves a
 * switch covers every code. Each class sets its own `code`, so a code always names its class.
 *
 * @example Handling each kind of failure
 * ```ts ignore
 * import { type AnyOktaError, isOktaError } from "@oktakit/management";
 *
 * try {
 *   await okta.user.getUser("ada@example.com");
 * } catch (caught) {
 *   if (!isOktaError(caught)) throw caught;
 *   const error = caught as AnyOktaError;
 *   switch (error.code) {
 *     case "ERR_OKTA_API":
 *       console.log(error.status, error.errorCode, error.requiredScopes);
 *       break;
 *     case "ERR_OKTA_RATE_LIMIT":
 *       console.log(`would have waited ${error.waitMs} ms for ${error.bucket}`);
 *       break;
 *     case "ERR_OKTA_CONFIG":
 *       for (const problem of error.problems) console.log(problem.field, problem.message);
 *       break;
 *     default:
 *       console.log(error.code, error.message);
 *   }
 * }
 * ```
 */
export type AnyOktaError =
  | (OktaError & { readonly code: "ERR_OKTA" })
  | (HttpError & { readonly code: "ERR_OKTA_HTTP" })
  | OktaApiError
  | InvalidResponseError
  | RedirectError
  | ConfigError
  | AuthError
  | TimeoutError
  | NetworkError
  | RateLimitError;
