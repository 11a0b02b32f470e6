// What the scripts that run code under workerd share: bundling an entry into worker.js with esbuild for the
// Worker conditions, and writing the workerd config that serves it (with a Durable Object binding when asked).
import { build } from "esbuild";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** The repository root. */
export const root = resolve(import.meta.dirname, "..");

/**
 * Bundles `out/entry.ts` into `out/worker.js`. `tests`: a test bundle, with `node:test` replaced by the shim
 * and every file kept (package.json's "sideEffects" would let esbuild drop the test files' bare imports).
 */
export async function bundleWorker(out, { tests = false } = {}) {
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
    ...(tests && {
      ignoreAnnotations: true,
      plugins: [{
        name: "node-test-shim",
        setup(b) {
          b.onResolve(
            { filter: /^node:test$/ },
            () => ({ path: join(root, "tests/workerd/node_test_shim.ts") }),
          );
        },
      }],
    }),
  });
}

/** The worker's lines that export `RateLimitDurableObject` as a namespace bound to `RATE_LIMITS`. */
export const DURABLE_OBJECT =
  `  durableObjectNamespaces = [(className = "RateLimitDurableObject", uniqueKey = "oktakit-rate-limits")],
  durableObjectStorage = (inMemory = void),
  bindings = [
    (name = "RATE_LIMITS", durableObjectNamespace = "RateLimitDurableObject"),
    (name = "SELF", service = "main"),
  ],
`;

/** Writes `out/config.capnp`: one service, `main`, running `worker.js`, plus `extra` worker lines. */
export function writeWorkerConfig(out, extra = "") {
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
${extra});
`,
  );
}
