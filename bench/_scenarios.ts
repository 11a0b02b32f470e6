/**
 * One runtime's side of `bench/run.ts`: every contender (raw `fetch`, a bare `ky.create()`, oktakit and,
 * on Node, Okta's official SDK) runs every scenario against the loopback server, in rounds whose order
 * rotates; each round's time is divided by raw fetch's time in the same round, and the medians are
 * printed as one JSON line. Run by `bench/run.ts`; by hand:
 * `<runtime> bench/_scenarios.ts '<the server's ports JSON>' [rounds]`.
 *
 * @module
 */
import ky from "ky";
import { UserApi } from "../api/user.ts";
import { OktaClient } from "../core.ts";

type Env = { argv: string[]; env: Record<string, string | undefined> };
const proc = (globalThis as unknown as { process?: Env }).process;
const deno = (globalThis as unknown as { Deno?: { args: string[]; env: { get(k: string): string } } }).Deno;
const args = deno ? deno.args : proc!.argv.slice(2);
const ports = JSON.parse(args[0]) as Record<string, number>;
const ROUNDS = Number(args[1] ?? 7);
const org = `http://127.0.0.1:${ports["20000"]}`;
/** The server whose collection has 5,000 users. */
const org5k = `http://127.0.0.1:${ports["5000"]}`;
const auth = { authorization: "SSWS t", accept: "application/json" };

const GETS = 1_000;
const POSTS = 500;
const STREAMS = 16;
const PER_STREAM = 100;
const LISTERS = 8;
const LIST_TOTAL = 20_000;
const newUser = {
  profile: { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", login: "ada@example.com" },
};

/** What each contender does; each returns a number checked for sanity (items listed). */
interface Contender {
  get(): Promise<unknown>;
  post(): Promise<unknown>;
  list(base: string): Promise<number>;
}

const next = (response: Response) => /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("link") ?? "")?.[1];

const raw: Contender = {
  get: () => fetch(`${org}/api/v1/users/00u1`, { headers: auth }).then((r) => r.json()),
  post: () =>
    fetch(`${org}/api/v1/users`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify(newUser),
    }).then((r) => r.json()),
  async list(base) {
    let url: string | undefined = `${base}/api/v1/users?limit=200`;
    let count = 0;
    while (url) {
      const response: Response = await fetch(url, { headers: auth });
      count += (await response.json() as unknown[]).length;
      url = next(response);
    }
    return count;
  },
};

// ky as a user would set it up, with nothing of oktakit's: the floor of the dependency we chose.
const api = ky.create({ prefix: org, headers: auth });
const bareKy: Contender = {
  get: () => api.get("api/v1/users/00u1").json(),
  post: () => api.post("api/v1/users", { json: newUser }).json(),
  async list(base) {
    let url: string | undefined = `${base}/api/v1/users?limit=200`;
    let count = 0;
    while (url) {
      const response: Response = await ky.get(url, { headers: auth });
      count += (await response.json() as unknown[]).length;
      url = next(response);
    }
    return count;
  },
};

const options = { token: "t", testing: { disableHttpsCheck: true }, sources: false } as const;
const users = new UserApi(new OktaClient({ orgUrl: org, ...options }));
const users5k = new UserApi(new OktaClient({ orgUrl: org5k, ...options }));
const oktakit: Contender = {
  get: () => users.getUser("00u1"),
  post: () => users.createUser(newUser),
  async list(base) {
    let count = 0;
    for await (const _ of (base === org ? users : users5k).listUsers({ limit: 200 })) count++;
    return count;
  },
};

const contenders: [string, Contender][] = [["raw", raw], ["ky", bareKy], ["oktakit", oktakit]];
const sdkPath = proc?.env.OKTA_SDK_PATH;
if (sdkPath && !deno && !("Bun" in globalThis)) {
  const okta = await import(sdkPath);
  const Client = okta.Client ?? okta.default?.Client;
  const sdk = new Client({ orgUrl: org, ...options, cacheMiddleware: null });
  const sdk5k = new Client({ orgUrl: org5k, ...options, cacheMiddleware: null });
  contenders.push(["official", {
    get: () => sdk.userApi.getUser({ userId: "00u1" }),
    post: () => sdk.userApi.createUser({ body: newUser }),
    async list(base: string) {
      let count = 0;
      const collection = await (base === org ? sdk : sdk5k).userApi.listUsers({ limit: 200 });
      for await (const _ of collection) count++;
      return count;
    },
  }]);
}

/** The scenarios: each runs one contender once and returns elapsed ms. */
const scenarios: Record<string, (c: Contender) => Promise<number>> = {
  async get(c) {
    for (let i = 0; i < GETS; i++) await c.get();
    return GETS;
  },
  async post(c) {
    for (let i = 0; i < POSTS; i++) await c.post();
    return POSTS;
  },
  list: (c) => c.list(org),
  async get16(c) {
    await Promise.all(Array.from({ length: STREAMS }, async () => {
      for (let i = 0; i < PER_STREAM; i++) await c.get();
    }));
    return STREAMS * PER_STREAM;
  },
  async list8(c) {
    const counts = await Promise.all(Array.from({ length: LISTERS }, () => c.list(org5k)));
    return counts.reduce((a, b) => a + b, 0);
  },
};
const expected: Record<string, number> = {
  get: GETS,
  post: POSTS,
  list: LIST_TOTAL,
  get16: STREAMS * PER_STREAM,
  list8: LISTERS * LIST_TOTAL / 4,
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const result: Record<string, Record<string, { ms: number; ratio: number; addedUs?: number }>> = {};
const only = (proc?.env.BENCH_ONLY ?? "").split(",").filter(Boolean);
for (const [scenario, run] of Object.entries(scenarios)) {
  if (only.length && !only.includes(scenario)) continue;
  const times: Record<string, number[]> = {};
  for (let round = 0; round <= ROUNDS; round++) {
    // Round 0 warms up and is not counted; the order rotates so that no contender always goes first.
    for (let i = 0; i < contenders.length; i++) {
      const [name, contender] = contenders[(i + round) % contenders.length];
      const started = performance.now();
      const count = await run(contender);
      const ms = performance.now() - started;
      if (count !== expected[scenario]) {
        throw new Error(`${name} ${scenario}: ${count} of ${expected[scenario]}`);
      }
      if (round > 0) (times[name] ??= []).push(ms);
    }
  }
  result[scenario] = {};
  for (const [name] of contenders) {
    const ratios = times[name].map((ms, i) => ms / times.raw[i]);
    const perCall = scenario === "get" || scenario === "post"
      ? median(times[name].map((ms, i) => (ms - times.raw[i]) / expected[scenario] * 1000))
      : undefined;
    result[scenario][name] = { ms: median(times[name]), ratio: median(ratios), addedUs: perCall };
  }
}
console.log(JSON.stringify(result));
