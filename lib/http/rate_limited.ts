/**
 * The error for a 429 that ends a call (no retry follows), for API calls and the token endpoint alike: a
 * {@linkcode RateLimitError} with the bucket, the reset, the attempts and Okta's own error code and summary,
 * and a message that says whether a retry was made.
 *
 * @module
 */
import { RateLimitError, withoutPeriod } from "../errors.ts";
import { pathOf } from "../path.ts";
import { isConcurrencyLimit, rateLimitDelay, readRateLimit, retryAfterDelay } from "./rate_limit/headers.ts";

/** What the attempt loop knows of a call that a 429 ends. */
export interface RateLimitFacts {
  /** The call's rate-limit bucket. */
  bucket: string | undefined;
  /** How many times the request was sent. */
  attempts: number;
  /** How many of those were retries after a 429. */
  retried: number;
  /** `rateLimit.maxRetries`. */
  maxRetries: number;
  /** The clock the reset is read against when the answer has no `Date`. */
  now?: () => number;
}

/**
 * The {@linkcode RateLimitError} for a 429 that ends a call (no retry follows), whose body has been read as
 * `body`: Okta's error code and summary when the body is Okta's error, the bucket, the reset and the
 * attempts. The message says whether a retry was made.
 */
export function rateLimitedError(
  response: Response,
  body: string,
  method: string,
  url: string,
  facts: RateLimitFacts,
): RateLimitError {
  const { headers } = response;
  const now = facts.now ?? Date.now;
  let data: Record<string, unknown> | undefined;
  try {
    const parsed = JSON.parse(body);
    if (parsed && typeof parsed === "object" && "errorCode" in parsed) data = parsed;
  } catch {
    // Not Okta's error body: a proxy's page.
  }
  const errorCode = data && String(data.errorCode);
  const errorSummary = data && String(data.errorSummary ?? "");
  const concurrency = isConcurrencyLimit(headers);
  const reset = readRateLimit(headers).reset;
  const untilReset = reset === undefined || reset === 0 ? undefined : rateLimitDelay(headers, now);
  const waitMs = retryAfterDelay(headers, now) ?? untilReset ?? 0;
  const okta = errorCode ? ` ${errorCode}${errorSummary ? `: ${withoutPeriod(errorSummary)}` : ""}` : "";
  const what = concurrency ? "Okta's concurrent-request limit" : "the rate limit";
  const bucket = facts.bucket ? ` of ${facts.bucket}` : "";
  const attempts = `${facts.attempts} attempt${facts.attempts === 1 ? "" : "s"} made`;
  const retries = facts.retried > 0
    ? `still rate limited after ${facts.retried} retr${facts.retried === 1 ? "y" : "ies"} (${attempts})`
    : `not retried (${attempts}; rateLimit.maxRetries is ${facts.maxRetries})`;
  const when = waitMs > 0 ? ` It resets in about ${Math.ceil(waitMs / 1000)} s.` : "";
  const advice = concurrency
    ? " Send fewer requests at once (rateLimit.maxConcurrent) or raise rateLimit.maxRetries."
    : " Slow down, or raise rateLimit.maxRetries to wait for the reset.";
  return new RateLimitError(
    `${method} ${pathOf(url)} hit ${what}${bucket} (HTTP 429${okta}): ${retries}.${when}${advice}`,
    {
      waitMs,
      bucket: facts.bucket,
      reason: concurrency ? "concurrency" : "429",
      resetAt: untilReset === undefined ? undefined : new Date(now() + untilReset - 1000),
      attempts: facts.attempts,
      status: response.status,
      errorCode,
      errorSummary,
      headers,
    },
  );
}
