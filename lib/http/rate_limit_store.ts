/**
 * Where the rate-limit scheduler keeps what it knows of each bucket. The default lives in memory, private
 * to one client; give several clients (or processes, through an adapter over Deno KV, Redis or a Durable
 * Object) one store and they share each bucket's budget.
 *
 * @module
 */

/** What is known of one bucket, in the server's time. Plain data: an adapter may store it as JSON. */
export interface RateLimitBucketState {
  /** `X-Rate-Limit-Limit` of the current window (0 until a response has said). */
  limit: number;
  /**
   * Requests the window still allows: the server's latest `X-Rate-Limit-Remaining`, less the requests
   * released since.
   */
  remaining: number;
  /** When the window resets: `X-Rate-Limit-Reset` in epoch milliseconds (0 until known). */
  reset: number;
  /**
   * While a probe (the one request sent when the window's budget is unknown) is out: the server time (epoch
   * ms) after which another caller may probe instead, in case its sender died; 0 when none is out.
   */
  probeUntil: number;
  /** The bucket's responses carry no rate-limit headers (not Okta, or a proxy): nothing to schedule. */
  untracked: boolean;
}

/**
 * A bucket store. `update` must be atomic per bucket: read the state, call `change` (pure; it may be
 * called again if another writer got in first), write what it returns (`change` returns the very state it
 * was given when nothing changed: a store may skip the write then). Return values may be promises.
 *
 * @example A Deno KV adapter (sketch)
 * ```ts ignore
 * const kvStore = (kv: Deno.Kv): RateLimitStore => ({
 *   async update(bucket, change) {
 *     for (;;) {
 *       const entry = await kv.get<RateLimitBucketState>(["okta-rate", bucket]);
 *       const [next, result] = change(entry.value ?? undefined);
 *       const ok = await kv.atomic().check(entry).set(["okta-rate", bucket], next, { expireIn: 120_000 }).commit();
 *       if (ok.ok) return result;
 *     }
 *   },
 * });
 * ```
 */
export interface RateLimitStore {
  /** Atomically replaces `bucket`'s state with what `change` computes from it, returning `change`'s result. */
  update<T>(
    bucket: string,
    change: (state: RateLimitBucketState | undefined) => [RateLimitBucketState, T],
  ): T | Promise<T>;
  /**
   * Optional: calls `listener` with the bucket's name after each change by anyone. Without it, a client
   * waiting for another client's probe checks again every few hundred milliseconds.
   */
  watch?(listener: (bucket: string) => void): () => void;
}

/**
 * An in-memory store. One per client by default; pass one instance to several clients in one process to
 * make them share budgets.
 *
 * @example Two clients, one budget
 * ```ts
 * import { memoryRateLimitStore } from "./rate_limit_store.ts";
 * const store = memoryRateLimitStore();
 * // new Okta({ ..., rateLimit: { store } }) for each client
 * store.update("/api/v1", () => [{ limit: 10, remaining: 9, reset: 0, probeUntil: 0, untracked: false }, 0]);
 * ```
 */
export function memoryRateLimitStore(): RateLimitStore {
  const buckets = new Map<string, RateLimitBucketState>();
  const listeners = new Set<(bucket: string) => void>();
  return {
    update(bucket, change) {
      const current = buckets.get(bucket);
      const [next, result] = change(current);
      if (next === current) return result; // unchanged: nothing to tell
      buckets.set(bucket, next);
      // Told after this update has returned, so a listener never runs inside another's update.
      if (listeners.size > 0) queueMicrotask(() => listeners.forEach((listener) => listener(bucket)));
      return result;
    },
    watch(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
