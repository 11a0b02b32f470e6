/**
 * Rate budgets shared across processes through Redis (or Valkey, KeyDB, Upstash), over the Redis client you
 * already use: hand {@linkcode redisRateLimitStore} a function that runs one command, and give the store to
 * every client of the org (`rateLimit.store`). Their calls then share each bucket's budget and, with
 * `rateLimit.maxConcurrent`, one bound on requests in flight.
 *
 * @example With ioredis
 * ```ts ignore
 * import Redis from "ioredis";
 * import { Okta } from "@oktakit/management";
 * import { redisRateLimitStore } from "@oktakit/management/rate-limit/redis";
 *
 * const redis = new Redis();
 * const store = redisRateLimitStore(([name, ...args]) => redis.call(name, ...args), { prefix: "example.okta.com" });
 * const okta = new Okta({ rateLimit: { store } });
 * ```
 *
 * @module
 */
export {
  redisRateLimitStore,
  type RedisRateLimitStoreOptions,
  type RedisSend,
} from "../lib/rate_limit_store/redis.ts";
export type { SharedStoreOptions } from "../lib/rate_limit_store/cas_store.ts";
export type { RateLimitBucketState, RateLimitStore } from "../lib/seams.ts";
