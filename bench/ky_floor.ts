/**
 * What ky itself costs per call, without a network: an in-memory `fetch` answers at once, and each
 * variant makes the same GET (or POST with a JSON body) many times. The variants add ky's options one
 * at a time, the way oktakit's instance uses them, so the cost of each is visible on its own. This is
 * the minimal reproduction for `bench/README.md`. The last line is oktakit itself (a typed `getUser` or
 * `createUser` over the same fetch), so its own share is the difference. Run on any runtime:
 * `node bench/ky_floor.ts`, `bun bench/ky_floor.ts`, `deno run -A bench/ky_floor.ts`.
 *
 * @module
 */
import ky, { type Options } from "ky";
import { UserApi } from "../api/user.ts";
import { OktaClient } from "../core.ts";

const CALLS = 20_000;
const ROUNDS = 7;
const body = JSON.stringify({ id: "00u1", status: "ACTIVE", profile: { login: "ada@example.com" } });
const answer = {
  "content-type": "application/json",
  "x-rate-limit-limit": "1000000",
  "x-rate-limit-remaining": "999999",
  "x-rate-limit-reset": String(Math.floor(Date.now() / 1000) + 3600),
  date: new Date().toUTCString(),
};
const memoryFetch = (_input: RequestInfo | URL, _init?: RequestInit) =>
  Promise.resolve(new Response(body, { headers: answer }));
const users = new UserApi(
  new OktaClient({ orgUrl: "https://example.okta.com", token: "t", sources: false, fetch: memoryFetch }),
);
const url = "https://example.okta.com/api/v1/users/00u1";
const headers = { authorization: "SSWS t", accept: "application/json" };

const variants: [string, Options][] = [
  ["ky.create({ fetch })", { fetch: memoryFetch }],
  ["+ timeout + totalTimeout", { fetch: memoryFetch, timeout: 30_000, totalTimeout: 60_000 }],
  ["+ retry (limit 6, shouldRetry)", {
    fetch: memoryFetch,
    timeout: 30_000,
    totalTimeout: 60_000,
    retry: { limit: 6, methods: ["get", "post"], delay: () => 0, shouldRetry: () => false },
  }],
  ["+ beforeRequest/beforeRetry hooks", {
    fetch: memoryFetch,
    timeout: 30_000,
    totalTimeout: 60_000,
    retry: { limit: 6, methods: ["get", "post"], delay: () => 0, shouldRetry: () => false },
    hooks: { beforeRequest: [() => {}], beforeRetry: [() => {}] },
  }],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function perCall(call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) await call();
  return (performance.now() - started) / CALLS * 1000;
}

for (const method of ["GET", "POST"] as const) {
  const rawCall = method === "GET"
    ? () => memoryFetch(url, { headers }).then((r) => r.json())
    : () =>
      memoryFetch(url, { method, headers: { ...headers, "content-type": "application/json" }, body })
        .then((r) => r.json());
  const calls: [string, () => Promise<unknown>][] = [["raw fetch", rawCall]];
  for (const [name, options] of variants) {
    const api = ky.create(options);
    calls.push([
      name,
      method === "GET"
        ? () => api.get(url, { headers }).json()
        : () => api.post(url, { headers, json: JSON.parse(body) }).json(),
    ]);
  }
  calls.push([
    "oktakit (typed call)",
    method === "GET" ? () => users.getUser("00u1") : () =>
      users.createUser({
        profile: { login: "ada@example.com", email: "ada@example.com", firstName: "A", lastName: "L" },
      }),
  ]);
  const times: number[][] = calls.map(() => []);
  for (let round = 0; round <= ROUNDS; round++) {
    for (let i = 0; i < calls.length; i++) {
      const k = (i + round) % calls.length;
      const us = await perCall(calls[k][1]);
      if (round > 0) times[k].push(us);
    }
  }
  console.log(`${method}: µs per call, median of ${ROUNDS} rounds of ${CALLS} (in-memory fetch)`);
  for (let k = 0; k < calls.length; k++) {
    const added = median(times[k].map((us, r) => us - times[0][r]));
    console.log(
      `  ${calls[k][0].padEnd(36)} ${median(times[k]).toFixed(1).padStart(6)}  (+${added.toFixed(1)})`,
    );
  }
}
