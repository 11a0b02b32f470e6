/**
 * Benchmark of the `oktakit` command, each run as a child process against the fake org served over
 * loopback HTTP from this process on the real clock:
 *
 * 1. `export`: 100,000 users with 50 ms of latency per page (200 users a page), beside a plain `fetch` loop
 *    writing the same NDJSON (`bench/_raw_export.ts`): time, users per second and peak RSS of each process
 *    (read from `/proc/<pid>/status`, so Linux only), and the two files compared byte for byte;
 * 2. `import`: 2,000 users created from NDJSON against a users bucket of 100 per 2-second window (Okta's
 *    windows are 60 s; the arithmetic is the same), a concurrent limit of 10 and 10 ms of handling: the
 *    429s the org sent, and the time against the minimum, calls ÷ (limit × 0.9) × window (the client's
 *    default 10% reserve).
 *
 * `bash scripts/node.sh bench/cli.ts [export|import] [--package]` (both by default; about two minutes). The
 * command runs on the same runtime as this script, from the TypeScript sources, or with `--package` from the
 * compiled npm package in `.tmp/npm/package` (`node scripts/build_npm.mjs` first), as Node users get it.
 *
 * @module
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { createFakeOrg, type FakeOrg } from "../testing/mod.ts";

const root = new URL("../", import.meta.url).pathname;
const only = process.argv.slice(2).find((arg) => !arg.startsWith("--"));
const cliMain = process.argv.includes("--package")
  ? join(root, ".tmp/npm/package/cli/main.js")
  : join(root, "cli/main.ts");

let current: FakeOrg | undefined;
const server = createServer(async (req, res) => {
  const chunks: Uint8Array[] = [];
  for await (const chunk of req) chunks.push(chunk as Uint8Array);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  const body = chunks.length ? new Blob(chunks as BlobPart[]) : undefined;
  try {
    const response = await current!.handler(
      new Request(`${orgUrl}${req.url}`, { method: req.method, headers, body }),
    );
    const out: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => out[name] = name === "link" ? value.split(/,\s*(?=<)/) : value);
    res.writeHead(response.status, out).end(new Uint8Array(await response.arrayBuffer()));
  } catch {
    res.writeHead(500).end();
  }
});
server.keepAliveTimeout = 60_000;
await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
const orgUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

const profile = (i: number) => ({
  login: `user${i}@example.com`,
  email: `user${i}@example.com`,
  firstName: `First${i}`,
  lastName: `Last${i}`,
  department: i % 2 ? "Finance" : "Engineering",
});

/** Runs a child to its end: wall time, peak RSS (MB, Linux) and output. */
function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ ms: number; peakMb: number; out: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk) => out += chunk);
  child.stderr.on("data", (chunk) => err += chunk);
  let peakKb = 0;
  const poll = setInterval(async () => {
    try {
      const status = await readFile(`/proc/${child.pid}/status`, "utf8");
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // exited, or no /proc here
    }
  }, 50);
  return new Promise((resolve, reject) =>
    child.on("close", (code) => {
      clearInterval(poll);
      if (code !== 0) return reject(new Error(`${args.join(" ")} exited ${code}: ${err}`));
      resolve({ ms: performance.now() - started, peakMb: peakKb / 1024, out: out + err });
    })
  );
}

