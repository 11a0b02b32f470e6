/**
 * Binds configuration, authentication and Okta's retry policy into one ky instance.
 *
 * ky's own 429 handling reads `X-Rate-Limit-Reset` against the client's clock and never retries POST,
 * so status-driven retries are decided here in `afterResponse` (returning `ky.retry({delay})`), and ky's
 * built-in retry is left to network errors and timeouts of idempotent methods. `beforeRequest` runs once,
 * so per-attempt work (authorization, a DPoP proof, `X-Okta-Retry-*`) happens in `beforeRetry` too.
 *
 * @module
 */
import ky, { type KyInstance, type RetryOptions } from "ky";
import type { AuthStrategy } from "../auth/strategy.ts";
import type { Logger } from "../log.ts";
import {
  backoffDelay,
  IDEMPOTENT_METHODS,
  isConcurrencyLimit,
  rateLimitDelay,
  RETRYABLE_STATUSES,
} from "./retry_policy.ts";

/** Per-call retry bookkeeping, carried in ky's `context`. */
export interface CallState {
  /** Retries after a 429. */
  rateLimited: number;
  /** Retries after a 5xx or a network failure. */
  failed: number;
  /** Retries an auth strategy asked for. */
  auth: number;
  /** The `X-Okta-Request-Id` of the first 429, sent back as `X-Okta-Retry-For`. */
  retryFor?: string;
  /** Retries so far that carry `X-Okta-Retry-Count`. */
  retryCount: number;
}

/** What the instance is built from. */
export interface KyInstanceOptions {
  /** The fetch to send with (already wrapped for proxies and TLS). */
  fetch: typeof fetch;
  /** Authorizes each attempt. */
  auth: AuthStrategy;
  /** Retries allowed per kind (429s; 5xx and network errors). */
  maxRetries: number;
  /** Per-attempt timeout in ms, or `false`. */
  timeout: number | false;
  /** Whole-call timeout in ms, or `false`. */
  totalTimeout: number | false;
  /** Where retries and waits are reported. */
  logger: Logger;
}

/** At most this many retries per call are driven by the auth strategy (token refresh, DPoP nonce). */
const MAX_AUTH_RETRIES = 2;

const stateOf = (options: { context: Record<string, unknown> }) => options.context.okta as CallState;

/**
 * ky's retry options for one call. HTTP statuses never throw (`throwHttpErrors: false`), so only network
 * failures and timeouts reach `shouldRetry`, and only for idempotent methods (ky checks the method first).
 * With `state`, the per-call count of failures decides; `limit` only caps the total of all kinds.
 */
export function retryOptions(maxRetries: number, state?: CallState): RetryOptions {
  return {
    limit: 2 * maxRetries + MAX_AUTH_RETRIES,
    methods: [...IDEMPOTENT_METHODS],
    statusCodes: [],
    afterStatusCodes: [],
    retryOnTimeout: true,
    delay: (n) => backoffDelay(n),
    shouldRetry: ({ error }) => {
      if (!/NetworkError|TimeoutError/.test(error.name)) return false;
      return state ? state.failed < maxRetries : undefined;
    },
  };
}

/** Builds the ky instance every call of one client goes through. */
export function createKyInstance(config: KyInstanceOptions): KyInstance {
  const { auth, logger, maxRetries } = config;
  return ky.create({
    fetch: config.fetch,
    timeout: config.timeout,
    totalTimeout: config.totalTimeout,
    throwHttpErrors: false,
    retry: retryOptions(maxRetries),
    hooks: {
      beforeRequest: [async ({ request }) => {
        await auth.authorize(request);
      }],
      beforeRetry: [async ({ request, options, error, retryCount }) => {
        const state = stateOf(options);
        if (error.name !== "ForceRetryError") {
          state.failed++;
          logger.warn(`Retrying ${request.method} ${new URL(request.url).pathname} after ${error.name}`, {
            attempt: retryCount + 1,
          });
        }
        if (state.retryFor) {
          request.headers.set("x-okta-retry-for", state.retryFor);
          request.headers.set("x-okta-retry-count", String(state.retryCount));
        }
        await auth.authorize(request);
      }],
      afterResponse: [async ({ request, options, response, retryCount }) => {
        const state = stateOf(options);
        const path = new URL(request.url).pathname;
        if (auth.onResponse && state.auth < MAX_AUTH_RETRIES) {
          if (await auth.onResponse(request, response, retryCount) === "retry") {
            state.auth++;
            return ky.retry({ delay: 0, code: "AUTH" });
          }
        }
        if (response.status === 429 && state.rateLimited < maxRetries) {
          state.rateLimited++;
          state.retryCount++;
          state.retryFor ??= response.headers.get("x-okta-request-id") ?? undefined;
          const delay = rateLimitDelay(response.headers) ?? backoffDelay(state.rateLimited);
          logger.warn(`Rate limited on ${request.method} ${path}; retrying in ${delay} ms`, {
            retry: state.rateLimited,
            concurrencyLimit: isConcurrencyLimit(response.headers),
            requestId: response.headers.get("x-okta-request-id"),
          });
          return ky.retry({ delay, code: "RATE_LIMIT" });
        }
        const idempotent = IDEMPOTENT_METHODS.includes(request.method.toLowerCase());
        if (RETRYABLE_STATUSES.includes(response.status) && idempotent && state.failed < maxRetries) {
          state.failed++;
          const delay = backoffDelay(state.failed);
          logger.warn(`HTTP ${response.status} on ${request.method} ${path}; retrying in ${delay} ms`, {
            retry: state.failed,
          });
          return ky.retry({ delay, code: "SERVER_ERROR" });
        }
      }],
    },
  });
}
