/**
 * Binds configuration, authentication and Okta's retry policy into the client's ky instances.
 *
 * ky's own 429 handling reads `X-Rate-Limit-Reset` against the client's clock and never retries POST, so
 * every retry decision is Okta's policy applied here ({@linkcode KyInstances.retryAgain}) with the per-call
 * {@linkcode CallState}: 429s for any method, 502/503/504 and network failures for idempotent methods only,
 * a 401 when the auth strategy can refresh. Most calls go through {@linkcode KyInstances.once}, which never
 * retries: the send loop (lib/http/send.ts) sends the call again, so ky clones no request and merges no
 * retry options or hooks into each call. Only a call whose body is a stream goes through the instance whose
 * retries ky makes; there `shouldRetry` applies the same policy, and the wait (the rate-limit reset read
 * against the server's `Date`, or backoff) and the per-attempt work (authorization, a DPoP proof,
 * `X-Okta-Retry-*`) happen in `beforeRetry`. Only the statuses that may be retried throw inside ky; every
 * other answer comes back as a `Response` untouched, so a successful call costs no clone of its body.
 *
 * @module
 */
import ky, {
  type BeforeRequestHook,
  isHTTPError,
  type KyInstance,
  type Options,
  type RetryOptions,
} from "ky";
import type { AuthStrategy } from "../auth/strategy.ts";
import type { Logger } from "../log.ts";
import { isOktaError } from "../error_guards.ts";
import { type Permit, type RateLimitScheduler, vetWait, type WaitPolicy } from "./scheduler.ts";
import { retryAfterFailure, schedule } from "./call_context.ts";
import { waitToSend } from "./sleep.ts";
import {
  backoffDelay,
  IDEMPOTENT_METHODS,
  isConcurrencyLimit,
  rateLimitDelay,
  RETRYABLE_STATUSES,
  retryAfterDelay,
} from "./retry_policy.ts";

/** Per-call retry bookkeeping, carried in ky's `context`. */
export interface CallState {
  /** Retries after a 429 (sent as `X-Okta-Retry-Count`). */
  rateLimited: number;
  /** Retries after a 5xx or a network failure. */
  failed: number;
  /** Retries an auth strategy asked for. */
  auth: number;
  /** The `X-Okta-Request-Id` of the first 429, sent back as `X-Okta-Retry-For`. */
  retryFor?: string;
  /** Milliseconds to wait before the next attempt, decided with the retry. */
  wait?: number;
  /** Why the next attempt happens, for the log. */
  reason?: string;
  /**
   * The call's signal: the caller's signal combined with the `requestTimeout` deadline. It cancels every
   * wait, token request, attempt and body read of the call.
   */
  signal?: AbortSignal;
  /** When `requestTimeout` runs out (epoch ms), if it is set. */
  deadline?: number;
  /** The operation, for hooks. */
  operationId?: string;
  /** The caller's own signal, to tell the caller's abort from the deadline's. */
  caller?: AbortSignal;
  /** How many times the request has been sent (attempts, retries and followed redirects). */
  sent: number;
  /** The call's rate-limit bucket (`bucketOf`). */
  bucket?: string;
  /** The rate-limit scheduler's permit for the attempt in flight, until its answer is settled. */
  permit?: Permit;
  /** The call has ended (a permit granted after that is handed straight back). */
  done?: boolean;
}

