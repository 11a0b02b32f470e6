import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { type AuthStrategy, HttpError, type Logger, OktaApiError, OktaClient, OktaError } from "../mod.ts";
import { VERSION } from "../lib/http/headers.ts";
import { clientOptions, failure, json, oktaError, scripted } from "./_okta_fetch.ts";

function recordingLogger() {
  const lines: string[] = [];
  const write = (level: string) => (message: string, data?: Record<string, unknown>) =>
    lines.push(`${level} ${message} ${JSON.stringify(data ?? {})}`);
  const logger: Logger = {
    debug: write("DEBUG"),
    info: write("INFO"),
    warn: write("WARN"),
    error: write("ERROR"),
  };
  return { logger, lines };
}

describe("requests", () => {
  it("sends SSWS auth, a User-Agent, JSON bodies and query values", async () => {
    const fetch = scripted(() => json({ id: "00u1" }, 200));
    const okta = new OktaClient(clientOptions(fetch, { userAgent: "my-app/2.0" }));
    await okta.request({
      method: "POST",
      path: "/api/v1/users",
      query: { activate: false, tag: ["a", "b"], skip: undefined },
      body: { profile: { login: "a@example.com" } },
    });
    const [seen] = fetch.seen;
    assert.equal(seen.headers.get("authorization"), "SSWS 00secret-api-token");
    assert.match(seen.headers.get("user-agent")!, new RegExp(`^oktakit/${VERSION} \\w+/\\S+ my-app/2\\.0$`));
    assert.equal(seen.headers.get("accept"), "application/json");
    assert.match(seen.headers.get("content-type")!, /application\/json/);
    assert.equal(seen.url.search, "?activate=false&tag=a&tag=b");
    assert.deepEqual(JSON.parse(seen.body), { profile: { login: "a@example.com" } });
  });

  it("sends Bearer tokens and form bodies; reads 204 as undefined", async () => {
    const fetch = scripted(() => new Response(null, { status: 204 }));
    const okta = new OktaClient(clientOptions(fetch, { authorizationMode: "Bearer", token: "eyJ.access" }));
    const result = await okta.request({ method: "POST", path: "/x", body: { a: "1" }, bodyType: "form" });
    assert.equal(result, undefined);
    assert.equal(fetch.seen[0].headers.get("authorization"), "Bearer eyJ.access");
    assert.equal(fetch.seen[0].body, "a=1");
  });

  it("custom headers are sent, read, cleared, and cannot replace the client's own", async () => {
    const fetch = scripted(() => json({}));
    const okta = new OktaClient(clientOptions(fetch, { headers: { "X-Trace": "1" } }));
    okta.headers.set("X-Correlation-Id", "abc");
    assert.equal(okta.headers.get("x-correlation-id"), "abc");
    assert.throws(() => okta.headers.set("Authorization", "SSWS other"), TypeError);
    assert.throws(() => okta.headers.set("User-Agent", "x"), /userAgent option/);
    assert.throws(() => okta.headers.set("X Bad", "1"), /not a valid header name/);
    assert.throws(() => okta.headers.set("X-Split", "a\r\nX-Injected: 1"), /not a valid header value/);
    assert.throws(() => okta.headers.set("X-Wide", "\u2603"), TypeError);
    okta.headers.set("x-padded", "  v  ");
    assert.equal(okta.headers.get("X-Padded"), "v", "trimmed, as fetch trims");
    okta.headers.delete("X-PADDED");
    assert.equal(okta.headers.get("x-padded"), null);
    await okta.request({ method: "GET", path: "/api/v1/users/me", headers: { "X-Call": "y" } });
    await assert.rejects(
      okta.request({ method: "GET", path: "/x", headers: { accept: "text/html" } }),
      TypeError,
    );
    okta.headers.clear();
    await okta.request({ method: "GET", path: "/api/v1/users/me" });
    assert.equal(fetch.seen[0].headers.get("x-trace"), "1");
    assert.equal(fetch.seen[0].headers.get("x-correlation-id"), "abc");
    assert.equal(fetch.seen[0].headers.get("x-call"), "y");
    assert.equal(fetch.seen[1].headers.get("x-trace"), null);
    assert.equal(fetch.seen[1].headers.get("authorization"), "SSWS 00secret-api-token");
  });

  it("getDefaultHeaders() gives what every request carries, custom headers included, never Authorization", async () => {
    const fetch = scripted(() => json({}));
    const okta = new OktaClient(
      clientOptions(fetch, { userAgent: "my-app/2.0", headers: { "X-Trace": "1" } }),
    );
    const headers = await okta.getDefaultHeaders();
    assert.deepEqual(Object.keys(headers).sort(), ["accept", "content-type", "user-agent", "x-trace"]);
    assert.match(headers["user-agent"], new RegExp(`^oktakit/${VERSION} \\w+/\\S+ my-app/2\\.0$`));
    assert.equal(headers.accept, "application/json");
    assert.equal(headers["content-type"], "application/json");
    assert.equal(headers["x-trace"], "1");
    assert.ok(!JSON.stringify(headers).includes("00secret-api-token"));
    await okta.request({ method: "POST", path: "/api/v1/users", body: {} });
    for (const [name, value] of Object.entries(headers)) {
      assert.match(
        fetch.seen[0].headers.get(name)!,
        new RegExp(`^${value.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}`),
      );
    }
    okta.headers.set("X-Later", "2");
    assert.equal((await okta.getDefaultHeaders())["x-later"], "2", "a snapshot of the current headers");
  });
});

