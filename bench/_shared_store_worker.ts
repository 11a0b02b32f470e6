/**
 * One process of `bench/shared_store.ts`: `<runtime> bench/_shared_store_worker.ts`, with the org, the store
 * and the work in the environment (SHARED_ORG_URL, SHARED_TOKEN, SHARED_STORE = none | kv | redis | sdk,
 * SHARED_KV_PATH, SHARED_REDIS_PORT, SHARED_IDS, SHARED_START_AT). Starts at SHARED_START_AT (epoch ms), runs
 * its getUser calls at concurrency 10, and prints one JSON line: { failed, ms, runtime }.
 *
 * @module
 */
import process from "node:process";
import { Okta, type RateLimitStore } from "../mod.ts";
import { type DenoKvLike, denoKvRateLimitStore } from "../rate_limit/deno_kv.ts";
import { redisRateLimitStore } from "../rate_limit/redis.ts";
import { redisSend } from "../tests/_redis.ts";

const env = process.env;
const g = globalThis as unknown as { Deno?: { openKv(path: string): Promise<DenoKvLike> }; Bun?: unknown };
let store: RateLimitStore | undefined;
if (env.SHARED_STORE === "kv") {
  let kv: DenoKvLike;
  if (g.Deno) kv = await g.Deno.openKv(env.SHARED_KV_PATH!);
  else {
    const { openKv, makeLimitedV8Serializer } = await import("@deno/kv");
    kv = await openKv(env.SHARED_KV_PATH!, g.Bun ? makeLimitedV8Serializer() : {}) as unknown as DenoKvLike;
  }
  store = denoKvRateLimitStore(kv, { prefix: "bench" });
} else if (env.SHARED_STORE === "redis") {
  store = redisRateLimitStore(redisSend(Number(env.SHARED_REDIS_PORT)), { prefix: "bench" });
}
const okta = new Okta({
  orgUrl: env.SHARED_ORG_URL!,
  token: env.SHARED_TOKEN!,
  sources: false,
  testing: { disableHttpsCheck: true },
  rateLimit: { store },
  // SHARED_LOG=1 shows the client's warnings (waits, a failing store) on stderr.
  logging: { enabled: env.SHARED_LOG === "1", logLevel: "WARN" },
});
// SHARED_STORE=sdk: the official Node SDK instead (Node only; it has no shared store).
// deno-lint-ignore no-explicit-any
let sdk: any;
if (env.SHARED_STORE === "sdk") {
  const { Client } = await import(env.SHARED_SDK_PATH!);
  sdk = new Client({
    orgUrl: env.SHARED_ORG_URL,
    token: env.SHARED_TOKEN,
    testing: { disableHttpsCheck: true },
    cacheMiddleware: null,
  });
}
const ids = env.SHARED_IDS!.split(",");
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(env.SHARED_START_AT) - Date.now())));
const started = Date.now();
let failed = 0;
let next = 0;
await Promise.all(Array.from({ length: 10 }, async () => {
  while (next < ids.length) {
    const id = ids[next++];
    try {
      await (sdk ? sdk.userApi.getUser({ userId: id }) : okta.user.getUser(id));
    } catch {
      failed++;
    }
  }
}));
const runtime = g.Deno ? "deno" : g.Bun ? "bun" : "node";
console.log(JSON.stringify({ failed, ms: Date.now() - started, end: Date.now(), runtime }));
process.exit(0);
