import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { privateKeyAuth } from "../lib/private_key_auth.ts";
import { AuthError, ConfigError } from "../lib/errors.ts";
import { createOAuthServer, type OAuthServerOptions } from "../testing/oauth.ts";
import { callApi, formOf, tokenFetch } from "./fixtures/keys/oauth_flow.ts";
import { testKeys } from "./fixtures/keys/test_keys.ts";

const ORG = "https://example.okta.com";
const TOKEN_URL = `${ORG}/oauth2/v1/token`;
const SCOPES = ["okta.users.read", "okta.groups.read"];

async function setup(type: "rsa" | "ec" = "rsa", extra: Partial<OAuthServerOptions> = {}) {
  const key = (await testKeys())[type];
  let now = Date.UTC(2026, 0, 1);
  const clock = () => now;
  const server = createOAuthServer({
    issuer: ORG,
    clients: [{ clientId: "0oaservice", publicJwk: key.publicJwk, scopes: [...SCOPES, "okta.apps.read"] }],
    now: clock,
    ...extra,
  });
  const seen: Request[] = [];
  const auth = privateKeyAuth({
    orgUrl: ORG,
    clientId: "0oaservice",
    scopes: SCOPES,
    privateKey: type === "rsa" ? key.legacyPem : key.pkcs8Pem,
    fetch: tokenFetch(server, seen),
    clock,
  });
  return { key, server, seen, auth, advance: (ms: number) => (now += ms), clock };
}

