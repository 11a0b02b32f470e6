/**
 * Benchmark: start-up on Node. Each variant runs in fresh processes against a loopback server: nothing
 * imported (raw `fetch`), `/core` with `UserApi`, and the full entry with `Okta`. For each it reports the
 * best of five of: the import time, the resident set size once the client is constructed, and the time
 * from process start until the first GET has its answer.
 *
 * ```sh
 * node scripts/build_npm.mjs && node_modules/.bin/node bench/startup.ts --package   # the compiled package
 * node_modules/.bin/node bench/startup.ts                                           # the .ts sources
 * ```
 *
 * @module
 */
import { execFile } from "node:child_process";
import { createServer } from "node:http";
import process from "node:process";

const RUNS = 5;
const VARIANTS = ["raw", "core", "mod"] as const;
type Variant = typeof VARIANTS[number];
interface Sample {
  importMs: number;
  rssMb: number;
  firstGetMs: number;
}

async function child(variant: Variant, base: string, orgUrl: string): Promise<Sample> {
  const ext = base.endsWith("/package/") ? "js" : "ts";
  const started = performance.now();
  let get: () => Promise<unknown>;
  if (variant === "raw") {
    get = async () =>
      await (await fetch(`${orgUrl}/api/v1/users/00u1`, {
        headers: { authorization: "SSWS t", accept: "application/json" },
      })).json();
  } else if (variant === "core") {
    const { OktaClient } = await import(`${base}core.${ext}`);
    const { UserApi } = await import(`${base}api/user.${ext}`);
    const users = new UserApi(
      new OktaClient({ orgUrl, token: "t", sources: false, testing: { disableHttpsCheck: true } }),
    );
    get = () => users.getUser("00u1");
  } else {
    const { Okta } = await import(`${base}mod.${ext}`);
    const okta = new Okta({ orgUrl, token: "t", sources: false, testing: { disableHttpsCheck: true } });
    get = () => okta.user.getUser("00u1");
  }
  const importMs = performance.now() - started;
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  await get();
  return { importMs, rssMb, firstGetMs: performance.now() };
}

async function main(): Promise<void> {
  const [, , flag, variant, orgUrl] = process.argv;
  const root = new URL("../", import.meta.url);
  const base = flag === "--package" ? new URL(".tmp/npm/package/", root).href : root.href;
  if (variant) {
    console.log(JSON.stringify(await child(variant as Variant, base, orgUrl)));
    return;
  }
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" }).end('{"id":"00u1","profile":{}}');
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  console.log(`Node ${process.version}, ${flag === "--package" ? "compiled package" : ".ts sources"}:`);
  const run = (v: Variant): Promise<Sample> =>
    new Promise((resolve, reject) => {
      // Asynchronous, so this process's server keeps answering.
      execFile(process.execPath, [
        "--no-warnings",
        new URL(import.meta.url).pathname,
        flag === "--package" ? "--package" : "--sources",
        v,
        url,
      ], (error, stdout) => error ? reject(error) : resolve(JSON.parse(stdout)));
    });
  const best: Record<string, Sample> = {};
  for (let i = 0; i < RUNS; i++) {
    for (const v of VARIANTS) {
      const s = await run(v);
      const b = best[v] ??= s;
      best[v] = {
        importMs: Math.min(b.importMs, s.importMs),
        rssMb: Math.min(b.rssMb, s.rssMb),
        firstGetMs: Math.min(b.firstGetMs, s.firstGetMs),
      };
    }
  }
  server.close();
  for (const v of VARIANTS) {
    const s = best[v];
    console.log(
      `${v.padEnd(5)} import ${s.importMs.toFixed(1).padStart(6)} ms   rss ${
        s.rssMb.toFixed(1).padStart(6)
      } MB` +
        ` (+${(s.rssMb - best.raw.rssMb).toFixed(1)})   first GET at ${
          s.firstGetMs.toFixed(1).padStart(6)
        } ms` +
        ` (+${(s.firstGetMs - best.raw.firstGetMs).toFixed(1)})`,
    );
  }
}

await main();
