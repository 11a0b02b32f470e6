// Benchmark: the Workers case of bench/shared_store.ts. Under workerd, 200 concurrent Worker requests, each
// with a client of its own (as a fresh isolate has), each one getUser against the fake org (real clock, a
// bucket of 100 per 2 s, a concurrent-request limit of 10, 10 ms per request), first with no shared store,
// then sharing the budget through the Durable Object. Reported: 429s, failed requests, time, and time against
// the minimum, 200 / (100 × 0.9) × 2 s. Run: `node bench/workerd_shared_store.mjs`.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bundleWorker, DURABLE_OBJECT, root, writeWorkerConfig } from "../scripts/_workerd.mjs";

const out = join(root, ".tmp", "workerd-bench");
mkdirSync(out, { recursive: true });
const path = (p) => JSON.stringify(join(root, p));
writeFileSync(
  join(out, "entry.ts"),
  `import { createFakeOrg } from ${path("testing/mod.ts")};
import { handle } from ${path("tests/workerd/durable_object_worker.ts")};
export { RateLimitDurableObject } from ${path("rate_limit/durable_object.ts")};
const REQUESTS = 200, LIMIT = 100, WINDOW = 2;
async function once(env, prefix) {
  const org = createFakeOrg({ clock: "real", recordRequests: false });
  org.rateLimits.set("GET /api/v1/users/{idOrLogin}", { limit: LIMIT, windowSeconds: WINDOW });
  org.rateLimits.setConcurrency(10);
  org.latencyMs = 10;
  const { userIds } = org.seed({ users: Array.from({ length: REQUESTS }, (_, i) => ({
    profile: { login: "b" + i + "@example.com", email: "b" + i + "@example.com", firstName: "B", lastName: "" + i },
  })) });
  globalThis.__oktakitWorkerOrg = org;
  const started = Date.now();
  const statuses = await Promise.all(userIds.map((id) =>
    env.SELF.fetch("https://worker.test/?id=" + id + "&prefix=" + prefix).then((r) => r.status)));
  const ms = Date.now() - started;
  const min = REQUESTS / (LIMIT * 0.9) * WINDOW * 1000;
  return [prefix ? "Durable Object" : "no shared store", org.rateLimits.violations().total,
    statuses.filter((s) => s !== 200).length, (ms / 1000).toFixed(1) + " s", (ms / min).toFixed(2) + "×"];
}
export default {
  fetch: (request, env) => handle(request, env),
  async test(controller, env) {
    const rows = [await once(env, ""), await once(env, "bench-" + Date.now())];
    console.log("workerd: " + REQUESTS + " concurrent Worker requests, one getUser each, a fresh client per request; " +
      "bucket " + LIMIT + " per " + WINDOW + " s, concurrent limit 10; minimum " + (REQUESTS / (LIMIT * 0.9) * WINDOW).toFixed(1) + " s");
    console.log("| shared store | 429s | failed | time | vs minimum |\\n| --- | --- | --- | --- | --- |");
    for (const row of rows) console.log("| " + row.join(" | ") + " |");
  },
};
`,
);
await bundleWorker(out);
writeWorkerConfig(out, DURABLE_OBJECT);
const result = spawnSync(join(root, "node_modules", ".bin", "workerd"), ["test", join(out, "config.capnp")], {
  stdio: "inherit",
  timeout: 5 * 60 * 1000,
});
process.exit(result.status ?? 1);
