/**
 * Where the rate-limit scheduler keeps what it knows of each bucket. The default lives in memory, private
 * to one client; give several clients (or processes, through an adapter over Deno KV, Redis or a Durable
 * Object) one store and they share each bucket's budget.
 *
 * @module
 */
import type { RateLimitBucketState, RateLimitStore } from "../../seams.ts";

/**
 * An in-memory store. One per client by default; pass one instance to several clients in one process to
 * make them share budgets.
 *
 * @example Two clients, one budget
 * ```ts
 * import { memoryRateLimitStore } from "./store.ts";
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
