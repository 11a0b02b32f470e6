/**
 * Rate budgets shared across processes through Deno KV: a local file for the processes of one machine
 * (`Deno.openKv(path)` on Deno, `openKv(path)` from the `@deno/kv` npm package on Node and Bun), Deno
 * Deploy's KV, or a KV Connect server. Give the store to every client of the org (`rateLimit.store`).
 *
 * @example On Node or Bun
 * ```ts ignore
 * import { openKv } from "@deno/kv";
 * import { Okta } from "@oktakit/management";
 * import { denoKvRateLimitStore } from "@oktakit/management/rate-limit/deno-kv";
 *
 * const kv = await openKv("/var/tmp/okta-rate-limits.sqlite");
 * const okta = new Okta({ rateLimit: { store: denoKvRateLimitStore(kv, { prefix: "example.okta.com" }) } });
 * ```
 *
 * @module
 */
export {
  type DenoKvAtomicLike,
  type DenoKvEntryLike,
  type DenoKvLike,
  denoKvRateLimitStore,
  type DenoKvRateLimitStoreOptions,
} from "../lib/rate_limit_store/deno_kv.ts";
export type { SharedStoreOptions } from "../lib/rate_limit_store/cas_store.ts";
export type { RateLimitBucketState, RateLimitStore } from "../lib/seams.ts";
