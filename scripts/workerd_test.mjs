// Runs the test suite inside Cloudflare's workerd: bundles every tests/**/*_test.ts with esbuild into one
// worker (node:test replaced by a small shim, other node: modules left to workerd's nodejs_compat; JSON
// imports such as spec/okta-management.json are inlined), then runs it with `workerd test`, which calls
// the worker's test() handler. Tests skipped for a capability workerd lacks are counted with the reason.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const out = join(root, ".tmp", "workerd");
mkdirSync(out, { recursive: true });

const files = readdirSync(join(root, "tests"), { recursive: true })
  .filter((f) => f.endsWith("_test.ts"))
  .filter((f) => process.argv.length <= 2 || process.argv.slice(2).some((arg) => f.includes(arg)))
  .sort();
const entry = [
  ...files.map((f) => `import ${JSON.stringify(join(root, "tests", f))};`),
  `import { run } from ${JSON.stringify(join(root, "tests/workerd/node_test_shim.ts"))};`,
  `export default { async test() {`,
  `  const r = await run((line) => console.log(line));`,
  `  const skips = Object.entries(r.skipped);`,
  `  const skipped = skips.reduce((n, [, count]) => n + count, 0);`,
  `  console.log("workerd: " + r.passed + " passed, " + r.failed + " failed, " + skipped + " skipped" +`,
  `    skips.map(([why, count]) => "\\n  " + count + " skipped: " + why).join(""));`,
  `  if (r.failed) throw new Error(r.failed + " test(s) failed under workerd");`,
  `  if (r.passed === 0) throw new Error("no test ran under workerd");`,
  `} };`,
].join("\n");
writeFileSync(join(out, "entry.ts"), entry);

await build({
  entryPoints: [join(out, "entry.ts")],
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  outfile: join(out, "worker.js"),
  mainFields: ["module", "main"],
  conditions: ["workerd", "worker", "import"],
  external: ["node:*"],
  logLevel: "warning",
  // A test bundle keeps every file: package.json's "sideEffects" list would let esbuild drop the test
  // files' bare imports, and pure annotations do not matter here.
  ignoreAnnotations: true,
  plugins: [{
    name: "node-test-shim",
    setup(b) {
      b.onResolve({ filter: /^node:test$/ }, () => ({ path: join(root, "tests/workerd/node_test_shim.ts") }));
    },
  }],
});

writeFileSync(
  join(out, "config.capnp"),
  `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-09-01",
  compatibilityFlags = ["nodejs_compat"],
);
`,
);

const workerd = join(root, "node_modules", ".bin", "workerd");
const result = spawnSync(workerd, ["test", "--verbose", join(out, "config.capnp")], {
  stdio: "inherit",
  timeout: 15 * 60 * 1000,
});
process.exit(result.status ?? 1);