describe("privateKeyAuth: the token request", () => {
  for (const type of ["rsa", "ec"] as const) {
    it(`${type}: posts a client-credentials form with a valid assertion and sets Bearer`, async () => {
      const { server, seen, auth, clock } = await setup(type);
      const request = new Request(`${ORG}/api/v1/users`);
      await auth.authorize(request);
      assert.match(request.headers.get("authorization")!, /^Bearer \S+$/);
      assert.equal(request.headers.get("dpop"), null);
      assert.equal((await server.verifyAccess(request)).ok, true);

      const [tokenRequest] = seen;
      assert.equal(tokenRequest.method, "POST");
      assert.equal(tokenRequest.url, TOKEN_URL);
      assert.equal(tokenRequest.headers.get("accept"), "application/json");
      assert.equal(tokenRequest.headers.get("content-type"), "application/x-www-form-urlencoded");
      const form = await formOf(tokenRequest);
      assert.equal(form.get("grant_type"), "client_credentials");
      assert.equal(form.get("scope"), "okta.users.read okta.groups.read");
      assert.equal(
        form.get("client_assertion_type"),
        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      );
      const assertion = form.get("client_assertion")!;
      const header = decodeProtectedHeader(assertion);
      assert.equal(header.alg, type === "rsa" ? "RS256" : "ES256");
      assert.equal(header.kid, undefined, "a PEM key has no kid of its own and none was configured");
      const claims = decodeJwt(assertion);
      assert.equal(claims.iss, "0oaservice");
      assert.equal(claims.sub, "0oaservice");
      assert.equal(claims.aud, TOKEN_URL);
      assert.equal(claims.iat, Math.floor(clock() / 1000));
      assert.ok(claims.exp! > claims.iat! && claims.exp! - claims.iat! <= 600);
      assert.match(String(claims.jti), /^[0-9a-f-]{36}$/);
    });
  }

  it("puts the configured kid, else the JWK's own kid, in the assertion header", async () => {
    const { key, server, clock } = await setup("ec");
    for (const [kid, expected] of [[undefined, "test-ec"], ["test-ec", "test-ec"]] as const) {
      const seen: Request[] = [];
      const auth = privateKeyAuth({
        orgUrl: ORG,
        clientId: "0oaservice",
        scopes: SCOPES,
        privateKey: JSON.stringify(key.privateJwk),
        kid,
        fetch: tokenFetch(server, seen),
        clock,
      });
      await auth.authorize(new Request(`${ORG}/api/v1/users`));
      const assertion = (await formOf(seen[0])).get("client_assertion")!;
      assert.equal(decodeProtectedHeader(assertion).kid, expected);
    }
  });

  it("20 concurrent authorize calls make one token request", async () => {
    const { server, auth } = await setup("ec");
    const requests = Array.from({ length: 20 }, (_, i) => new Request(`${ORG}/api/v1/users/${i}`));
    await Promise.all(requests.map((request) => auth.authorize(request)));
    assert.equal(server.tokenRequests(), 1);
    assert.equal(new Set(requests.map((r) => r.headers.get("authorization"))).size, 1);
  });

  it("reuses the token, then refreshes it ahead of expiry", async () => {
    const { server, auth, advance } = await setup("ec", { tokenTtlSeconds: 3600 });
    const first = new Request(`${ORG}/api/v1/users`);
    await auth.authorize(first);
    advance(3_600_000 - 90_000);
    const second = new Request(`${ORG}/api/v1/users`);
    await auth.authorize(second);
    assert.equal(second.headers.get("authorization"), first.headers.get("authorization"));
    assert.equal(server.issuedTokens(), 1);
    advance(40_000); // 50 s left: inside the 60 s margin
    const third = new Request(`${ORG}/api/v1/users`);
    await auth.authorize(third);
    // Still valid: served at once while the replacement is fetched in the background.
    assert.equal(third.headers.get("authorization"), first.headers.get("authorization"));
    for (let i = 0; i < 100 && server.issuedTokens() < 2; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(server.issuedTokens(), 2);
    await new Promise((r) => setTimeout(r, 10));
    const fourth = new Request(`${ORG}/api/v1/users`);
    await auth.authorize(fourth);
    assert.notEqual(fourth.headers.get("authorization"), first.headers.get("authorization"));
    assert.equal((await server.verifyAccess(fourth)).ok, true);
  });

  it("401 on an API call: drops the token, retries once with a new one", async () => {
    const { server, auth } = await setup("ec");
    assert.equal((await callApi(auth, server, `${ORG}/api/v1/users`)).response.status, 200);
    server.revokeAll();
    const result = await callApi(auth, server, `${ORG}/api/v1/users`);
    assert.equal(result.response.status, 200);
    assert.equal(result.requests.length, 2);
    assert.notEqual(
      result.requests[0].headers.get("authorization"),
      result.requests[1].headers.get("authorization"),
    );
    assert.equal(server.issuedTokens(), 2);
  });

  it("401 with the replacement token too: accepts it (no loop), whatever the attempt numbers", async () => {
    const { auth, server, advance } = await setup("ec");
    const unauthorized = () => new Response("{}", { status: 401 });
    const first = new Request(`${ORG}/api/v1/users`);
    await auth.authorize(first);
    assert.equal(await auth.onResponse(first, unauthorized(), 0), "retry");
    const second = new Request(`${ORG}/api/v1/users`);
    await auth.authorize(second);
    assert.notEqual(second.headers.get("authorization"), first.headers.get("authorization"));
    assert.equal(await auth.onResponse(second, unauthorized(), 0), "accept");
    assert.equal(server.issuedTokens(), 2);
    // A late 401 for the old token (a concurrent call) retries: the next attempt has the new token.
    assert.equal(await auth.onResponse(first, unauthorized(), 0), "retry");
    assert.equal(server.issuedTokens(), 2);
    // Much later, the replacement token being refused (revoked) is worth one refresh again.
    advance(120_000);
    assert.equal(await auth.onResponse(second, unauthorized(), 0), "retry");
    for (const status of [200, 403, 404, 429]) {
      assert.equal(await auth.onResponse(second, new Response("{}", { status }), 0), "accept");
    }
  });

  it("401s in many concurrent calls with the same stale token cause one refresh", async () => {
    const { server, auth } = await setup("ec");
    await callApi(auth, server, `${ORG}/api/v1/users`);
    server.revokeAll();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => callApi(auth, server, `${ORG}/api/v1/users`)),
    );
    assert.ok(results.every((result) => result.response.status === 200 && result.requests.length === 2));
    assert.equal(server.issuedTokens(), 2);
  });
});

