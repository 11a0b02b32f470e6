import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { AuthError, ConfigError, OktaClient } from "../mod.ts";
import { DpopProver, readNonceDemand } from "../lib/auth/dpop.ts";
import { importPrivateKey } from "../lib/auth/key_import.ts";
import { privateKeyAuth } from "../lib/private_key_auth.ts";
import { createOAuthServer } from "../testing/oauth.ts";
import { configError, host } from "./_config_scenarios.ts";
import { tokenFetch } from "./fixtures/keys/oauth_flow.ts";
import { testKeys } from "./fixtures/keys/test_keys.ts";
import { json } from "./_okta_fetch.ts";

const ORG = "https://example.okta.com";
const SCOPES = ["okta.users.read"];

/** A logger that keeps what it is told. */
function recorder() {
  const lines: { level: string; message: string }[] = [];
  const log = (level: string) => (message: string) => void lines.push({ level, message });
  return {
    lines,
    logger: { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") },
  };
}

/** Waits until `done()` holds (a background token request), for at most a second. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(done(), "in time");
}

describe("DPoP (issue 19, item 8)", () => {
  it("a use_dpop_nonce demand on an API call is honoured when it comes with a 400", async () => {
    const { ec } = await testKeys();
    const server = createOAuthServer({
      issuer: ORG,
      clients: [{ clientId: "0oadpop", publicJwk: ec.publicJwk, scopes: SCOPES, requireDpop: true }],
    });
    const api: Request[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      if (new URL(request.url).pathname === "/oauth2/v1/token") return server.handleToken(request);
      api.push(request);
      if (new URL(request.url).pathname === "/api/v1/groups") {
        return json({ errorCode: "E0000001", errorSummary: "Api validation failed" }, 400);
      }
      const access = await server.verifyAccess(request);
      if (!access.ok) return access.response;
      if (decodeJwt(request.headers.get("dpop")!).nonce !== "n-400") {
        return json(
          { error: "use_dpop_nonce", error_description: "Resource server requires nonce in DPoP proof" },
          400,
          { "dpop-nonce": "n-400" },
        );
      }
      return json([{ id: "00u1" }]);
    };
    const okta = new OktaClient({
      orgUrl: ORG,
      authorizationMode: "PrivateKey",
      clientId: "0oadpop",
      scopes: SCOPES,
      privateKey: ec.privateJwk,
      dpop: true,
      fetch,
      sources: false,
    });
    const users = await okta.request<{ id: string }[]>({ method: "GET", path: "/api/v1/users" });
    assert.deepEqual(users, [{ id: "00u1" }]);
    assert.equal(api.length, 2);
    assert.equal(decodeJwt(api[1].headers.get("dpop")!).nonce, "n-400");
    // A plain 400 (no DPoP-Nonce) is not retried.
    const plain = await okta.request({ method: "GET", path: "/api/v1/groups" }).then(
      () => undefined,
      (e) => e,
    );
    assert.equal(plain?.status, 400);
    assert.equal(api.length, 3);
  });

  it("rotates the DPoP key on its interval; the token follows the new key and no call fails", async () => {
    const { ec } = await testKeys();
    let now = Date.UTC(2026, 0, 1);
    const clock = () => now;
    const oauth = createOAuthServer({
      issuer: ORG,
      clients: [{ clientId: "0oadpop", publicJwk: ec.publicJwk, scopes: SCOPES, requireDpop: true }],
      requireNonce: true,
      now: clock,
    });
    const seen: Request[] = [];
    const auth = privateKeyAuth({
      orgUrl: ORG,
      clientId: "0oadpop",
      scopes: SCOPES,
      privateKey: ec.privateJwk,
      dpop: true,
      dpopKeyRotationInterval: 600,
      fetch: tokenFetch(oauth, seen),
      clock,
    });
    const call = async () => {
      const request = new Request(`${ORG}/api/v1/users`);
      await auth.authorize(request);
      const access = await oauth.verifyAccess(request);
      assert.ok(access.ok, "every call is accepted, across the switch");
      return decodeProtectedHeader(request.headers.get("dpop")!).jwk;
    };
    const first = await call();
    assert.equal(oauth.issuedTokens(), 1);
    now += 300_000;
    assert.deepEqual(await call(), first, "before the interval, the same key");
    now += 301_000; // past the interval: the old key and its token keep working while a new token is fetched
    const during = await Promise.all([call(), call(), call()]);
    for (const jwk of during) assert.deepEqual(jwk, first);
    await until(() => oauth.issuedTokens() === 2);
    const after = await call();
    assert.notDeepEqual(after, first, "a new key after the interval");
    // The new token was requested with a proof from the new key (the token is bound to it).
    assert.deepEqual(decodeProtectedHeader(seen[seen.length - 1].headers.get("dpop")!).jwk, after);
    assert.deepEqual(await call(), after);
    assert.equal(oauth.issuedTokens(), 2);
  });

  it("rotation is configurable and 0 turns it off", async () => {
    const { ec } = await testKeys();
    let now = Date.UTC(2026, 0, 1);
    const oauth = createOAuthServer({
      issuer: ORG,
      clients: [{ clientId: "0oadpop", publicJwk: ec.publicJwk, scopes: SCOPES, requireDpop: true }],
      now: () => now,
      tokenTtlSeconds: 365 * 86_400,
    });
    const auth = privateKeyAuth({
      orgUrl: ORG,
      clientId: "0oadpop",
      scopes: SCOPES,
      privateKey: ec.privateJwk,
      dpop: true,
      dpopKeyRotationInterval: 0,
      fetch: tokenFetch(oauth),
      clock: () => now,
    });
    const request = new Request(`${ORG}/api/v1/users`);
    await auth.authorize(request);
    now += 30 * 86_400_000;
    await auth.authorize(new Request(`${ORG}/api/v1/users`));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(oauth.issuedTokens(), 1);
    assert.throws(
      () =>
        privateKeyAuth({
          ...auth.toJSON(),
          orgUrl: ORG,
          privateKey: ec.privateJwk,
          dpopKeyRotationInterval: -1,
          fetch,
        }),
      ConfigError,
    );
    const error = await configError({
      orgUrl: ORG,
      authorizationMode: "PrivateKey",
      clientId: "0oadpop",
      scopes: SCOPES,
      privateKey: ec.privateJwk,
      dpopKeyRotationInterval: -5,
    }, host());
    assert.match(error.message, /okta\.client\.dpopKeyRotationInterval \(from constructor\): expected 0/);
  });

  it("dpop: true in SSWS (or Bearer) mode is a ConfigError", async () => {
    const error = await configError({ orgUrl: ORG, token: "00Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8", dpop: true }, host());
    assert.ok(error instanceof ConfigError);
    assert.match(error.message, /okta\.client\.dpop \(from constructor\): DPoP binds the access tokens/);
    assert.match(error.message, /an API token \(SSWS\) cannot be bound/);
    const env = await configError(
      { orgUrl: ORG, authorizationMode: "Bearer", token: "eyJhbGciOi" },
      host({}, { OKTA_CLIENT_DPOP: "true" }),
    );
    assert.match(env.message, /okta\.client\.dpop \(from environment \(OKTA_CLIENT_DPOP\)\)/);
  });

  it("DPoP asked for but a Bearer token issued: one warning, however many tokens", async () => {
    const { ec } = await testKeys();
    const { lines, logger } = recorder();
    let issued = 0;
    const fetch = (() => {
      issued++;
      return Promise.resolve(
        Response.json({ token_type: "Bearer", access_token: `t${issued}`, expires_in: 3600 }),
      );
    }) as unknown as typeof globalThis.fetch;
    const auth = privateKeyAuth({
      orgUrl: ORG,
      clientId: "0oa",
      scopes: SCOPES,
      privateKey: ec.privateJwk,
      dpop: true,
      fetch,
      logger,
    });
    for (let i = 0; i < 3; i++) {
      const request = new Request(`${ORG}/api/v1/users`);
      await auth.authorize(request);
      assert.match(request.headers.get("authorization")!, /^Bearer t\d$/);
      auth.reset();
    }
    assert.equal(issued, 3);
    const warnings = lines.filter((line) => line.level === "warn");
    assert.equal(warnings.length, 1, JSON.stringify(lines));
    assert.match(
      warnings[0].message,
      /DPoP was asked for, but the token endpoint issued a plain Bearer token/,
    );
  });

  it('an empty DPoP-Nonce header is never sent back as "nonce": ""', async () => {
    const prover = await DpopProver.create();
    const proof = await prover.proof({
      method: "GET",
      url: `${ORG}/api/v1/users`,
      nonce: "",
      now: Date.now(),
    });
    assert.equal("nonce" in decodeJwt(proof), false);
    const challenge = { "www-authenticate": 'DPoP error="use_dpop_nonce"', "dpop-nonce": "" };
    assert.equal(await readNonceDemand(new Response("", { status: 401, headers: challenge })), undefined);

    const { ec } = await testKeys();
    const sent: Request[] = [];
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(new Request(input, init));
      return Promise.resolve(
        Response.json({ error: "use_dpop_nonce" }, { status: 400, headers: { "dpop-nonce": "" } }),
      );
    }) as unknown as typeof globalThis.fetch;
    const auth = privateKeyAuth({
      orgUrl: ORG,
      clientId: "0oa",
      scopes: SCOPES,
      privateKey: ec.privateJwk,
      dpop: true,
      fetch,
    });
    await assert.rejects(auth.authorize(new Request(`${ORG}/api/v1/users`)), AuthError);
    for (const request of sent) assert.equal("nonce" in decodeJwt(request.headers.get("dpop")!), false);
  });

  it("invalid_dpop_key_binding says the token is bound to another key", async () => {
    const { ec } = await testKeys();
    const fetch = (() =>
      Promise.resolve(Response.json(
        { error: "invalid_dpop_key_binding", error_description: "DPoP proof key does not match." },
        { status: 400 },
      ))) as unknown as typeof globalThis.fetch;
    const auth = privateKeyAuth({
      orgUrl: ORG,
      clientId: "0oa",
      scopes: SCOPES,
      privateKey: ec.privateJwk,
      dpop: true,
      fetch,
    });
    const error = await auth.authorize(new Request(`${ORG}/api/v1/users`)).then(() => undefined, (e) => e);
    assert.ok(error instanceof AuthError);
    assert.match(error.message, /bound to another DPoP key/);
    assert.doesNotMatch(error.message, /Check the org URL, clientId, scopes and key/);
  });

  it("an OKP JWK without d is named as an OKP key", async () => {
    const error = await importPrivateKey({
      kty: "OKP",
      crv: "Ed25519",
      x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
    })
      .then(() => undefined, (e) => e);
    assert.ok(error instanceof ConfigError);
    assert.match(error.message, /an OKP \(Ed25519\) public key/);
  });
});
