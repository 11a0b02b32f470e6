/**
 * One error hierarchy: everything oktakit throws is an {@linkcode OktaError}.
 *
 * @example Telling errors apart
 * ```ts ignore
 * try {
 *   await okta.user.getUser("nobody@example.com");
 * } catch (error) {
 *   if (error instanceof OktaApiError && error.errorCode === "E0000007") console.log("no such user");
 *   else throw error;
 * }
 * ```
 *
 * @module
 */

/** The base class of every error oktakit throws. */
export class OktaError extends Error {
  /** Creates an error; `cause` keeps the underlying error. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** One entry of an Okta error's `errorCauses`. */
export interface OktaErrorCause {
  /** What was wrong, as Okta words it. */
  errorSummary: string;
  /** Any other fields Okta sends. */
  [key: string]: unknown;
}

/** What every HTTP-level error records about the exchange. */
interface ResponseFacts {
  /** HTTP status code. */
  status: number;
  /** Request method. */
  method: string;
  /** Request URL. */
  url: string;
  /** Response headers. */
  headers: Headers;
}

/** An error response that was not Okta's JSON error shape (an HTML page from a proxy, plain text...). */
export class HttpError extends OktaError {
  /** HTTP status code. */
  readonly status: number;
  /** The request method. */
  readonly method: string;
  /** The request URL. */
  readonly url: string;
  /** Response headers (`X-Rate-Limit-*` among them). */
  readonly headers: Headers;
  /** The `X-Okta-Request-Id` header, for Okta support; `undefined` when absent. */
  readonly requestId: string | undefined;
  /** The response body as text (at most 2,000 characters kept). */
  readonly body: string;

  /** Creates the error from the facts of a response. */
  constructor(facts: ResponseFacts & { body: string; message?: string; cause?: unknown }) {
    super(facts.message ?? `${facts.method} ${facts.url} failed with HTTP ${facts.status}.`, {
      cause: facts.cause,
    });
    this.status = facts.status;
    this.method = facts.method;
    this.url = facts.url;
    this.headers = facts.headers;
    this.requestId = facts.headers.get("x-okta-request-id") ?? undefined;
    this.body = facts.body.slice(0, 2000);
  }
}

/** Okta's JSON error answer: `{errorCode, errorSummary, errorLink, errorId, errorCauses}`. */
export class OktaApiError extends HttpError {
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
  /** The OAuth scopes the operation requires, when known (set on 403s). */
  readonly requiredScopes: readonly string[] | undefined;

  /** Creates the error from a response and its parsed Okta error body. */
  constructor(
    facts: ResponseFacts & { body: string; data: Record<string, unknown>; scopes?: readonly string[] },
  ) {
    const { data } = facts;
    const errorCode = String(data.errorCode ?? "");
    const errorSummary = String(data.errorSummary ?? "");
    const causes = Array.isArray(data.errorCauses) ? data.errorCauses as OktaErrorCause[] : [];
    let message = `${facts.method} ${
      new URL(facts.url).pathname
    } failed with HTTP ${facts.status} ${errorCode}: ${errorSummary}`;
    const details = causes.map((cause) => cause?.errorSummary).filter(Boolean);
    if (details.length) message += ` (${details.join("; ")})`;
    message += hint(facts.status, errorCode, facts.scopes);
    super({ ...facts, message });
    this.errorCode = errorCode;
    this.errorSummary = errorSummary;
    this.errorCauses = causes;
    this.errorLink = typeof data.errorLink === "string" ? data.errorLink : undefined;
    this.errorId = typeof data.errorId === "string" ? data.errorId : undefined;
    this.requiredScopes = facts.scopes;
  }
}

/** What to do about the common statuses, appended to messages. */
function hint(status: number, code: string, scopes: readonly string[] | undefined): string {
  if (status === 403 && scopes?.length) {
    return `. This operation needs the OAuth scope${scopes.length > 1 ? "s" : ""} ${scopes.join(", ")}: ` +
      "grant them to the service app and request them in `scopes`, or check the admin role of the token's owner.";
  }
  if (status === 401 || code === "E0000011") return ". Check the API token or access token and the org URL.";
  if (status === 429) {
    return ". Rate limit still exceeded after retrying; raise `rateLimit.maxRetries` or slow down.";
  }
  return ".";
}

/** The configuration is wrong; `problems` lists every problem found, each with its field and source. */
export class ConfigError extends OktaError {
  /** Every problem found, in the order the fields are documented. */
  readonly problems: readonly ConfigProblem[];
  /** Creates the error from its problems. */
  constructor(problems: readonly ConfigProblem[]) {
    const lines = problems.map((p) => `  - ${p.field} (from ${p.source}): ${p.message}`);
    super(`Invalid Okta client configuration:\n${lines.join("\n")}`);
    this.problems = problems;
  }
}

/** One configuration problem. */
export interface ConfigProblem {
  /** The field, as a dotted path in the YAML shape (`okta.client.orgUrl`). */
  field: string;
  /** Where the value came from: `constructor`, `environment (OKTA_CLIENT_ORGURL)`, a file path, or `default`. */
  source: string;
  /** What is wrong and what to do. */
  message: string;
}

/** Obtaining or using credentials failed (token endpoint errors, unreadable private keys). */
export class AuthError extends OktaError {
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
    super(message, { cause: details.cause });
    this.error = details.error;
    this.errorDescription = details.errorDescription;
    this.status = details.status;
  }
}

/** The call did not finish within `requestTimeout` (or one attempt within `connectionTimeout`). */
export class TimeoutError extends OktaError {}

/** The request never got an HTTP answer (DNS, connection refused, reset). Not retried for POST/PATCH. */
export class NetworkError extends OktaError {}

/**
 * A call was not sent because of rate limiting: the wait for its bucket (or for a retry after a 429) was
 * longer than `rateLimit.maxWait`, or `onRateLimit` declined it. Nothing was sent for the wait refused.
 */
export class RateLimitError extends OktaError {
  /** The rate-limit bucket, such as `GET /api/v1/users/{idOrLogin}`. */
  readonly bucket: string;
  /** How long the call would have waited, in milliseconds. */
  readonly waitMs: number;
  /** `bucket` (its window is spent), `429` (a retry after a 429) or `concurrency` (Okta's concurrent limit). */
  readonly reason: "bucket" | "429" | "concurrency";
  /** Creates the error. */
  constructor(
    message: string,
    details: { bucket: string; waitMs: number; reason: RateLimitError["reason"] },
  ) {
    super(message);
    this.bucket = details.bucket;
    this.waitMs = details.waitMs;
    this.reason = details.reason;
  }
}
