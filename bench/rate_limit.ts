/**
 * Benchmark: parallel work against rate limits. The fake org is served over loopback HTTP on the real clock
 * with 2-second windows (Okta's are 60 s; the arithmetic is the same) and a concurrent-request limit of 10,
 * and the same work is run through oktakit (default options) and, when installed, Okta's official Node SDK:
 *
 * 1. 1,000 getUser calls at once against a user-read bucket of 100 per window;
 * 2. 2,000 mixed calls at once over three buckets (user reads 100, group by id 200, app by id 400 per window);
 * 3. 500 createUser calls at once against the users bucket of 100 per window.
 *
 * Reported: 429s the org sent (rate-limit and concurrency violations), failed calls, time, and time as a
 * multiple of the theoretical minimum (calls / (limit × (1 − reserve)) × window: oktakit's default 10%
 * reserve included). Counts matter more than times on a shared machine.
 *
 * Run with Node 24: `npm run bench:rate-limit` (about three minutes). To include the official SDK, install it
 * outside the project first: `npm install --prefix .tmp/okta-sdk @okta/okta-sdk-nodejs` (or set OKTA_SDK_DIR).
 *
 * @module
 */
import { createServer } from "node:http";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import process from "node:process";
import { Okta } from "../mod.ts";
import { createFakeOrg, type FakeOrg } from "../testing/mod.ts";

const WINDOW_SECONDS = 2;
const CONCURRENCY = 10;
const LATENCY_MS = 10;
const RESERVE = 0.1; // oktakit's default
const USER_READS = "GET /api/v1/users/{idOrLogin}";

