// Runs the Durable Object store's tests inside workerd with a real Durable Object binding (the suite's own
// workerd run has none): bundles tests/rate_limit_durable_object_test.ts with the node:test shim into a worker
// that exports RateLimitDurableObject, binds it (in-memory storage) and the worker itself, and runs the tests
// from its test() handler. Called by scripts/check.sh.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
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
  durableObjectNamespaces = [(className = "RateLimitDurableObject", uniqueKey = "oktakit-rate-limits")],
  durableObjectStorage = (inMemory = void),
  bindings = [
    (name = "RATE_LIMITS", durableObjectNamespace = "RateLimitDurableObject"),
    (name = "SELF", service = "main"),
  ],
);
`,
);
const result = spawnSync(join(root, "node_modules", ".bin", "workerd"), [
  "test",
  "--verbose",
  join(out, "config.capnp"),
], {
  stdio: "inherit",
  timeout: 5 * 60 * 1000,
});
process.exit(result.status ?? 1);
