// Runs the test suite inside Cloudflare's workerd: bundles every tests/**/*_test.ts with esbuild into one
// worker (node:test replaced by a small shim, other node: modules left to workerd's nodejs_compat; JSON
// imports such as spec/okta-management.json are inlined), then runs it with `workerd test`, which calls
// the worker's test() handler. Tests skipped for a capability workerd lacks are counted with the reason.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bundleWorker, root, writeWorkerConfig } from "./_workerd.mjs";

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

await bundleWorker(out, { tests: true });
writeWorkerConfig(out);

const workerd = join(root, "node_modules", ".bin", "workerd");
const result = spawnSync(workerd, ["test", "--verbose", join(out, "config.capnp")], {
  stdio: "inherit",
  timeout: 15 * 60 * 1000,
});
process.exit(result.status ?? 1);