const dir = await mkdtemp(join(tmpdir(), "oktakit-bench-cli-"));
const lines: string[] = [];
try {
  if (!only || only === "export") {
    const TOTAL = 100_000;
    const org = createFakeOrg({ orgUrl, clock: "real", recordRequests: false });
    org.rateLimits.set("*", { limit: 1_000_000 });
    console.error(`seeding ${TOTAL} users...`);
    for (let i = 0; i < TOTAL; i += 10_000) {
      org.seed({ users: Array.from({ length: 10_000 }, (_, j) => ({ profile: profile(i + j) })) });
    }
    org.latencyMs = 50;
    current = org;
    const env = {
      OKTA_CLIENT_ORGURL: orgUrl,
      OKTA_CLIENT_TOKEN: org.apiToken,
      OKTA_TESTING_DISABLEHTTPSCHECK: "true",
    };
    console.error("plain fetch loop...");
    const raw = await run([
      join(root, "bench/_raw_export.ts"),
      orgUrl,
      org.apiToken,
      join(dir, "raw.ndjson"),
    ]);
    console.error("oktakit export...");
    const cli = await run([
      join(root, "cli/main.ts"),
      "export",
      "users",
      "--out",
      join(dir, "cli"),
      "--quiet",
    ], env);
    const same = (await readFile(join(dir, "raw.ndjson"), "utf8")) ===
      (await readFile(join(dir, "cli/users.ndjson"), "utf8"));
    const rate = (ms: number) => Math.round(TOTAL / (ms / 1000)).toLocaleString("en-US");
    lines.push(
      `export ${TOTAL.toLocaleString("en-US")} users, 50 ms per page of 200 (files identical: ${same})`,
      `  plain fetch loop: ${(raw.ms / 1000).toFixed(1)} s, ${rate(raw.ms)} users/s, peak RSS ${
        raw.peakMb.toFixed(0)
      } MB`,
      `  oktakit export:   ${(cli.ms / 1000).toFixed(1)} s, ${rate(cli.ms)} users/s, peak RSS ${
        cli.peakMb.toFixed(0)
      } MB`,
      `  oktakit / plain: time ${(cli.ms / raw.ms).toFixed(2)}×, peak RSS ${
        (cli.peakMb / raw.peakMb).toFixed(2)
      }×`,
    );
    current = undefined;
  }
  if (!only || only === "import") {
    const COUNT = 2000;
    const LIMIT = 100;
    const WINDOW_SECONDS = 2;
    const org = createFakeOrg({ orgUrl, clock: "real", recordRequests: false });
    org.rateLimits.set("/api/v1/users", { limit: LIMIT, windowSeconds: WINDOW_SECONDS });
    org.rateLimits.setConcurrency(10);
    org.latencyMs = 10;
    current = org;
    const input = join(dir, "people.ndjson");
    await writeFile(
      input,
      Array.from({ length: COUNT }, (_, i) => JSON.stringify(profile(i))).join("\n") + "\n",
    );
    const env = {
      OKTA_CLIENT_ORGURL: orgUrl,
      OKTA_CLIENT_TOKEN: org.apiToken,
      OKTA_TESTING_DISABLEHTTPSCHECK: "true",
    };
    console.error("oktakit import...");
    const cli = await run(
      [join(root, "cli/main.ts"), "import", "users", input, "--no-activate", "--quiet"],
      env,
    );
    const results = (await readFile(`${input}.results.ndjson`, "utf8")).trim().split("\n").map((l) =>
      JSON.parse(l)
    );
    const created = results.filter((r) => r.result === "created").length;
    const logins = org.inspect.users().map((u) => (u.profile as { login: string }).login);
    const minimumMs = COUNT / (LIMIT * 0.9) * WINDOW_SECONDS * 1000;
    lines.push(
      `import ${
        COUNT.toLocaleString("en-US")
      } users, bucket of ${LIMIT} per ${WINDOW_SECONDS} s, concurrent limit 10, 10 ms handling`,
      `  ${org.rateLimits.violations().total} 429s, ${created} created, ${
        logins.length - new Set(logins).size
      } duplicates, ${(cli.ms / 1000).toFixed(1)} s = ${(cli.ms / minimumMs).toFixed(2)}× the minimum (${
        (minimumMs / 1000).toFixed(1)
      } s), peak RSS ${cli.peakMb.toFixed(0)} MB`,
    );
    current = undefined;
  }
} finally {
  server.close();
  await rm(dir, { recursive: true, force: true });
}
console.log(
  `${process.release.name} ${process.version}, ${new Date().toISOString().slice(0, 10)}, the command from ${
    cliMain.endsWith(".js") ? "the npm package" : "the TypeScript sources"
  }`,
);
for (const line of lines) console.log(line);