describe("privateKeyAuth: failures", () => {
  it("a refused token request is an AuthError with error, description and status, and is not cached", async () => {
    const { key, server, clock } = await setup("ec");
    const auth = privateKeyAuth({
      orgUrl: ORG,
      clientId: "0oaservice",
      scopes: ["okta.users.manage"],
      privateKey: key.privateJwk,
      fetch: tokenFetch(server),
      clock,
    });
    const error = await auth.authorize(new Request(`${ORG}/api/v1/users`)).then(() => undefined, (e) => e);
    assert.ok(error instanceof AuthError);
    assert.equal(error.status, 400);
    assert.equal(error.error, "invalid_scope");
    assert.match(error.errorDescription!, /okta\.users\.manage/);
    assert.match(error.message, /invalid_scope.*Grant these scopes/);
    await assert.rejects(auth.authorize(new Request(`${ORG}/api/v1/users`)), AuthError);
    assert.equal(server.tokenRequests(), 2, "the failure was not cached: the second call asked again");
  });

  it("a wrong key is invalid_client (401)", async () => {
    const { server, clock } = await setup("ec");
    const other = (await testKeys()).rsa;
    const auth = privateKeyAuth({
      orgUrl: ORG,
      clientId: "0oaservice",
      scopes: SCOPES,
      privateKey: other.pkcs8Pem,
      fetch: tokenFetch(server),
      clock,
    });
    await assert.rejects(auth.authorize(new Request(`${ORG}/api/v1/users`)), (e: unknown) => {
      return e instanceof AuthError && e.status === 401 && e.error === "invalid_client" &&
        /clientId/.test(e.message);
    });
  });

  it("recovers after a failure: the next call gets a token", async () => {
    const { key, server, clock } = await setup("ec");
    let fail = true;
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      if (fail) {
        fail = false;
        return Promise.resolve(
          Response.json({ error: "server_error", error_description: "try later" }, { status: 500 }),
        );
      }
      return server.handleToken(new Request(input, init));
    }) as typeof globalThis.fetch;
    const auth = privateKeyAuth({
      orgUrl: ORG,
      clientId: "0oaservice",
      scopes: SCOPES,
      privateKey: key.privateJwk,
      fetch,
      clock,
    });
    await assert.rejects(auth.authorize(new Request(`${ORG}/api/v1/users`)), /server_error: try later/);
    const request = new Request(`${ORG}/api/v1/users`);
    await auth.authorize(request);
    assert.equal((await server.verifyAccess(request)).ok, true);
  });

  const malformed: [string, () => Response | Promise<Response>, RegExp][] = [
    ["a body that is not JSON", () => new Response("<html>proxy</html>", { status: 200 }), /not JSON/],
    [
      "no access_token",
      () => Response.json({ token_type: "Bearer", expires_in: 3600 }),
      /without an access_token/,
    ],
    [
      "an error body with status 200",
      () => Response.json({ error: "invalid_client" }),
      /without an access_token/,
    ],
    [
      "an unknown token_type",
      () => Response.json({ access_token: "x", token_type: "MAC" }),
      /token_type "MAC"/,
    ],
    ["a network error", () => Promise.reject(new TypeError("fetch failed")), /network error/],
    ["an HTML 502", () => new Response("<html>bad gateway</html>", { status: 502 }), /HTTP 502/],
  ];
  for (const [name, answer, pattern] of malformed) {
    it(`${name} is an AuthError (and the next call asks again)`, async () => {
      const key = (await testKeys()).ec;
      let calls = 0;
      const fetch = (() => {
        calls++;
        return answer();
      }) as unknown as typeof globalThis.fetch;
      const auth = privateKeyAuth({
        orgUrl: ORG,
        clientId: "0oaservice",
        scopes: SCOPES,
        privateKey: key.privateJwk,
        fetch,
        maxRetries: 0, // retries are tested on their own
      });
      await assert.rejects(auth.authorize(new Request(`${ORG}/api/v1/users`)), (e: unknown) => {
        return e instanceof AuthError && pattern.test(e.message);
      });
      await assert.rejects(auth.authorize(new Request(`${ORG}/api/v1/users`)), AuthError);
      assert.equal(calls, 2);
    });
  }

  it("times out a hanging token request when tokenTimeoutMs is set", async () => {
    const key = (await testKeys()).ec;
    const fetch =
      ((_: unknown, init?: RequestInit) =>
        new Promise((_, reject) =>
          init?.signal?.addEventListener("abort", () => reject(init.signal!.reason))
        )) as typeof globalThis.fetch;
    const auth = privateKeyAuth({
      orgUrl: ORG,
      clientId: "0oaservice",
      scopes: SCOPES,
      privateKey: key.privateJwk,
      fetch,
      tokenTimeoutMs: 20,
      maxRetries: 0,
    });
    await assert.rejects(auth.authorize(new Request(`${ORG}/api/v1/users`)), /timed out after 20 ms/);
  });

  it("missing options are ConfigErrors at construction", async () => {
    const key = (await testKeys()).ec;
    const base = { orgUrl: ORG, clientId: "0oa", scopes: SCOPES, privateKey: key.privateJwk, fetch };
    assert.throws(() => privateKeyAuth({ ...base, clientId: "" }), ConfigError);
    assert.throws(() => privateKeyAuth({ ...base, scopes: [] }), /scopes/);
    assert.throws(() => privateKeyAuth({ ...base, privateKey: "" }), /privateKey/);
    assert.throws(() => privateKeyAuth({ ...base, orgUrl: "example.okta.com" }), /orgUrl/);
  });
});

