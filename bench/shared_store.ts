/**
 * Benchmark: several processes, one org. The fake org is served over loopback HTTP on the real clock with a
 * user-read bucket of 100 requests per 2-second window and a concurrent-request limit of 10; four processes
 * (Node 24, Bun, Deno, Node 24) start together and each makes 250 getUser calls at concurrency 10, first
 * each on its own (no shared store), then sharing the local Deno KV file, then sharing Redis; and, when it is
 * installed (see bench/rate_limit.ts), the official Node SDK in four Node processes.
 *
 * Reported per case: 429s the org sent, failed calls, the time from the common start to the last process's
 * last answer, and that time as a multiple of the minimum, 1,000 / (100 × 0.9) × 2 s (oktakit's default 10%
 * reserve). Run: `bash scripts/node.sh bench/shared_store.ts` (about a minute; Redis needs `redis-server`).
 *
 * @module
 */
import { createServer } from "node:http";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import process from "node:process";
import { createFakeOrg, type FakeOrg } from "../testing/mod.ts";
import { startRedis } from "../tests/_redis.ts";

const WINDOW_SECONDS = 2;
const LIMIT = 100;
const PER_PROCESS = 250;
const USER_READS = "GET /api/v1/users/{idOrLogin}";
const root = resolve(import.meta.dirname!, "..");
const bin = (name: string) => resolve(root, "node_modules/.bin", name);
const RUNTIMES: [string, string[]][] = [
  [bin("node"), []],
  [bin("bun"), []],
  [bin("deno"), ["run", "-A", "--unstable-kv"]],
  [bin("node"), []],
];

let current: FakeOrg | undefined;
const server = createServer(async (req, res) => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  try {
    const response = await current!.handler(
      new Request(`${orgUrl}${req.url}`, { method: req.method, headers }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(new Uint8Array(await response.arrayBuffer()));
  } catch {
    res.writeHead(500).end();
  }
});
await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
const orgUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

const hasRedis = spawnSync("redis-server", ["--version"]).status === 0;
const redis = hasRedis ? await startRedis() : undefined;
const rows: string[][] = [];
const minimumMs = (PER_PROCESS * RUNTIMES.length) / (LIMIT * 0.9) * WINDOW_SECONDS * 1000;

const sdkDir = process.env.OKTA_SDK_DIR ?? resolve(root, ".tmp/okta-sdk");
const sdkPath = resolve(sdkDir, "node_modules/@okta/okta-sdk-nodejs/src/index.js");
const hasSdk = existsSync(sdkPath);
const modes = (process.env.SHARED_MODES ?? "none,kv,redis,sdk").split(",");
for (const mode of ["none", "kv", "redis", "sdk"] as const) {
  if (!modes.includes(mode)) continue;
  if (mode === "sdk" && !hasSdk) {
    rows.push([
      "official Node SDK",
      "-",
      "-",
      "-",
      "-",
      `not installed at ${sdkDir} (see bench/rate_limit.ts)`,
    ]);
    continue;
  }
  // The official SDK runs on Node only: four Node processes.
  const runtimes = mode === "sdk" ? RUNTIMES.map(() => RUNTIMES[0]) : RUNTIMES;
  if (mode === "redis" && !redis) {
    rows.push(["oktakit, Redis", "-", "-", "-", "-", "redis-server not installed"]);
    continue;
  }
  const org = createFakeOrg({ orgUrl, clock: "real", recordRequests: false });
  org.rateLimits.set(USER_READS, { limit: LIMIT, windowSeconds: WINDOW_SECONDS });
  org.rateLimits.setConcurrency(10);
  org.latencyMs = 10;
  const { userIds } = org.seed({
    users: Array.from({ length: PER_PROCESS * RUNTIMES.length }, (_, i) => ({
      profile: { login: `u${i}@example.com`, email: `u${i}@example.com`, firstName: "B", lastName: `${i}` },
    })),
  });
  current = org;
  const startAt = Date.now() + 3000; // every runtime has started and loaded the client by then
  const kvPath = `${mkdtempSync(`${tmpdir()}/oktakit-bench-`)}/rate.sqlite`;
  const results = await Promise.all(
    runtimes.map(([command, args], i) =>
      new Promise<{ failed: number; end: number; runtime: string }>((done, fail) => {
        const child = spawn(command, [...args, resolve(root, "bench/_shared_store_worker.ts")], {
          cwd: root,
          env: {
            ...process.env,
            SHARED_ORG_URL: orgUrl,
            SHARED_TOKEN: org.apiToken,
            SHARED_STORE: mode,
            SHARED_KV_PATH: kvPath,
            SHARED_REDIS_PORT: String(redis?.port ?? 0),
            SHARED_IDS: userIds.slice(i * PER_PROCESS, (i + 1) * PER_PROCESS).join(","),
            SHARED_START_AT: String(startAt),
            SHARED_SDK_PATH: sdkPath,
          },
          stdio: ["ignore", "pipe", "inherit"],
        });
        let out = "";
        child.stdout.on("data", (chunk) => out += chunk);
        child.on("exit", (code) => {
          try {
            done(JSON.parse(out.trim().split("\n").at(-1)!));
          } catch {
            fail(new Error(`worker ${command} exited ${code}: ${out}`));
          }
        });
      })
    ),
  );
  const ms = Math.max(...results.map((r) => r.end)) - startAt;
  const failed = results.reduce((n, r) => n + r.failed, 0);
  const violations = org.rateLimits.violations().total;
  const what = {
    none: "oktakit, no shared store",
    kv: "oktakit, Deno KV file",
    redis: "oktakit, Redis",
    sdk: "official Node SDK (4 × Node)",
  }[mode];
  rows.push([
    what,
    String(violations),
    String(failed),
    `${(ms / 1000).toFixed(1)} s`,
    `${(ms / minimumMs).toFixed(2)}×`,
    "",
  ]);
  console.error(`${what}: ${violations} 429s, ${failed} failed, ${ms} ms`);
}
await redis?.stop();
server.close();

console.log(
  `4 processes (${
    RUNTIMES.map(([c]) => c.split("/").at(-1)).join(", ")
  }), ${PER_PROCESS} getUser each at concurrency 10; ` +
    `bucket ${LIMIT} per ${WINDOW_SECONDS} s, concurrent limit 10; minimum ${
      (minimumMs / 1000).toFixed(1)
    } s`,
);
const header = ["client, shared store", "429s", "failed", "time", "vs minimum", "notes"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const row of [header, widths.map((w) => "-".repeat(w)), ...rows]) {
  console.log(row.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd());
}
process.exit(0);
