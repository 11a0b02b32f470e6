import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { decodeJwt, exportJWK, importJWK, SignJWT } from "jose";
import { DpopProver } from "../lib/auth/dpop.ts";
import { createOAuthServer } from "../testing/oauth.ts";
import { testKeys } from "./fixtures/keys/test_keys.ts";

const ORG = "https://example.okta.com";
const TOKEN_URL = `${ORG}/oauth2/v1/token`;
const NOW = Date.UTC(2026, 0, 1);

async function server(options: { requireDpop?: boolean; requireNonce?: boolean; now?: () => number } = {}) {
  const { ec, rsa } = await testKeys();
  return createOAuthServer({
    issuer: ORG,
    clients: [
      {
        clientId: "0oaec",
        publicJwk: ec.publicJwk,
        scopes: ["okta.users.read"],
        requireDpop: options.requireDpop,
      },
      { clientId: "0oarsa", publicJwk: rsa.publicJwk, scopes: ["okta.users.read"] },
    ],
    requireNonce: options.requireNonce,
    now: options.now ?? (() => NOW),
  });
}

interface AssertionChanges {
  alg?: string;
  kid?: string;
  iss?: string;
  sub?: string;
  aud?: string;
  iat?: number;
  exp?: number;
  jti?: string;
  key?: "ec" | "rsa";
}

async function assertion(changes: AssertionChanges = {}): Promise<string> {
  const keys = await testKeys();
  const which = changes.key ?? "ec";
  const alg = changes.alg ?? (which === "ec" ? "ES256" : "RS256");
  const key = await importJWK(keys[which].privateJwk, alg);
  const iat = changes.iat ?? NOW / 1000;
  return await new SignJWT({})
    .setProtectedHeader({ alg, kid: changes.kid ?? keys[which].privateJwk.kid })
    .setIssuer(changes.iss ?? "0oaec")
    .setSubject(changes.sub ?? changes.iss ?? "0oaec")
    .setAudience(changes.aud ?? TOKEN_URL)
    .setIssuedAt(iat)
    .setExpirationTime(changes.exp ?? iat + 300)
    .setJti(changes.jti ?? crypto.randomUUID())
    .sign(key);
}

/** A proof with arbitrary claims, to check that the server refuses what the client never sends. */
async function rawProof(claims: Record<string, unknown>, typ = "dpop+jwt"): Promise<string> {
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
  ]) as CryptoKeyPair;
  const { kty, crv, x, y } = await exportJWK(pair.publicKey);
  const payload = { iat: NOW / 1000, jti: crypto.randomUUID(), ...claims };
  return await new SignJWT(payload).setProtectedHeader({
    typ,
    alg: "ES256",
    jwk: { kty, crv, x, y } as Record<string, string>,
  })
    .sign(pair.privateKey);
}

function tokenRequest(
  jwt: string,
  extra: Record<string, string> = {},
  headers: Record<string, string> = {},
): Request {
  const body = new URLSearchParams({
    grant_type: "client_credentials",
    scope: "okta.users.read",
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: jwt,
    ...extra,
  });
  return new Request(TOKEN_URL, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body,
  });
}

async function expectError(response: Response, status: number, error: string, description?: RegExp) {
  const body = await response.json();
  assert.equal(response.status, status, JSON.stringify(body));
  assert.equal(body.error, error);
  if (description) assert.match(body.error_description, description);
}

