/**
 * Holds one access token and makes sure that however many calls need a token at once, only one
 * token request is in flight; a failed request is never cached, so the next call tries again.
 *
 * @module
 */

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
}

/**
 * How long before expiry a token is replaced: 10% of its lifetime, at most 60 seconds, so a token is
 * never sent in its last moments (clock skew and slow requests would make it expire in flight).
 */
export function refreshMargin(token: CachedToken): number {
  return Math.min(60_000, (token.expiresAt - token.obtainedAt) / 10);
}

/**
 * A single-flight cache of one token.
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
  #load: () => Promise<CachedToken>;
  #clock: () => number;
  #token: CachedToken | undefined;
  #pending: Promise<CachedToken> | undefined;

  /** `load` obtains a new token; `clock` returns milliseconds since the epoch. */
  constructor(load: () => Promise<CachedToken>, clock: () => number) {
    this.#load = load;
    this.#clock = clock;
  }

  /**
   * Returns the cached token while it is fresh, else joins (or starts) the one token request. `signal`
   * only stops this caller waiting: the shared request carries on for the others.
   */
  get(signal?: AbortSignal): Promise<CachedToken> {
    const token = this.#token;
    if (token && this.#clock() < token.expiresAt - refreshMargin(token)) return Promise.resolve(token);
    this.#pending ??= this.#start();
    return signal ? abortable(this.#pending, signal) : this.#pending;
  }

  /**
   * Drops the cached token. With `accessToken`, drops it only if it is still the cached one, so many
   * calls failing with the same stale token cause one refresh, not many.
   */
  invalidate(accessToken?: string): void {
    if (accessToken === undefined || this.#token?.accessToken === accessToken) this.#token = undefined;
  }

  /** Whether a token is cached (fresh or not); for diagnostics and tests. */
  get hasToken(): boolean {
    return this.#token !== undefined;
  }

  /** The cached token, fresh or not, without loading one. */
  peek(): CachedToken | undefined {
    return this.#token;
  }

  #start(): Promise<CachedToken> {
    // Deferred by one microtask so that a loader throwing synchronously still clears `#pending`.
    const pending: Promise<CachedToken> = Promise.resolve()
      .then(() => this.#load())
      .then((token) => {
        this.#token = token;
        return token;
      })
      .finally(() => {
        if (this.#pending === pending) this.#pending = undefined;
      });
    return pending;
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
