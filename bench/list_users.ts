/**
 * Benchmark: listing 20,000 users over loopback HTTP and fetching one user 2,000 times, with raw `fetch`,
 * oktakit, and (when installed) Okta's official Node SDK, in one run, reported as ratios to raw fetch.
 *
 * Run with Node 24: `node_modules/.bin/node bench/list_users.ts`. To include the official SDK, install it
 * outside the project first: `npm install --prefix .tmp/okta-sdk @okta/okta-sdk-nodejs` (or set OKTA_SDK_DIR).
 *
 * @module
 */
import { createServer } from "node:http";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import process from "node:process";
import { OktaClient } from "../mod.ts";

const TOTAL = 20_000;
const PAGE = 200;
const SINGLE_GETS = 2_000;
const ROUNDS = 9;

const users = Array.from({ length: TOTAL }, (_, i) => ({
  id: `00u${String(i).padStart(17, "0")}`,
  status: "ACTIVE",
  created: "2026-01-01T00:00:00.000Z",
  activated: "2026-01-01T00:00:00.000Z",
  statusChanged: null,
  lastLogin: "2026-06-01T12:00:00.000Z",
  lastUpdated: "2026-06-01T12:00:00.000Z",
  passwordChanged: "2026-01-01T00:00:00.000Z",
  type: { id: "oty00000000000000000" },
  profile: {
    firstName: `First${i}`,
    lastName: `Last${i}`,
    email: `user${i}@example.com`,
    login: `user${i}@example.com`,
    mobilePhone: null,
    department: i % 2 ? "Finance" : "Engineering",
  },
  credentials: { provider: { type: "OKTA", name: "OKTA" } },
  _links: { self: { href: `http://127.0.0.1/api/v1/users/00u${i}` } },
}));

const server = createServer((req, res) => {
  const url = new URL(req.url!, "http://127.0.0.1");
  const base = `http://127.0.0.1:${port}`;
  const headers: Record<string, string | string[]> = {
    "content-type": "application/json",
    "x-okta-request-id": "bench",
    "x-rate-limit-limit": "100000",
    "x-rate-limit-remaining": "99999",
    "x-rate-limit-reset": String(Math.floor(Date.now() / 1000) + 60),
  };
  if (url.pathname === "/api/v1/users") {
    const after = Number(url.searchParams.get("after") ?? 0);
    const limit = Number(url.searchParams.get("limit") ?? PAGE);
    const links = [`<${base}/api/v1/users?limit=${limit}>; rel="self"`];
    if (after + limit < TOTAL) {
      links.push(`<${base}/api/v1/users?after=${after + limit}&limit=${limit}>; rel="next"`);
    }
    headers.link = links;
    res.writeHead(200, headers).end(JSON.stringify(users.slice(after, after + limit)));
  } else {
    res.writeHead(200, headers).end(JSON.stringify(users[1]));
  }
});
await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
const port = (server.address() as { port: number }).port;
const orgUrl = `http://127.0.0.1:${port}`;

async function rawList(): Promise<number> {
  let url: string | undefined = `${orgUrl}/api/v1/users?limit=${PAGE}`;
  let count = 0;
  while (url) {
    const response: Response = await fetch(url, {
      headers: { authorization: "SSWS t", accept: "application/json" },
    });
    const page = await response.json() as unknown[];
    count += page.length;
    url = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("link") ?? "")?.[1];
  }
  return count;
}

const okta = new OktaClient({ orgUrl, token: "t", testing: { disableHttpsCheck: true }, sources: false });
async function oktakitList(): Promise<number> {
  let count = 0;
  for await (const _ of okta.paginate({ method: "GET", path: "/api/v1/users", query: { limit: PAGE } })) {
    count++;
  }
  return count;
}

const sdkDir = process.env.OKTA_SDK_DIR ?? resolve(import.meta.dirname!, "../.tmp/okta-sdk");
const sdkPath = resolve(sdkDir, "node_modules/@okta/okta-sdk-nodejs/src/index.js");
// deno-lint-ignore no-explicit-any
let sdk: any;
if (existsSync(sdkPath)) {
  const okta = await import(sdkPath);
  const Client = okta.Client ?? okta.default?.Client;
  sdk = new Client({ orgUrl, token: "t", testing: { disableHttpsCheck: true }, cacheMiddleware: null });
}
async function sdkList(): Promise<number> {
  let count = 0;
  const collection = await sdk.userApi.listUsers({ limit: PAGE });
  for await (const _ of collection) count++;
  return count;
}

