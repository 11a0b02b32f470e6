import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AuthError, OktaClient, RateLimitError, TimeoutError } from "../mod.ts";
import { createOAuthServer } from "../testing/oauth.ts";
import { testKeys } from "./fixtures/keys/test_keys.ts";
import { failure, json, oktaHeaders, tooMany } from "./_okta_fetch.ts";

const ORG = "https://example.okta.com";

/**
 * A client in PrivateKey mode whose token endpoint answers with `faults` first (one per token request;
 * `"hang"` never answers), then for real; the API answers `[]` to valid tokens.
 */
async function setup(faults: ("hang" | "reset" | (() => Response))[], extra: Record<string, unknown> = {}) {
  const { ec } = await testKeys();
  const server = createOAuthServer({
    issuer: ORG,
    clients: [{ clientId: "0oaservice", publicJwk: ec.publicJwk, scopes: ["okta.users.read"] }],
  });
  const tokenSignals: AbortSignal[] = [];
  let tokenRequests = 0;
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (new URL(request.url).pathname !== "/oauth2/v1/token") {
      const access = await server.verifyAccess(request);
      return access.ok ? json([]) : access.response;
    }
    tokenSignals.push(request.signal);
    const fault = faults[tokenRequests++];
    if (fault === "hang") {
      return await new Promise<Response>((_, reject) =>
        request.signal.addEventListener("abort", () => reject(request.signal.reason))
      );
    }
    if (fault === "reset") throw new TypeError("fetch failed: connection reset");
    return fault ? fault() : await server.handleToken(request);
  };
  const okta = new OktaClient({
    orgUrl: ORG,
    authorizationMode: "PrivateKey",
    clientId: "0oaservice",
    scopes: ["okta.users.read"],
    privateKey: ec.privateJwk,
    fetch,
    sources: false,
    ...extra,
  });
  return { okta, tokenSignals, tokenRequests: () => tokenRequests, server };
}

const list = { method: "GET", path: "/api/v1/users" };

describe("token endpoint: the call's signal and deadline", () => {
  it("aborting a call while its token is being fetched rejects at once and abandons the token request", async () => {
    const { okta, tokenSignals } = await setup(["hang"]);
    const controller = new AbortController();
    // Aborted once the token request is in flight (a cold first call on a busy machine can take 50 ms to bind).
    const abort = setInterval(() => {
      if (tokenSignals.length) controller.abort(new Error("caller gave up"));
    }, 10);
    const started = Date.now();
    const error = await failure<Error>(okta.request({ ...list, signal: controller.signal }));
    clearInterval(abort);
    assert.equal(error.message, "caller gave up");
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
    assert.equal(tokenSignals[0].aborted, true, "nobody waits for the token any more");
  });

  it("requestTimeout bounds a call waiting for its token, and the token request is abandoned", async () => {
    const { okta, tokenSignals } = await setup(["hang"], { requestTimeout: 0.2 });
    const started = Date.now();
    const error = await failure(okta.request(list));
    assert.ok(error instanceof TimeoutError, String(error));
    assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
    assert.equal(tokenSignals[0].aborted, true);
  });
});

describe("token endpoint: the same 429/5xx/network policy as any call", () => {
  it("with maxRetries 2, a token request answered 429, 503, 429, then 200 makes 4 attempts and succeeds", async () => {
    // The same answers as an API call's in http_retry_test.ts: the one attempt loop decides both.
    const limited = () => tooMany(0, 0, { "retry-after": "0" });
    const unavailable = () => json({}, 503, { "retry-after": "0" });
    const { okta, tokenRequests } = await setup([limited, unavailable, limited], {
      rateLimit: { maxRetries: 2 },
    });
    assert.deepEqual(await okta.request(list), []);
    assert.equal(tokenRequests(), 4);
  });

  it("retries after a 503, a connection reset and a 429 (reset read against the server's Date)", async () => {
    const serverAhead = () => tooMany(0, 3600); // the server's clock is an hour ahead of ours
    const { okta, tokenRequests } = await setup([() => json({}, 503), "reset", serverAhead], {
      rateLimit: { maxRetries: 3 },
    });
    const started = Date.now();
    assert.deepEqual(await okta.request(list), []);
    assert.equal(tokenRequests(), 4);
    assert.ok(Date.now() - started < 6000);
  });

  it("honours Retry-After on the token endpoint", async () => {
    const unavailable = () => new Response("", { status: 503, headers: oktaHeaders({ "retry-after": "1" }) });
    const { okta, tokenRequests } = await setup([unavailable]);
    const started = Date.now();
    assert.deepEqual(await okta.request(list), []);
    assert.equal(tokenRequests(), 2);
    assert.ok(Date.now() - started >= 900, `waited ${Date.now() - started} ms`);
  });

  it("once retries are spent, the error names the real cause, not the configuration", async () => {
    // A 429 that ends a token request is a RateLimitError, as for any call: one type for "rate limited".
    const limited = await setup([() => tooMany(0), () => tooMany(0)], { rateLimit: { maxRetries: 1 } });
    const error = await failure<RateLimitError>(limited.okta.request(list));
    assert.ok(error instanceof RateLimitError, String(error));
    assert.equal(error.status, 429);
    assert.equal(error.attempts, 2);
    assert.match(error.message, /POST \/oauth2\/v1\/token hit the rate limit/);
    assert.match(error.message, /2 attempts/);
    assert.doesNotMatch(error.message, /clientId|check the org URL/i);

    const down = await setup(["reset", "reset"], { rateLimit: { maxRetries: 1 } });
    const network = await failure<AuthError>(down.okta.request(list));
    assert.ok(network instanceof AuthError);
    assert.match(network.message, /network error/);
    assert.doesNotMatch(network.message, /clientId/);

    const unavailable = await setup([() => json({}, 503)], { rateLimit: { maxRetries: 0 } });
    const outage = await failure<AuthError>(unavailable.okta.request(list));
    assert.match(outage.message, /unavailable \(HTTP 503\)/);
  });

  it("a redirect from the token endpoint is not followed: the assertion goes to the org only", async () => {
    const moved = () =>
      new Response(null, { status: 307, headers: { location: "https://elsewhere.example/token" } });
    const { okta, tokenRequests } = await setup([moved]);
    const error = await failure<AuthError>(okta.request(list));
    assert.ok(error instanceof AuthError);
    assert.match(error.message, /redirect/);
    assert.equal(tokenRequests(), 1);
  });
});
