// deno-lint-ignore-file no-explicit-any -- runtime globals are probed without their types
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createFakeOrg } from "../testing/mod.ts";

const runtime = globalThis as any;

/** Serves `handler` on an ephemeral loopback port with whatever server the runtime has. */
function serve(
  handler: (request: Request) => Promise<Response>,
): { origin: string; stop(): Promise<void> } | undefined {
  if (typeof runtime.Deno?.serve === "function") {
    const server = runtime.Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, handler);
    return { origin: `http://127.0.0.1:${server.addr.port}`, stop: () => server.shutdown() };
  }
  if (typeof runtime.Bun?.serve === "function") {
    const server = runtime.Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: handler });
    return { origin: `http://127.0.0.1:${server.port}`, stop: () => Promise.resolve(void server.stop(true)) };
  }
  return undefined;
}

const noServer = typeof runtime.Deno?.serve === "function" || typeof runtime.Bun?.serve === "function"
  ? false
  : "no Deno.serve or Bun.serve in this runtime to serve the fake org with";

describe("fake org: served on loopback", () => {
  it("answers real HTTP requests with links on the origin it is served on", { skip: noServer }, async () => {
    const org = createFakeOrg();
    const server = serve(org.handler)!;
    try {
      org.seed({
        users: ["a", "b"].map((n) => ({
          profile: { login: `${n}@example.com`, email: `${n}@example.com`, firstName: n, lastName: "S" },
        })),
      });
      const res = await fetch(`${server.origin}/api/v1/users?limit=1`, {
        headers: { authorization: `SSWS ${org.apiToken}` },
      });
      assert.equal(res.status, 200);
      const [user] = await res.json();
      assert.equal(user._links.self.href, `${server.origin}/api/v1/users/${user.id}`);
      assert.match(
        res.headers.get("link")!,
        new RegExp(`<${server.origin}/api/v1/users\\?limit=1&after=[^>]+>; rel="next"`),
      );
      assert.ok(res.headers.get("x-rate-limit-reset"));
      const denied = await fetch(`${server.origin}/api/v1/users`);
      assert.equal(denied.status, 401);
      assert.equal((await denied.json()).errorCode, "E0000011");
    } finally {
      await server.stop();
    }
  });

  it("served by Deno, answers a POST without Deno's request.signal legacy-abort warning (Deno only)", async () => {
    const org = createFakeOrg();
    if (typeof runtime.Deno?.serve !== "function") return;
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(" "));
    const server = serve(org.handler)!;
    try {
      const res = await fetch(`${server.origin}/api/v1/groups`, {
        method: "POST",
        headers: { authorization: `SSWS ${org.apiToken}`, "content-type": "application/json" },
        body: JSON.stringify({ profile: { name: "Ops" } }),
      });
      assert.equal(res.status, 200);
      await res.body?.cancel();
      assert.equal(org.requests.at(-1)!.body, '{"profile":{"name":"Ops"}}');
      await new Promise((resolve) => setTimeout(resolve, 50)); // Deno warns once the response is sent
    } finally {
      await server.stop();
      console.warn = warn;
    }
    assert.deepEqual(warnings.filter((w) => String(w).includes("request.signal")), []);
  });
});
