/**
 * Holds one access token and makes sure that however many calls need a token at once, only one
 * token request is in flight; a failed request is never cached, so the next call tries again.
 *
 * @module
 */

import type { DpopProver } from "./dpop.ts";

/** An access token and when it stops being usable. */
export interface CachedToken {
  /** The access token itself. */
  accessToken: string;
  /** `"Bearer"`, or `"DPoP"` when the token is bound to a DPoP key. */
  tokenType: "Bearer" | "DPoP";
  /** When the token was obtained, in milliseconds since the epoch. */
  obtainedAt: number;
  /** When the token expires, in milliseconds since the epoch. */
  expiresAt: number;
  /** The scopes granted, as the token endpoint reported them. */
  scope?: string;
  /** For a DPoP token, the key it is bound to: every proof presenting it is signed with this key. */
  prover?: DpopProver;
}

/**
 * How long before expiry a token is replaced: 10% of its lifetime, at most 60 seconds, so a token is
 * never sent in its last moments (clock skew and slow requests would make it expire in flight).
 */
export function refreshMargin(token: CachedToken): number {
  return Math.min(60_000, (token.expiresAt - token.obtainedAt) / 10);
}

/**
 * A single-flight cache of one token. While the token is fresh it is served; in its refresh margin it is
 * still served and a new one is fetched in the background (a failed background refresh keeps the current
 * token in use until it expires); once expired (or invalidated) callers wait for the one token request.
 * That request is given a signal that aborts when every caller waiting for it has given up.
 *
 * @example
 * ```ts
 * import { TokenCache } from "./token_cache.ts";
 * const cache = new TokenCache(async () => ({
 *   accessToken: "t", tokenType: "Bearer", obtainedAt: Date.now(), expiresAt: Date.now() + 3_600_000,
 * }), Date.now);
 * const token = await cache.get();
 * ```
 */
export class TokenCache {
  #load: (signal: AbortSignal) => Promise<CachedToken>;
  #clock: () => number;
  #token: CachedToken | undefined;
  #pending: Pending | undefined;
  #lastBackgroundFailure = -Infinity;
  #onBackgroundError: ((error: unknown) => void) | undefined;

  /**
   * `load` obtains a new token (giving up when its signal aborts); `clock` returns milliseconds since the
   * epoch; `onBackgroundError` hears of failed background refreshes (the current token stays in use).
   */
  constructor(
    load: (signal: AbortSignal) => Promise<CachedToken>,
    clock: () => number,
    onBackgroundError?: (error: unknown) => void,
  ) {
    this.#load = load;
    this.#clock = clock;
    this.#onBackgroundError = onBackgroundError;
  }

  /**
   * Returns a usable token: the cached one while it has not expired (refreshing it in the background in
   * its last moments), else the result of the one token request in flight. `signal` stops this caller
   * waiting; the request itself is aborted only when no caller waits for it any more.
   */
  get(signal?: AbortSignal): Promise<CachedToken> {
    const token = this.#token;
    const now = this.#clock();
    if (token && now < token.expiresAt - refreshMargin(token)) return Promise.resolve(token);
    if (token && now < token.expiresAt) {
      // Refresh ahead without making anyone wait; after a failure, try again a few seconds later.
      if (!this.#pending && now - this.#lastBackgroundFailure >= BACKGROUND_RETRY_MS) {
        this.#start().promise.catch((error) => {
          this.#lastBackgroundFailure = this.#clock();
          this.#onBackgroundError?.(error);
        });
      }
      return Promise.resolve(token);
    }
    const pending = this.#pending ??= this.#start();
    return this.#wait(pending, signal);
  }

  /**
   * Drops the cached token. With `accessToken`, drops it only if it is still the cached one, so many
   * calls failing with the same stale token cause one refresh, not many.
   */
  invalidate(accessToken?: string): void {
    if (accessToken === undefined || this.#token?.accessToken === accessToken) this.#token = undefined;
  }

  /**
   * Starts fetching a replacement in the background, unless one is in flight, while the current token stays
   * in use (its DPoP key is due for rotation, say). Failures are reported as background refreshes are.
   */
  refreshAhead(): void {
    if (this.#pending || !this.#token) return;
    const now = this.#clock();
    if (now - this.#lastBackgroundFailure < BACKGROUND_RETRY_MS) return;
    this.#start().promise.catch((error) => {
      this.#lastBackgroundFailure = this.#clock();
      this.#onBackgroundError?.(error);
    });
  }

  /** The cached token, fresh or not, without loading one. */
  peek(): CachedToken | undefined {
    return this.#token;
  }

  #start(): Pending {
    const controller = new AbortController();
    // Deferred by one microtask so that a loader throwing synchronously still clears `#pending`.
    const entry: Pending = { controller, waiting: 0, promise: undefined as never };
    entry.promise = Promise.resolve()
      .then(() => this.#load(controller.signal))
      .then((token) => {
        this.#token = token;
        return token;
      })
      .finally(() => {
        if (this.#pending === entry) this.#pending = undefined;
      });
    this.#pending = entry;
    return entry;
  }

  #wait(pending: Pending, signal: AbortSignal | undefined): Promise<CachedToken> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    pending.waiting++;
    if (!signal) return pending.promise;
    return new Promise<CachedToken>((resolve, reject) => {
      const onAbort = () => {
        reject(signal.reason);
        // The last caller gone: nobody needs this token request any more.
        if (--pending.waiting === 0) pending.controller.abort(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      pending.promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    });
  }
}

/** After a failed background refresh, the next one is tried no sooner than this. */
const BACKGROUND_RETRY_MS = 5_000;

/** The token request in flight, with how many callers wait for it. */
interface Pending {
  promise: Promise<CachedToken>;
  controller: AbortController;
  waiting: number;
}