describe("options", () => {
  it("are copied at construction: a loop over tenants reusing one object sends each to its own org", async () => {
    const seen: string[] = [];
    const fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      seen.push(`${new URL(request.url).host} ${request.headers.get("authorization")}`);
      return Promise.resolve(json({ id: "00u1" }));
    };
    const options = { orgUrl: "", token: "", fetch, sources: false as const, headers: { "x-tenant": "" } };
    const clients = ["a", "b", "c"].map((tenant) => {
      options.orgUrl = `https://tenant-${tenant}.okta.com`;
      options.token = `00token-${tenant}`;
      options.headers["x-tenant"] = tenant;
      return new OktaClient(options);
    });
    options.orgUrl = "https://elsewhere.okta.com";
    await Promise.all(clients.map((okta) => okta.request({ method: "GET", path: "/api/v1/users/me" })));
    assert.deepEqual(seen.sort(), [
      "tenant-a.okta.com SSWS 00token-a",
      "tenant-b.okta.com SSWS 00token-b",
      "tenant-c.okta.com SSWS 00token-c",
    ]);
    assert.deepEqual(clients.map((okta) => okta.headers.get("x-tenant")), ["a", "b", "c"]);
  });

  it("keep functions and stores as given (they are not copied)", async () => {
    let calls = 0;
    const fetch = () => (calls++, Promise.resolve(json({ id: "00u1" })));
    const okta = new OktaClient({ orgUrl: "https://example.okta.com", token: "00t", fetch, sources: false });
    await okta.request({ method: "GET", path: "/api/v1/users/me" });
    assert.equal(calls, 1);
  });
});

describe("errors", () => {
  it("Okta's JSON errors become OktaApiError with every field and the request id", async () => {
    const okta = new OktaClient(
      clientOptions(scripted(() =>
        oktaError(400, "E0000001", "Api validation failed: login", [
          "login: An object with this field already exists",
        ])
      )),
    );
    const error = await failure(okta.request({ method: "POST", path: "/api/v1/users", body: {} }));
    assert.ok(error instanceof OktaApiError && error instanceof HttpError && error instanceof OktaError);
    assert.equal(error.status, 400);
    assert.equal(error.errorCode, "E0000001");
    assert.equal(error.errorCauses[0].errorSummary, "login: An object with this field already exists");
    assert.equal(error.errorId, "oaeE0000001");
    assert.match(error.requestId ?? "", /^req-/);
    assert.match(error.message, /already exists/);
    assert.match(error.stack ?? "", /^OktaApiError: [^\n]*\n\s+at /);
  });

  it("a 403 names the scopes the operation needs", async () => {
    const okta = new OktaClient(
      clientOptions(
        scripted(() =>
          oktaError(403, "E0000006", "You do not have permission to perform the requested action")
        ),
      ),
    );
    const error = await failure(
      okta.request({ method: "GET", path: "/api/v1/users", scopes: ["okta.users.read"] }),
    );
    assert.deepEqual(error.requiredScopes, ["okta.users.read"]);
    assert.match(error.message, /okta\.users\.read/);
  });

  it("an HTML page from a proxy becomes an HttpError, and a broken 200 body does not crash", async () => {
    const html = () => new Response("<html><body>Bad Gateway</body></html>", { status: 403 });
    const okta = new OktaClient(clientOptions(scripted(html)));
    const error = await failure<HttpError>(okta.request({ method: "GET", path: "/api/v1/users" }));
    assert.ok(error instanceof HttpError && !(error instanceof OktaApiError));
    assert.match(error.message, /Bad Gateway/);

    const broken = new OktaClient(clientOptions(scripted(() => new Response("{not json", { status: 200 }))));
    const parse = await failure<HttpError>(broken.request({ method: "GET", path: "/api/v1/users/1" }));
    assert.ok(parse instanceof HttpError);
    assert.match(parse.message, /not JSON/);
  });

  it("OAuth-style error bodies keep their code", async () => {
    const okta = new OktaClient(
      clientOptions(
        scripted(() => json({ error: "invalid_token", error_description: "The token is expired" }, 401)),
      ),
    );
    const error = await failure(okta.request({ method: "GET", path: "/api/v1/users" }));
    assert.equal(error.errorCode, "invalid_token");
    assert.match(error.message, /expired/);
  });
});