describe("createOAuthServer token endpoint", () => {
  it("issues a Bearer token for a valid assertion (EC and RSA)", async () => {
    const oauth = await server();
    for (const key of ["ec", "rsa"] as const) {
      const response = await oauth.handleToken(
        tokenRequest(await assertion({ key, iss: key === "ec" ? "0oaec" : "0oarsa" })),
      );
      assert.equal(response.status, 200);
      const body = await response.json();
      assert.equal(body.token_type, "Bearer");
      assert.equal(body.expires_in, 3600);
      assert.equal(body.scope, "okta.users.read");
      assert.equal(response.headers.get("cache-control"), "no-store");
    }
    assert.equal(oauth.issuedTokens(), 2);
  });

  const refusals: [string, () => Request | Promise<Request>, number, string, RegExp][] = [
    [
      "a replayed jti",
      async () => tokenRequest(await assertion({ jti: "same" })),
      401,
      "invalid_client",
      /already been used/,
    ],
    [
      "a wrong audience",
      async () => tokenRequest(await assertion({ aud: `${ORG}/oauth2/default/v1/token` })),
      401,
      "invalid_client",
      /aud/,
    ],
    [
      "an expired assertion",
      async () => tokenRequest(await assertion({ iat: NOW / 1000 - 900, exp: NOW / 1000 - 600 })),
      401,
      "invalid_client",
      /expired/,
    ],
    [
      "a far-future iat",
      async () => tokenRequest(await assertion({ iat: NOW / 1000 + 600 })),
      401,
      "invalid_client",
      /iat/,
    ],
    [
      "exp more than an hour after iat",
      async () => tokenRequest(await assertion({ exp: NOW / 1000 + 7200 })),
      401,
      "invalid_client",
      /one hour/,
    ],
    [
      "sub different from iss",
      async () => tokenRequest(await assertion({ sub: "0oaother" })),
      401,
      "invalid_client",
      /sub/,
    ],
    [
      "an unknown client",
      async () => tokenRequest(await assertion({ iss: "0oanobody" })),
      401,
      "invalid_client",
      /registered/,
    ],
    [
      "another client's key",
      async () => tokenRequest(await assertion({ key: "rsa" })),
      401,
      "invalid_client",
      /alg/,
    ],
    [
      "a wrong kid",
      async () => tokenRequest(await assertion({ kid: "other" })),
      401,
      "invalid_client",
      /kid/,
    ],
    [
      "a bad signature",
      async () => {
        const jwt = await assertion();
        const [h, p, s] = jwt.split(".");
        return tokenRequest(`${h}.${p}.${s.startsWith("A") ? "B" : "A"}${s.slice(1)}`);
      },
      401,
      "invalid_client",
      /signature/,
    ],
    ["not a JWT", () => tokenRequest("abc"), 401, "invalid_client", /well-formed/],
    [
      "a scope not granted",
      async () => tokenRequest(await assertion(), { scope: "okta.users.read okta.users.manage" }),
      400,
      "invalid_scope",
      /okta\.users\.manage/,
    ],
    ["no scope", async () => tokenRequest(await assertion(), { scope: "" }), 400, "invalid_scope", /scope/],
    [
      "another grant type",
      async () => tokenRequest(await assertion(), { grant_type: "password" }),
      400,
      "unsupported_grant_type",
      /client_credentials/,
    ],
    [
      "a JSON body",
      () =>
        new Request(TOKEN_URL, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}",
        }),
      400,
      "invalid_request",
      /urlencoded/,
    ],
  ];
  for (const [name, make, status, error, description] of refusals) {
    it(`refuses ${name}`, async () => {
      const oauth = await server();
      if (name === "a replayed jti") assert.equal((await oauth.handleToken(await make())).status, 200);
      await expectError(await oauth.handleToken(await make()), status, error, description);
    });
  }

  it("requires a DPoP proof when the client does, and checks its htm, htu and nonce", async () => {
    const oauth = await server({ requireDpop: true, requireNonce: true });
    await expectError(
      await oauth.handleToken(tokenRequest(await assertion())),
      400,
      "invalid_dpop_proof",
      /missing/,
    );
    const prover = await DpopProver.create();
    const proof = (url: string, nonce?: string, method = "POST") =>
      prover.proof({ method, url, nonce, now: NOW });
    const bad = [
      await rawProof({ htm: "POST", htu: `${TOKEN_URL}?x=1` }),
      await rawProof({ htm: "POST", htu: `${ORG}/oauth2%2Fv1/token` }),
      await rawProof({ htm: "GET", htu: TOKEN_URL }),
      await rawProof({ htm: "POST", htu: TOKEN_URL }, "JWT"),
      await rawProof({ htm: "POST", htu: TOKEN_URL, jti: undefined }),
    ];
    for (const dpop of bad) {
      const response = await oauth.handleToken(tokenRequest(await assertion(), {}, { dpop }));
      assert.equal(response.status, 400);
      assert.equal((await response.json()).error, "invalid_dpop_proof", JSON.stringify(decodeJwt(dpop)));
    }
    // The same hand-made proof with correct claims passes the proof checks (only the nonce is missing).
    const sound = await rawProof({ htm: "POST", htu: TOKEN_URL });
    await expectError(
      await oauth.handleToken(tokenRequest(await assertion(), {}, { dpop: sound })),
      400,
      "use_dpop_nonce",
    );
    const first = await oauth.handleToken(
      tokenRequest(await assertion(), {}, { dpop: await proof(TOKEN_URL) }),
    );
    const nonce = first.headers.get("dpop-nonce")!;
    await expectError(first, 400, "use_dpop_nonce", /nonce/);
    assert.ok(nonce);
    const stale = await oauth.handleToken(
      tokenRequest(await assertion(), {}, { dpop: await proof(TOKEN_URL, "old") }),
    );
    assert.equal(stale.headers.get("dpop-nonce"), nonce);
    await expectError(stale, 400, "use_dpop_nonce");
    const ok = await oauth.handleToken(
      tokenRequest(await assertion(), {}, { dpop: await proof(TOKEN_URL, nonce) }),
    );
    assert.equal(ok.status, 200);
    assert.equal((await ok.json()).token_type, "DPoP");
  });

  it("refuses a DPoP proof whose iat is outside the window", async () => {
    const oauth = await server({ requireDpop: true });
    const prover = await DpopProver.create();
    const dpop = await prover.proof({ method: "POST", url: TOKEN_URL, now: NOW - 5 * 60_000 });
    await expectError(
      await oauth.handleToken(tokenRequest(await assertion(), {}, { dpop })),
      400,
      "invalid_dpop_proof",
      /iat/,
    );
  });
});

describe("createOAuthServer verifyAccess", () => {
  it("accepts a live token, refuses a missing, unknown, expired or revoked one with Okta's 401", async () => {
    let now = NOW;
    const oauth = await server({ now: () => now });
    const { access_token } = await (await oauth.handleToken(tokenRequest(await assertion()))).json();
    const withToken = (token: string) =>
      new Request(`${ORG}/api/v1/users`, { headers: { authorization: `Bearer ${token}` } });
    assert.deepEqual(await oauth.verifyAccess(withToken(access_token)), {
      ok: true,
      clientId: "0oaec",
      scopes: ["okta.users.read"],
      tokenType: "Bearer",
    });
    for (const request of [new Request(`${ORG}/api/v1/users`), withToken("unknown")]) {
      const check = await oauth.verifyAccess(request);
      assert.ok(!check.ok);
      assert.equal(check.response.status, 401);
      assert.match(check.response.headers.get("www-authenticate")!, /^Bearer .*error="invalid_token"/);
      const body = await check.response.json();
      assert.equal(body.errorCode, "E0000011");
      assert.equal(body.errorSummary, "Invalid token provided");
    }
    now += 3600_000;
    assert.equal((await oauth.verifyAccess(withToken(access_token))).ok, false);
    now = NOW;
    assert.equal((await oauth.verifyAccess(withToken(access_token))).ok, true);
    oauth.revokeAll();
    assert.equal((await oauth.verifyAccess(withToken(access_token))).ok, false);
  });
});
