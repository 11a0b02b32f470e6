/**
 * Serves the fake org over HTTP on loopback, seeded with a few users and groups, so any program (or
 * `curl`) can talk to it like an org: `npx deno run -A examples/serve_fake_org.ts [port]` (or `bun ...`).
 * It prints the environment that points oktakit at it, as `export` lines a shell can source. The server
 * runs until stopped, so capture its output in a file rather than with `$(...)` (which would wait for it to
 * exit); for example, to run the quickstart's real-org path against it:
 *
 * ```sh
 * npx deno run -A examples/serve_fake_org.ts 8787 > fake-org.env &
 * until grep -q '^export OKTA_TESTING' fake-org.env 2>/dev/null; do sleep 0.2; done
 * . ./fake-org.env && npx deno run -A examples/quickstart.ts
 * kill $! && rm fake-org.env
 * ```
 *
 * @module
 */
import { createFakeOrg } from "../testing/mod.ts";

const g = globalThis as unknown as {
  Deno?: {
    args: string[];
    serve(o: { hostname: string; port: number; onListen(): void }, h: unknown): unknown;
  };
  Bun?: { argv: string[]; serve(o: { hostname: string; port: number; fetch: unknown }): unknown };
};
const port = Number((g.Deno?.args ?? g.Bun?.argv.slice(2) ?? [])[0] ?? 8787);
const orgUrl = `http://127.0.0.1:${port}`;
// A real clock, so rate-limit windows and tokens behave as they would against Okta.
const org = createFakeOrg({ orgUrl, clock: "real" });
const people = ["ada", "grace", "alan", "edsger", "barbara"];
org.seed({
  groups: [{ name: "Engineering" }, { name: "Research" }],
  users: people.map((name, i) => ({
    profile: {
      login: `${name}@example.com`,
      email: `${name}@example.com`,
      firstName: name,
      lastName: "Example",
    },
    groups: [i % 2 ? "Research" : "Engineering"],
  })),
});

if (g.Deno) g.Deno.serve({ hostname: "127.0.0.1", port, onListen() {} }, org.handler);
else if (g.Bun) g.Bun.serve({ hostname: "127.0.0.1", port, fetch: org.handler });
else throw new Error("run this with Deno or Bun");

console.log(`export OKTA_CLIENT_ORGURL=${orgUrl}`);
console.log(`export OKTA_CLIENT_TOKEN=${org.apiToken}`);
console.log(`export OKTA_TESTING_DISABLEHTTPSCHECK=true`);
console.log(`# fake org serving on ${orgUrl} (Ctrl-C to stop)`);