async function singleGets(get: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < SINGLE_GETS; i++) await get();
}
const rawGet = () =>
  fetch(`${orgUrl}/api/v1/users/00u1`, { headers: { authorization: "SSWS t", accept: "application/json" } })
    .then((r) => r.json());
const oktakitGet = () => okta.request({ method: "GET", path: "/api/v1/users/00u1" });
const sdkGet = () => sdk.userApi.getUser({ userId: "00u1" });

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  const result = await fn();
  if (typeof result === "number" && result !== TOTAL) throw new Error(`listed ${result} of ${TOTAL}`);
  return performance.now() - started;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const list: Record<string, number[]> = { raw: [], oktakit: [], official: [] };
const gets: Record<string, number[]> = { raw: [], oktakit: [], official: [] };
const contenders = [
  ["raw", rawList, rawGet],
  ["oktakit", oktakitList, oktakitGet],
  ...(sdk ? [["official", sdkList, sdkGet] as const] : []),
] as const;
for (let round = 0; round <= ROUNDS; round++) {
  // Round 0 warms every contender up and is not counted; the order rotates so none always goes first.
  for (let i = 0; i < contenders.length; i++) {
    const [name, listAll, getOne] = contenders[(i + round) % contenders.length];
    const listed = await time(listAll);
    const got = await time(() => singleGets(getOne));
    if (round > 0) {
      list[name].push(listed);
      gets[name].push(got);
    }
  }
}
server.close();

// Ratios are taken round by round (each contender against raw fetch in the same round), then the median:
// the machine's drift between rounds cancels out.
const ratio = (name: string, of: Record<string, number[]>) => median(of[name].map((ms, i) => ms / of.raw[i]));
console.log(
  `Node ${process.version}, ${ROUNDS} rounds, medians; ${TOTAL} users in pages of ${PAGE}; ${SINGLE_GETS} GETs`,
);
for (const name of ["raw", "oktakit", ...(sdk ? ["official"] : [])]) {
  const perRequest = median(gets[name].map((ms, i) => ((ms - gets.raw[i]) / SINGLE_GETS) * 1000));
  console.log(
    `${name.padEnd(9)} list ${median(list[name]).toFixed(0).padStart(6)} ms (${
      ratio(name, list).toFixed(2)
    }x raw)   ` +
      `get ${median(gets[name]).toFixed(0).padStart(6)} ms (${ratio(name, gets).toFixed(2)}x raw, ` +
      `${perRequest.toFixed(0)} µs/request added)`,
  );
}
// The same comparison without a network: an injected fetch answering from memory, so the client's own cost
// per request is not lost in loopback noise.
const single = JSON.stringify(users[1]);
const memoryFetch = (_input: RequestInfo | URL, _init?: RequestInit) =>
  Promise.resolve(new Response(single, { headers: { "content-type": "application/json" } }));
const inMemory = new OktaClient({
  orgUrl,
  token: "t",
  testing: { disableHttpsCheck: true },
  sources: false,
  fetch: memoryFetch,
});
const memory: Record<string, number[]> = { raw: [], oktakit: [] };
const MEMORY_GETS = 20_000;
for (let round = 0; round <= ROUNDS; round++) {
  for (
    const [name, get] of [
      [
        "raw",
        () =>
          memoryFetch(`${orgUrl}/api/v1/users/00u1`, { headers: { authorization: "SSWS t" } }).then((r) =>
            r.json()
          ),
      ],
      ["oktakit", () => inMemory.request({ method: "GET", path: "/api/v1/users/00u1" })],
    ] as const
  ) {
    const started = performance.now();
    for (let i = 0; i < MEMORY_GETS; i++) await get();
    if (round > 0) memory[name].push(((performance.now() - started) / MEMORY_GETS) * 1000);
  }
}
const memRaw = median(memory.raw), memOkta = median(memory.oktakit);
console.log(
  `in-memory fetch: raw ${memRaw.toFixed(1)} µs/request, oktakit ${memOkta.toFixed(1)} µs/request ` +
    `(${(memOkta - memRaw).toFixed(1)} µs added)`,
);
if (!sdk) console.log(`official SDK not installed at ${sdkDir}; see the header of this file to include it`);
