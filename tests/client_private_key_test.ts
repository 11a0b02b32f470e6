import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AuthError, ConfigError, OktaClient } from "../mod.ts";
import { createOAuthServer } from "../testing/oauth.ts";
import { testKeys } from "./fixtures/keys/test_keys.ts";
import { failure, json } from "./_okta_fetch.ts";

const ORG = "https://example.okta.com";

/** An org whose token endpoint verifies for real and whose one API answers only to valid tokens. */
function org(
  options: { requireDpop?: boolean; requireNonce?: boolean; publicJwk: JsonWebKey; scopes?: string[] },
) {
  const server = createOAuthServer({
    issuer: ORG,
    clients: [{
      clientId: "0oaservice",
      publicJwk: options.publicJwk,
      scopes: options.scopes ?? ["okta.users.read"],
      requireDpop: options.requireDpop,
    }],
    requireNonce: options.requireNonce,
  });
  const calls: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    calls.push(request.clone());
    if (new URL(request.url).pathname === "/oauth2/v1/token") return server.handleToken(request);
    const access = await server.verifyAccess(request);
    if (!access.ok) return access.response;
    return json([{ id: "00u1", tokenType: access.tokenType }]);
  };
  return { server, calls, fetch };
}

describe("OktaClient in PrivateKey mode", () => {
  it("gets one token for many concurrent calls and sends it as Bearer", async () => {
    const { rsa } = await testKeys();
    const { server, calls, fetch } = org({ publicJwk: rsa.publicJwk });
    const okta = new OktaClient({
      orgUrl: ORG,
      authorizationMode: "PrivateKey",
      clientId: "0oaservice",
      scopes: ["okta.users.read"],
      privateKey: rsa.legacyPem, // PKCS#1, the form of the reference documents' YAML example
      fetch,
      sources: false,
    });
    const results = await Promise.all(
      Array.from(
        { length: 10 },
        () => okta.request<{ tokenType: string }[]>({ method: "GET", path: "/api/v1/users" }),
      ),
    );
    assert.equal(server.issuedTokens(), 1);
    assert.ok(results.every((r) => r[0].tokenType === "Bearer"));
    const api = calls.filter((c) => new URL(c.url).pathname === "/api/v1/users");
    assert.match(api[0].headers.get("authorization")!, /^Bearer \S+$/);
    assert.doesNotMatch(JSON.stringify(okta), /PRIVATE KEY|Bearer/);
  });

  it("refreshes once after the server revokes the token, and retries the call", async () => {
    const { ec } = await testKeys();
    const { server, fetch } = org({ publicJwk: ec.publicJwk });
    const okta = new OktaClient({
      orgUrl: ORG,
      authorizationMode: "PrivateKey",
      clientId: "0oaservice",
      scopes: "okta.users.read",
      privateKey: ec.legacyPem,
      fetch,
      sources: false,
    });
    await okta.request({ method: "GET", path: "/api/v1/users" });
    server.revokeAll();
    await okta.request({ method: "GET", path: "/api/v1/users" });
    assert.equal(server.issuedTokens(), 2);
  });

  it("follows DPoP with nonces when the app requires it, with a fresh proof per request", async () => {
    const { rsa } = await testKeys();
    const { server, calls, fetch } = org({ publicJwk: rsa.publicJwk, requireDpop: true, requireNonce: true });
    const okta = new OktaClient({
      orgUrl: ORG,
      authorizationMode: "PrivateKey",
      clientId: "0oaservice",
      scopes: ["okta.users.read"],
      privateKey: rsa.privateJwk,
      fetch,
      sources: false,
    });
    const [first] = await okta.request<{ tokenType: string }[]>({ method: "GET", path: "/api/v1/users" });
    await okta.request({ method: "GET", path: "/api/v1/users" });
    assert.equal(first.tokenType, "DPoP");
    assert.equal(server.issuedTokens(), 1);
    const api = calls.filter((c) => new URL(c.url).pathname === "/api/v1/users");
    assert.match(api[0].headers.get("authorization")!, /^DPoP /);
    assert.notEqual(api[0].headers.get("dpop"), api[1].headers.get("dpop"));
  });

  it("surfaces a refused token request as an AuthError with Okta's error, without secrets", async () => {
    const { rsa, ec } = await testKeys();
    const { fetch } = org({ publicJwk: ec.publicJwk }); // registered key differs from the one we sign with
    const okta = new OktaClient({
      orgUrl: ORG,
      authorizationMode: "PrivateKey",
      clientId: "0oaservice",
      scopes: ["okta.users.read"],
      privateKey: rsa.pkcs8Pem,
      fetch,
      sources: false,
    });
    const error = await failure<AuthError>(okta.request({ method: "GET", path: "/api/v1/users" }));
    assert.ok(error instanceof AuthError);
    assert.equal(error.error, "invalid_client");
    assert.doesNotMatch(error.message + JSON.stringify(error), /PRIVATE KEY|eyJ/);
  });

  it("names the source of an unreadable key and never echoes it", async () => {
    const garbage =
      "-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n-----END RSA PRIVATE KEY-----";
    const okta = new OktaClient({
      orgUrl: ORG,
      fetch: () => Promise.reject(new Error("no request should be sent")),
      sources: {
        files: false,
        env: {
          OKTA_CLIENT_AUTHORIZATIONMODE: "PrivateKey",
          OKTA_CLIENT_CLIENTID: "0oaservice",
          OKTA_CLIENT_SCOPES: "okta.users.read",
          OKTA_CLIENT_PRIVATEKEY: garbage,
        },
      },
    });
    await assert.rejects(okta.ready(), ConfigError); // checked before any request is sent
    const error = await failure<ConfigError>(okta.request({ method: "GET", path: "/api/v1/users" }));
    assert.ok(error instanceof ConfigError, String(error));
    assert.equal(error.problems[0].field, "okta.client.privateKey");
    assert.equal(error.problems[0].source, "environment (OKTA_CLIENT_PRIVATEKEY)");
    assert.doesNotMatch(error.message, /bm90IGEga2V5/);
  });
});