/** What the instance is built from. */
export interface KyInstanceOptions {
  /** The fetch to send with (already wrapped for proxies and TLS). */
  fetch: typeof fetch;
  /** Authorizes each attempt. */
  auth: AuthStrategy;
  /**
   * Headers every request carries whatever the attempt (a static token's `Authorization`): set once on the
   * instance, and then `auth` is not asked before the first attempt.
   */
  staticHeaders?: Record<string, string>;
  /** The headers a call sends unless it says otherwise (`User-Agent`, `Accept: application/json`). */
  defaultHeaders: Record<string, string>;
  /** Retries allowed per kind (429s; 5xx and network failures). */
  maxRetries: number;
  /** Per-attempt timeout in ms, or `false`. */
  timeout: number | false;
  /** Whole-call timeout in ms, or `false`. */
  totalTimeout: number | false;
  /** Where retries and waits are reported. */
  logger: Logger;
  /** Schedules every attempt (`rateLimit.throttle`); absent when off. */
  scheduler?: RateLimitScheduler;
  /** `rateLimit.maxWait` and `onRateLimit`, applied to waits after a 429. */
  waitPolicy?: WaitPolicy;
}

/** At most this many retries per call are driven by the auth strategy (token refresh, DPoP nonce). */
const MAX_AUTH_RETRIES = 2;
/** Statuses that throw inside ky so its retry machinery sees them; all others are returned as they are. */
const THROWING = new Set([401, 429, ...RETRYABLE_STATUSES]);
const ALL_METHODS = ["get", "head", "put", "delete", "options", "post", "patch"];

/** The client's ky instances and the retry policy they share with the send loop. */
export interface KyInstances {
  /**
   * Calls whose retries ky makes (it clones each request to send it again): only those whose body is a
   * stream, which cannot be sent twice otherwise.
   */
  ky: KyInstance;
  /**
   * Every other call: ky sends each attempt once and never retries, so it clones nothing, and the send loop
   * (lib/http/send.ts) retries with the same policy. The instance carries no option it does not need, since
   * ky merges every one of them into every call's.
   */
  once: KyInstance;
  /** Whether calls through {@linkcode once} must carry their state in ky's `context` (an auth hook reads it). */
  onceNeedsContext: boolean;
  /** Okta's verdict on one answer: whether to send the call again (counts and the wait go into `state`). */
  retryAgain(state: CallState, request: Request, response: Response): Promise<boolean>;
  /** What comes before another attempt once the verdict is yes: the rate-limit vetting, the log, the wait. */
  waitBeforeRetry(state: CallState, what: string, error: unknown, attempt: number): Promise<void>;
}

/** Builds the ky instances every call of one client goes through. */
export function createKyInstances(config: KyInstanceOptions): KyInstances {
  const { auth, logger, scheduler } = config;
  const retryAgain = verdict(config.maxRetries, auth, scheduler);
  async function waitBeforeRetry(state: CallState, what: string, error: unknown, attempt: number) {
    if (state.wait && isHTTPError(error) && error.response.status === 429 && config.waitPolicy) {
      const reason = isConcurrencyLimit(error.response.headers) ? "concurrency" : "429";
      vetWait(config.waitPolicy, { bucket: state.bucket ?? "", waitMs: state.wait, reason });
    }
    if (!state.wait) return;
    logger.warn(`${state.reason} on ${what}; retrying in ${state.wait} ms`, { attempt });
    await waitToSend(state.wait, `The retry of ${what} (${state.reason})`, state.deadline, state.signal);
  }
  // A static token is on the instances' headers; any other strategy authorizes each attempt.
  const authorize: BeforeRequestHook | undefined = config.staticHeaders
    ? undefined
    : async ({ request, options }) => {
      await auth.authorize(request, (options.context.okta as CallState).signal);
    };
  // What both instances carry.
  const common = {
    fetch: config.fetch,
    // Redirects are followed by the send loop, same origin and safe methods only: a runtime following a
    // 307 to another origin would re-send the body and the DPoP proof there.
    redirect: "manual",
    timeout: config.timeout,
    throwHttpErrors: (status: number) => THROWING.has(status),
    headers: { ...config.defaultHeaders, ...config.staticHeaders },
  } satisfies Options;
  const ky_ = ky.create({
    ...common,
    totalTimeout: config.totalTimeout,
    retry: {
      limit: 2 * config.maxRetries + MAX_AUTH_RETRIES,
      methods: ALL_METHODS,
      statusCodes: [...THROWING],
      afterStatusCodes: [],
      retryOnTimeout: true,
      delay: () => 0,
      shouldRetry: shouldRetry(retryAgain),
    },
    hooks: {
      // The first attempt is scheduled and counted by the send loop (lib/http/send.ts), before ky is called;
      // a static token needs no hook at all.
      beforeRequest: authorize ? [authorize] : [],
      beforeRetry: [async ({ request, options, error, retryCount }) => {
        const state = options.context.okta as CallState;
        if (!isHTTPError(error)) {
          // A network failure or timeout of an idempotent call (shouldRetry checked the method).
          scheduler?.settle(state);
          if (!retryAfterFailure(state, request.method, config.maxRetries, error.name)) throw error;
        }
        await waitBeforeRetry(
          state,
          `${request.method} ${new URL(request.url).pathname}`,
          error,
          retryCount + 1,
        );
        if (scheduler) await schedule(scheduler, state, true);
        if (state.retryFor) {
          request.headers.set("x-okta-retry-for", state.retryFor);
          request.headers.set("x-okta-retry-count", String(state.rateLimited));
        }
        // A static token is on the instance's headers, which ky keeps on the retried request.
        if (!config.staticHeaders) await auth.authorize(request, state.signal);
        state.sent++;
      }],
    },
  });
  const once = ky.create({
    ...common,
    // No totalTimeout: each attempt is a ky call of its own, and the call's signal carries its deadline.
    retry: 0,
    ...(authorize && { hooks: { beforeRequest: [authorize] } }),
  });
  return { ky: ky_, once, onceNeedsContext: authorize !== undefined, retryAgain, waitBeforeRetry };
}

