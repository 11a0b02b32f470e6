/**
 * Rate budgets shared by every isolate of a Cloudflare Worker through a Durable Object: export
 * {@linkcode RateLimitDurableObject} from the Worker, bind it, and give
 * {@linkcode durableObjectRateLimitStore}`(env.BINDING)` to the client (`rateLimit.store`).
 *
 * @example wrangler.toml
 * ```toml
 * [[durable_objects.bindings]]
 * name = "RATE_LIMITS"
 * class_name = "RateLimitDurableObject"
 *
 * [[migrations]]
 * tag = "v1"
 * new_classes = ["RateLimitDurableObject"]
 * ```
 *
 * @module
 */
export {
  type DurableObjectNamespaceLike,
  durableObjectRateLimitStore,
  type DurableObjectRateLimitStoreOptions,
  type DurableObjectStubLike,
  RateLimitDurableObject,
} from "../lib/rate_limit_store/durable_object.ts";
export type { SharedStoreOptions } from "../lib/rate_limit_store/cas_store.ts";
export type { RateLimitBucketState, RateLimitStore } from "../lib/seams.ts";