let current: FakeOrg | undefined;
const server = createServer(async (req, res) => {
  const chunks: Uint8Array[] = [];
  for await (const chunk of req) chunks.push(chunk as Uint8Array);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  const body = chunks.length > 0 ? new Blob(chunks as BlobPart[]) : undefined;
  const request = new Request(`${orgUrl}${req.url}`, { method: req.method, headers, body });
  try {
    const response = await current!.handler(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(new Uint8Array(await response.arrayBuffer()));
  } catch {
    res.writeHead(500).end();
  }
});
await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
const orgUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

/** A fresh org on the served URL, with the bench's windows, concurrent limit and latency. */
function freshOrg(limits: Record<string, number>, seed: Parameters<FakeOrg["seed"]>[0] = {}) {
  const org = createFakeOrg({ orgUrl, clock: "real", recordRequests: false });
  for (const [bucket, limit] of Object.entries(limits)) {
    org.rateLimits.set(bucket, { limit, windowSeconds: WINDOW_SECONDS });
  }
  org.rateLimits.setConcurrency(CONCURRENCY);
  org.latencyMs = LATENCY_MS;
  const ids = org.seed(seed);
  current = org;
  return { org, ids };
}

const profile = (i: number, prefix = "u") => ({
  login: `${prefix}${i}@example.com`,
  email: `${prefix}${i}@example.com`,
  firstName: "Bench",
  lastName: `${i}`,
});

const sdkDir = process.env.OKTA_SDK_DIR ?? resolve(import.meta.dirname!, "../.tmp/okta-sdk");
const sdkPath = resolve(sdkDir, "node_modules/@okta/okta-sdk-nodejs/src/index.js");
// deno-lint-ignore no-explicit-any
let Sdk: any;
if (existsSync(sdkPath)) {
  const module = await import(sdkPath);
  Sdk = module.Client ?? module.default?.Client;
}

// deno-lint-ignore no-explicit-any
type Clients = { oktakit: Okta; official?: any };
function clients(org: FakeOrg): Clients {
  const base = { orgUrl, token: org.apiToken, testing: { disableHttpsCheck: true } };
  return {
    oktakit: new Okta({ ...base, sources: false }),
    official: Sdk ? new Sdk({ ...base, cacheMiddleware: null }) : undefined,
  };
}

interface Outcome {
  ms: number;
  failed: number;
  violations: number;
  /** Finish time of each kind of call, ms from the start. */
  finished: Record<string, number>;
  /** Failed calls of each kind. */
  failedBy: Record<string, number>;
}

/** Runs `calls` all at once; each is tagged with a kind (its bucket) for per-bucket finish times. */
async function run(org: FakeOrg, calls: [kind: string, call: () => Promise<unknown>][]): Promise<Outcome> {
  const started = performance.now();
  const finished: Record<string, number> = {};
  const failedBy: Record<string, number> = {};
  let failed = 0;
  await Promise.all(calls.map(([kind, call]) =>
    call().then(
      () => finished[kind] = Math.max(finished[kind] ?? 0, performance.now() - started),
      () => {
        failed++;
        failedBy[kind] = (failedBy[kind] ?? 0) + 1;
      },
    )
  ));
  const violations = org.rateLimits.violations().total;
  return { ms: performance.now() - started, failed, violations, finished, failedBy };
}

const minimumMs = (calls: number, limit: number) => (calls / (limit * (1 - RESERVE))) * WINDOW_SECONDS * 1000;
const rows: string[][] = [];
const report = (what: string, who: string, outcome: Outcome, minMs: number, extra = "") => {
  rows.push([
    what,
    who,
    String(outcome.violations),
    String(outcome.failed),
    `${(outcome.ms / 1000).toFixed(1)} s`,
    `${(outcome.ms / minMs).toFixed(2)}×`,
    extra,
  ]);
  console.error(
    `${what} / ${who}: ${outcome.violations} 429s, ${outcome.failed} failed, ${outcome.ms.toFixed(0)} ms`,
  );
};

// 1. 1,000 getUser calls at once.
for (const who of ["oktakit", "official"] as const) {
  if (who === "official" && !Sdk) continue;
  const { org, ids } = freshOrg({ [USER_READS]: 100 }, {
    users: Array.from({ length: 1000 }, (_, i) => ({ profile: profile(i) })),
  });
  const c = clients(org);
  const outcome = await run(
    org,
    ids.userIds.map((id) => [
      USER_READS,
      () => who === "oktakit" ? c.oktakit.user.getUser(id) : c.official.userApi.getUser({ userId: id }),
    ]),
  );
  report("1,000 getUser at once (100 / 2 s)", who, outcome, minimumMs(1000, 100));
}

// 2. 2,000 mixed calls at once over three buckets, interleaved.
const MIX = [
  { bucket: USER_READS, limit: 100, calls: 1000 },
  { bucket: "/api/v1/groups/{id}", limit: 200, calls: 600 },
  { bucket: "/api/v1/apps/{id}", limit: 400, calls: 400 },
];
for (const who of ["oktakit", "official"] as const) {
  if (who === "official" && !Sdk) continue;
  const { org, ids } = freshOrg(Object.fromEntries(MIX.map((m) => [m.bucket, m.limit])), {
    users: [{ profile: profile(0) }],
    groups: [{ name: "Bench" }],
    apps: [{
      name: "bookmark",
      label: "Bench",
      signOnMode: "BOOKMARK",
      settings: { app: { url: "https://example.com" } },
    }],
  });
  const c = clients(org);
  const byBucket: Record<string, () => Promise<unknown>> = who === "oktakit"
    ? {
      [MIX[0].bucket]: () => c.oktakit.user.getUser(ids.userIds[0]),
      [MIX[1].bucket]: () => c.oktakit.group.getGroup(ids.groupIds[0]),
      [MIX[2].bucket]: () => c.oktakit.application.getApplication(ids.appIds[0]),
    }
    : {
      [MIX[0].bucket]: () => c.official.userApi.getUser({ userId: ids.userIds[0] }),
      [MIX[1].bucket]: () => c.official.groupApi.getGroup({ groupId: ids.groupIds[0] }),
      [MIX[2].bucket]: () => c.official.applicationApi.getApplication({ appId: ids.appIds[0] }),
    };
  const calls: [string, () => Promise<unknown>][] = [];
  for (let i = 0; calls.length < 2000; i++) {
    for (const m of MIX) if (i < m.calls) calls.push([m.bucket, byBucket[m.bucket]]);
  }
  const outcome = await run(org, calls);
  const short = (bucket: string) => bucket.replace("GET ", "");
  const notes = outcome.failed === 0
    ? `each bucket done at ${
      MIX.map((m) =>
        `${short(m.bucket)} ${(outcome.finished[m.bucket] / minimumMs(m.calls, m.limit)).toFixed(2)}×`
      )
        .join(", ")
    } of its own minimum`
    : `failed per bucket: ${
      MIX.map((m) => `${short(m.bucket)} ${outcome.failedBy[m.bucket] ?? 0}`).join(", ")
    }`;
  report(
    "2,000 mixed, 3 buckets (100/200/400 per 2 s)",
    who,
    outcome,
    minimumMs(1000, 100),
    notes,
  );
}

// 3. 500 createUser calls at once.
for (const who of ["oktakit", "official"] as const) {
  if (who === "official" && !Sdk) continue;
  const { org } = freshOrg({ "/api/v1/users": 100 });
  const c = clients(org);
  const outcome = await run(
    org,
    Array.from({ length: 500 }, (_, i) => [
      "/api/v1/users",
      () =>
        who === "oktakit"
          ? c.oktakit.user.createUser({ profile: profile(i, "new") }, { activate: false })
          : c.official.userApi.createUser({ body: { profile: profile(i, "new") }, activate: false }),
    ]),
  );
  const logins = org.inspect.users().map((u) => (u.profile as { login: string }).login);
  const duplicates = logins.length - new Set(logins).size;
  report(
    "500 createUser at once (100 / 2 s)",
    who,
    outcome,
    minimumMs(500, 100),
    `${logins.length} users created, ${duplicates} duplicates`,
  );
}
server.close();
current = undefined;

console.log(
  `Node ${process.version}; fake org over loopback HTTP, ${WINDOW_SECONDS}-s windows, concurrent limit ${CONCURRENCY}, ` +
    `${LATENCY_MS} ms handling; minimum = calls / (limit × ${1 - RESERVE}) × window`,
);
const header = ["scenario", "client", "429s", "failed", "time", "vs minimum", "notes"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const row of [header, widths.map((w) => "-".repeat(w)), ...rows]) {
  console.log(row.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd());
}
if (!Sdk) console.log(`official SDK not installed at ${sdkDir}; see the header of this file to include it`);
