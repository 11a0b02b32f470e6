/**
 * One fresh process of `bench/run.ts`'s start-up and memory measurements, on any runtime:
 * `<runtime> bench/_process.ts <contender> <port> <mode> [total]`, where `port` serves `total` users.
 * - `first`: load the contender, make one GET, exit (the driver times the process from spawn to exit);
 * - `rss`: print the RSS after loading and constructing, then the peak RSS while listing `total` users;
 * - `list`: list `total` users once, as a script does, and print the listing's milliseconds (`{ "ms": ... }`).
 *
 * Contenders: `raw` (fetch), `core` (`@oktakit/management/core` + the User namespace), `full` (the `Okta`
 * client with every namespace) and `official` (Okta's Node SDK, from `OKTA_SDK_PATH`). With `OKTAKIT_DIST`
 * set, oktakit is loaded from that built npm package instead of the TypeScript sources.
 *
 * @module
 */
type Env = { argv: string[]; env: Record<string, string | undefined>; memoryUsage(): { rss: number } };
const proc = (globalThis as unknown as { process?: Env }).process;
const deno = (globalThis as unknown as {
  Deno?: { args: string[]; memoryUsage(): { rss: number } };
}).Deno;
const [contender, port, mode, totalArg] = deno ? deno.args : proc!.argv.slice(2);
const org = `http://127.0.0.1:${port}`;
const rss = () => (deno ? deno.memoryUsage() : proc!.memoryUsage()).rss;
const options = { orgUrl: org, token: "t", testing: { disableHttpsCheck: true }, sources: false as const };

let get: () => Promise<unknown>;
let list: () => Promise<number>;
if (contender === "raw") {
  const headers = { authorization: "SSWS t", accept: "application/json" };
  get = () => fetch(`${org}/api/v1/users/00u1`, { headers }).then((r) => r.json());
  list = async () => {
    let url: string | undefined = `${org}/api/v1/users?limit=200`;
    let count = 0;
    while (url) {
      const response: Response = await fetch(url, { headers });
      count += (await response.json() as unknown[]).length;
      url = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("link") ?? "")?.[1];
    }
    return count;
  };
} else if (contender === "core" || contender === "full") {
  // Node users get the npm package's compiled JavaScript (`OKTAKIT_DIST`); Deno and Bun run the sources.
  const dist = proc?.env.OKTAKIT_DIST;
  const from = (path: string) => dist ? `${dist}/${path}.js` : `../${path}.ts`;
  let users: typeof import("../api/user.ts").UserApi.prototype;
  if (contender === "core") {
    const [{ OktaClient }, { UserApi }] = await Promise.all([import(from("core")), import(from("api/user"))]);
    users = new UserApi(new OktaClient(options));
  } else {
    const { Okta } = await import(from("mod"));
    users = new Okta(options).user;
  }
  get = () => users.getUser("00u1");
  list = async () => {
    let count = 0;
    for await (const _ of users.listUsers({ limit: 200 })) count++;
    return count;
  };
} else {
  const okta = await import(proc!.env.OKTA_SDK_PATH!);
  const Client = okta.Client ?? okta.default?.Client;
  const sdk = new Client({ ...options, cacheMiddleware: null });
  get = () => sdk.userApi.getUser({ userId: "00u1" });
  list = async () => {
    let count = 0;
    for await (const _ of await sdk.userApi.listUsers({ limit: 200 })) count++;
    return count;
  };
}

if (mode === "first") {
  await get();
} else if (mode === "list") {
  const started = performance.now();
  const count = await list();
  const ms = performance.now() - started;
  if (count !== Number(totalArg)) throw new Error(`listed ${count} of ${totalArg}`);
  console.log(JSON.stringify({ ms }));
} else {
  const total = Number(totalArg);
  const start = rss();
  let peak = start;
  const timer = setInterval(() => peak = Math.max(peak, rss()), 5);
  const count = await list();
  clearInterval(timer);
  peak = Math.max(peak, rss());
  if (count !== total) throw new Error(`listed ${count} of ${total}`);
  console.log(JSON.stringify({ startMb: start / 2 ** 20, peakMb: peak / 2 ** 20 }));
}
