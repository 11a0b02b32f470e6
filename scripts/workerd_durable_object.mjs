// Runs the Durable Object store's tests inside workerd with a real Durable Object binding (the suite's own
// workerd run has none): bundles tests/rate_limit_durable_object_test.ts with the node:test shim into a worker
// that exports RateLimitDurableObject, binds it (in-memory storage) and the worker itself, and runs the tests
// from its test() handler. Called by scripts/check.sh.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bundleWorker, DURABLE_OBJECT, root, writeWorkerConfig } from "./_workerd.mjs";

const out = join(root, ".tmp", "workerd-do");
mkdirSync(out, { recursive: true });
const path = (p) => JSON.stringify(join(root, p));
writeFileSync(
  join(out, "entry.ts"),
  [
    `import ${path("tests/rate_limit_durable_object_test.ts")};`,
    `import { run } from ${path("tests/workerd/node_test_shim.ts")};`,
    `import { handle } from ${path("tests/workerd/durable_object_worker.ts")};`,
    `export { RateLimitDurableObject } from ${path("rate_limit/durable_object.ts")};`,
    `export default {`,
    `  fetch: (request, env) => handle(request, env),`,
    `  async test(controller, env) {`,
    `    globalThis.__oktakitBindings = env;`,
    `    const r = await run((line) => console.log(line));`,
    `    const skipped = Object.values(r.skipped).reduce((n, c) => n + c, 0);`,
    `    console.log("workerd (Durable Object): " + r.passed + " passed, " + r.failed + " failed, " + skipped + " skipped");`,
    `    if (r.failed) throw new Error(r.failed + " test(s) failed under workerd");`,
    `    if (r.passed === 0 || skipped > 0) throw new Error("the Durable Object tests did not all run");`,
    `  },`,
    `};`,
  ].join("\n"),
);
await bundleWorker(out, { tests: true });
writeWorkerConfig(out, DURABLE_OBJECT);
const result = spawnSync(join(root, "node_modules", ".bin", "workerd"), [
  "test",
  "--verbose",
  join(out, "config.capnp"),
], {
  stdio: "inherit",
  timeout: 5 * 60 * 1000,
});
process.exit(result.status ?? 1);