describe("secrets and logging", () => {
  it("logs nothing by default, and never the token or passwords when on", async () => {
    const quiet = recordingLogger();
    const fetch = scripted(() => json({ id: "00u1" }));
    await new OktaClient(clientOptions(fetch, { logging: { logger: quiet.logger } }))
      .request({ method: "GET", path: "/api/v1/users/1" });
    assert.equal(quiet.lines.length, 0);

    const loud = recordingLogger();
    const okta = new OktaClient(
      clientOptions(fetch, { logging: { enabled: true, logLevel: "debug", logger: loud.logger } }),
    );
    await okta.request({
      method: "POST",
      path: "/api/v1/users",
      body: { credentials: { password: { value: "Hunter2!pass" } }, profile: { login: "a" } },
    });
    const text = loud.lines.join("\n");
    assert.match(text, /POST \/api\/v1\/users 200/);
    assert.doesNotMatch(text, /00secret-api-token|Hunter2/);
    assert.match(text, /REDACTED/);
  });

  it("JSON.stringify of a client shows no credentials", () => {
    const okta = new OktaClient(clientOptions(scripted(() => json({}))));
    const text = JSON.stringify(okta) + String(okta);
    assert.doesNotMatch(text, /00secret-api-token/);
    assert.match(text, /REDACTED/);
  });
});

describe("cache", () => {
  it("is off by default", async () => {
    const fetch = scripted(() => json({ id: "00u1" }));
    const okta = new OktaClient(clientOptions(fetch));
    await okta.request({ method: "GET", path: "/api/v1/users/00u1" });
    await okta.request({ method: "GET", path: "/api/v1/users/00u1" });
    assert.equal(fetch.seen.length, 2);
  });

  it("serves single-resource GETs from the store until a write to the resource evicts them", async () => {
    let version = 0;
    const fetch = scripted((request) =>
      json({ id: "00u1", version: request.method === "GET" ? version : ++version })
    );
    const map = new Map<string, unknown>();
    const store = {
      get: (key: string) => Promise.resolve(map.get(key)),
      add: (key: string, value: unknown) => Promise.resolve(void map.set(key, value)),
      contains: (key: string) => map.has(key),
      delete: (key: string) => void map.delete(key),
    };
    const okta = new OktaClient(clientOptions(fetch, { cache: { enabled: true, store } }));
    const get = () => okta.request<{ version: number }>({ method: "GET", path: "/api/v1/users/00u1" });
    assert.equal((await get()).version, 0);
    assert.equal((await get()).version, 0);
    assert.equal(fetch.seen.length, 1);
    // One response; the rest of the store is the versions and aliases that let writes evict it.
    const entries = () => [...map.keys()].filter((key) => key.startsWith("oktakit:e:"));
    assert.equal(entries().length, 1);
    await okta.request({ method: "POST", path: "/api/v1/users/00u1/lifecycle/suspend" });
    assert.equal((await get()).version, 1);
    assert.equal(fetch.seen.length, 3);
  });

  it("evicts a user read by login when the same user is written by id", async () => {
    const fetch = scripted(() => json({ id: "00u1", profile: { login: "ada@example.com" } }));
    const okta = new OktaClient(clientOptions(fetch, { cache: { enabled: true } }));
    const byLogin = () => okta.request({ method: "GET", path: "/api/v1/users/ada%40example.com" });
    await byLogin();
    await byLogin();
    assert.equal(fetch.seen.length, 1);
    await okta.request({ method: "POST", path: "/api/v1/users/00u1", body: { profile: { nickName: "A" } } });
    await byLogin();
    assert.equal(fetch.seen.length, 3);
  });

  it("expires entries after defaultTtl", async () => {
    const fetch = scripted(() => json({ id: "00u1" }));
    const okta = new OktaClient(clientOptions(fetch, { cache: { enabled: true, defaultTtl: 0.05 } }));
    await okta.request({ method: "GET", path: "/api/v1/users/00u1" });
    await new Promise((r) => setTimeout(r, 80));
    await okta.request({ method: "GET", path: "/api/v1/users/00u1" });
    assert.equal(fetch.seen.length, 2);
  });
});

describe("custom authorization", () => {
  it("uses the caller's AuthStrategy on every attempt and lets it refresh once on a 401", async () => {
    let token = "first";
    const strategy: AuthStrategy = {
      kind: "Vault",
      authorize(request) {
        request.headers.set("authorization", `Bearer ${token}`);
      },
      onResponse(_request, response) {
        if (response.status !== 401 || token === "second") return "accept";
        token = "second";
        return "retry";
      },
    };
    const fetch = scripted(
      () => oktaError(401, "E0000011", "Invalid token provided"),
      () => json({ id: "00u1" }),
    );
    const okta = new OktaClient({
      orgUrl: "https://example.okta.com",
      auth: strategy,
      fetch,
      sources: false,
    });
    await okta.request({ method: "GET", path: "/api/v1/users/me" });
    assert.deepEqual(fetch.seen.map((s) => s.headers.get("authorization")), [
      "Bearer first",
      "Bearer second",
    ]);
  });
});
