/**
 * The shared rate-limit stores over real engines: a Deno KV file (`Deno.openKv` on Deno, `@deno/kv` on Node
 * and Bun) and a redis-server started on a free loopback port, each through the contract every store keeps
 * (tests/_shared_store_contract.ts); and the store failing safe when Redis is stopped mid-run and started
 * again. The Durable Object runs the same contract under workerd (scripts/workerd_durable_object.mjs).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { RateLimitWait } from "../mod.ts";
import { type DenoKvLike, denoKvRateLimitStore } from "../rate_limit/deno_kv.ts";
import { redisRateLimitStore } from "../rate_limit/redis.ts";
import { sharedStoreContract } from "./_shared_store_contract.ts";
import { redisSend, type RedisServer, redisUnavailable, startRedis } from "./_redis.ts";
import { orgClient, orgWithUsers } from "./_rate_limit_helpers.ts";

const isWorkerd = () =>
  ((globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent ?? "").startsWith(
    "Cloudflare-Workers",
  );

type Kv = DenoKvLike & { close(): void };

/** Three handles on one KV file in a fresh temporary directory (as three processes would have), or why none. */
async function openKvFile(): Promise<Kv[] | string> {
  if (isWorkerd()) return "workerd has no files for a KV store";
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const path = `${mkdtempSync(`${tmpdir()}/oktakit-kv-`)}/rate.sqlite`;
  const deno = (globalThis as { Deno?: { openKv?(path: string): Promise<Kv> } }).Deno;
  const open = deno?.openKv ? (p: string) => deno.openKv!(p) : async (p: string) => {
    // A specifier the workerd bundle does not follow (the package is a native Node addon).
    const specifier = "@deno/kv";
    const { openKv, makeLimitedV8Serializer } = await import(specifier) as typeof import("@deno/kv");
    // Bun's serializer is not V8's; the adapter stores bytes, which no serializer touches.
    const bun = (globalThis as { Bun?: unknown }).Bun !== undefined;
    return (await openKv(p, bun ? makeLimitedV8Serializer() : {})) as unknown as Kv;
  };
  const first = await open(path); // creates the file before the others open it
  return [first, await open(path), await open(path)];
}

describe("Deno KV store (a local KV file)", () => {
  let kvs: Kv[] = [];
  let why: string | undefined;
  before(async () => {
    const opened = await openKvFile();
    if (typeof opened === "string") why = opened;
    else kvs = opened;
  });
  after(() => kvs.forEach((kv) => kv.close()));
  let next = 0;
  sharedStoreContract(() => (options) => denoKvRateLimitStore(kvs[next++ % kvs.length], options), () => why);
});

describe("Redis store (a real redis-server)", () => {
  let server: RedisServer | undefined;
  let why: string | undefined;
  const sends: { close(): void }[] = [];
  before(async () => {
    why = await redisUnavailable();
    if (!why) server = await startRedis();
  });
  after(async () => {
    sends.forEach((send) => send.close());
    await server?.stop();
  });
  const connect = () => {
    const send = redisSend(server!.port);
    sends.push(send);
    return send;
  };
  // Each store on a connection of its own, as separate processes have.
  sharedStoreContract(() => (options) => redisRateLimitStore(connect(), options), () => why);

  it("fails safe: Redis stopped mid-run and started again loses no call, sends none twice, warns once", async (t) => {
    if (why) return t.skip(why);
    const { org, ids } = orgWithUsers(40);
    const warnings: string[] = [];
    const waits: RateLimitWait[] = [];
    const okta = orgClient(org, {
      logging: {
        enabled: true,
        logLevel: "WARN",
        logger: { debug() {}, info() {}, warn: (m: string) => warnings.push(m), error() {} },
      },
      rateLimit: {
        store: redisRateLimitStore(connect(), { prefix: "failsafe", timeoutMs: 300 }),
        onRateLimit: (wait: RateLimitWait) => void waits.push(wait),
      },
    });
    const get = (id: string) => okta.request<{ id: string }>({ method: "GET", path: `/api/v1/users/${id}` });
    const firstHalf = await Promise.all(ids.slice(0, 10).map(get));
    await server!.stop();
    const whileDown = await Promise.all(ids.slice(10, 25).map(get));
    await server!.start();
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the client leaves a failed store alone for 1 s
    const again = await Promise.all(ids.slice(25).map(get));
    assert.deepEqual(
      [...firstHalf, ...whileDown, ...again].map((u) => u.id),
      ids,
      "every call answered",
    );
    assert.equal(org.requests.length, 40, "no call sent twice");
    assert.equal(org.rateLimits.violations().total, 0);
    assert.equal(
      warnings.filter((w) => w.includes("rate-limit store failed")).length,
      1,
      warnings.join("\n"),
    );
    assert.deepEqual(waits.map((w) => w.reason), ["store"]);
    const check = connect();
    assert.match(
      String(await check(["GET", `failsafe:bucket:${"GET /api/v1/users/{idOrLogin}"}`])),
      /"limit"/,
      "back on Redis",
    );
  });

  it("a store that never answers costs one timeout, not one per call: the rest go on the local budget", async (t) => {
    if (why) return t.skip(why);
    const { org, ids } = orgWithUsers(20);
    let sent = 0;
    const okta = orgClient(org, {
      rateLimit: {
        store: redisRateLimitStore(() => (sent++, new Promise(() => {})), { timeoutMs: 100 }),
        onRateLimit: () => {},
      },
    });
    const users = await Promise.all(
      ids.map((id) => okta.request<{ id: string }>({ method: "GET", path: `/api/v1/users/${id}` })),
    );
    assert.deepEqual(users.map((u) => u.id), ids);
    assert.equal(org.requests.length, 20, "no call sent twice");
    assert.ok(sent <= 4, `${sent} commands sent to a store that does not answer`);
  });

  it("a command that never answers is given up on within timeoutMs", async (t) => {
    if (why) return t.skip(why);
    const store = redisRateLimitStore(() => new Promise(() => {}), { timeoutMs: 50 });
    await assert.rejects(
      Promise.resolve(store.update("b", (s) => [s!, 0])),
      /did not answer within 50 ms/,
    );
  });
});