describe("privateKeyAuth: secrets stay secret", () => {
  it("JSON.stringify and String() show no key, assertion or token", async () => {
    const { key, seen, auth } = await setup("rsa");
    const request = new Request(`${ORG}/api/v1/users`);
    await auth.authorize(request);
    const token = request.headers.get("authorization")!.split(" ")[1];
    const assertion = (await formOf(seen[0])).get("client_assertion")!;
    const json = JSON.stringify({ auth });
    assert.match(json, /"clientId":"0oaservice"/);
    assert.match(json, /"privateKey":"\[REDACTED\]"/);
    for (const secret of [token, assertion, key.privateJwk.d!, key.legacyPem.split("\n")[2]]) {
      assert.ok(!json.includes(secret));
      assert.ok(!String(auth).includes(secret));
      assert.ok(
        !Object.keys(auth).some((name) =>
          JSON.stringify((auth as unknown as Record<string, unknown>)[name])?.includes(secret)
        ),
      );
    }
  });

  it("error messages carry no assertion or key", async () => {
    const key = (await testKeys()).rsa;
    let assertion = "";
    const fetch = ((_: unknown, init?: RequestInit) => {
      assertion = new URLSearchParams(String(init!.body)).get("client_assertion")!;
      return Promise.resolve(Response.json({
        error: "invalid_client",
        error_description: "The client_assertion signature is invalid.",
      }, { status: 401 }));
    }) as typeof globalThis.fetch;
    const auth = privateKeyAuth({
      orgUrl: ORG,
      clientId: "0oaservice",
      scopes: SCOPES,
      privateKey: key.legacyPem,
      fetch,
    });
    const error = await auth.authorize(new Request(`${ORG}/api/v1/users`)).then(() => undefined, (e) => e);
    assert.ok(error instanceof AuthError);
    assert.ok(assertion.length > 100);
    const everything = `${error.message} ${error.stack} ${JSON.stringify(error)}`;
    assert.ok(!everything.includes(assertion));
    assert.ok(!everything.includes(assertion.split(".")[1]));
    assert.ok(!everything.includes(key.legacyPem.split("\n")[3]));
  });
});