/**
 * ky's `shouldRetry`, set once on the instance: every method and every status in {@linkcode THROWING}
 * reaches it, and it applies Okta's policy with the call's own counts, found in the error's options (HTTP
 * errors) or counted in `beforeRetry` (network failures and timeouts, whose errors carry no options).
 * Nothing retry-related is passed per call, which keeps ky's per-call option merging small.
 */
function shouldRetry(retryAgain: KyInstances["retryAgain"]): NonNullable<RetryOptions["shouldRetry"]> {
  return ({ error }) => {
    const request = (error as { request?: Request }).request;
    // oktakit's own errors (the deadline's abort reason, a refused wait) end the call.
    if (isOktaError(error)) return false;
    if (!isHTTPError(error)) {
      const idempotent = request !== undefined && IDEMPOTENT_METHODS.includes(request.method.toLowerCase());
      return idempotent && /NetworkError|TimeoutError/.test(error.name);
    }
    return retryAgain(error.options.context.okta as CallState, error.request, error.response);
  };
}

/** Okta's retry policy for one answer, with the call's own counts. */
function verdict(
  maxRetries: number,
  auth: AuthStrategy,
  scheduler: RateLimitScheduler | undefined,
): KyInstances["retryAgain"] {
  return async (state, request, response) => {
    scheduler?.settle(state, response); // every answer teaches the scheduler, retried ones included
    state.wait = 0;
    if (response.status === 401) {
      if (!auth.onResponse || state.auth >= MAX_AUTH_RETRIES) return false;
      if (await auth.onResponse(request, response, state.auth) !== "retry") return false;
      state.auth++;
      return true;
    }
    if (response.status === 429) {
      if (state.rateLimited >= maxRetries) return false;
      state.rateLimited++;
      state.retryFor ??= response.headers.get("x-okta-request-id") ?? undefined;
      state.wait = retryAfterDelay(response.headers) ?? rateLimitDelay(response.headers) ??
        backoffDelay(state.rateLimited);
      state.reason = isConcurrencyLimit(response.headers) ? "Concurrent-request limit" : "Rate limited";
      return true;
    }
    return retryAfterFailure(
      state,
      request.method,
      maxRetries,
      `HTTP ${response.status}`,
      retryAfterDelay(response.headers),
    );
  };
}
