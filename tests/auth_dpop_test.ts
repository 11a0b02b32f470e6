import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { base64url, decodeJwt, decodeProtectedHeader } from "jose";
import { dpopHtu, DpopProver, readNonceDemand } from "../lib/auth/dpop.ts";
import { privateKeyAuth } from "../lib/private_key_auth.ts";
import { AuthError } from "../lib/errors.ts";
import { createOAuthServer, type OAuthServerOptions } from "../testing/oauth.ts";
import { callApi, formOf, tokenFetch } from "./fixtures/keys/oauth_flow.ts";
import { testKeys } from "./fixtures/keys/test_keys.ts";

const ORG = "https://example.okta.com";
const TOKEN_URL = `${ORG}/oauth2/v1/token`;
const SCOPES = ["okta.users.read"];

async function setup(
  server: Partial<OAuthServerOptions> = {},
  dpop: boolean | undefined = true,
  requireDpop = true,
) {
  const key = (await testKeys()).ec;
  let now = Date.UTC(2026, 0, 1);
  const clock = () => now;
  const oauth = createOAuthServer({
    issuer: ORG,
    clients: [{ clientId: "0oadpop", publicJwk: key.publicJwk, scopes: SCOPES, requireDpop }],
    now: clock,
    ...server,
  });
  const seen: Request[] = [];
  const auth = privateKeyAuth({
    orgUrl: ORG,
    clientId: "0oadpop",
    scopes: SCOPES,
    privateKey: key.legacyPem,
    dpop,
    fetch: tokenFetch(oauth, seen),
    clock,
  });
  return { oauth, seen, auth, advance: (ms: number) => (now += ms) };
}

async function sha256(text: string): Promise<string> {
  return base64url.encode(
    new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))),
  );
}

describe("dpopHtu", () => {
  it("keeps scheme, host and the decoded path; drops query and fragment", () => {
    assert.equal(
      dpopHtu("https://Example.okta.com/api/v1/users/a%40b.com?limit=2#x"),
      "https://example.okta.com/api/v1/users/a@b.com",
    );
    assert.equal(
      dpopHtu("https://example.okta.com:8443/api/v1/groups/00g%201"),
      "https://example.okta.com:8443/api/v1/groups/00g 1",
    );
    assert.equal(dpopHtu("https://example.okta.com/bad%E0%A4%A"), "https://example.okta.com/bad%E0%A4%A");
  });
});

describe("DpopProver", () => {
  it("signs ES256 dpop+jwt proofs with a public jwk, a new jti each time, ath and nonce", async () => {
    const prover = await DpopProver.create();
    const now = Date.UTC(2026, 0, 1);
    const a = await prover.proof({
      method: "get",
      url: `${ORG}/api/v1/users?limit=1`,
      accessToken: "tok",
      nonce: "n1",
      now,
    });
    const b = await prover.proof({ method: "GET", url: `${ORG}/api/v1/users`, now });
    const header = decodeProtectedHeader(a);
    assert.equal(header.typ, "dpop+jwt");
    assert.equal(header.alg, "ES256");
    assert.deepEqual(Object.keys(header.jwk!).sort(), ["crv", "kty", "x", "y"]);
    const claims = decodeJwt(a);
    assert.equal(claims.htm, "GET");
    assert.equal(claims.htu, `${ORG}/api/v1/users`);
    assert.equal(claims.iat, now / 1000);
    assert.equal(claims.ath, await sha256("tok"));
    assert.equal(claims.nonce, "n1");
    assert.notEqual(claims.jti, decodeJwt(b).jti);
    assert.equal(decodeJwt(b).ath, undefined);
    assert.equal(JSON.stringify(prover), '{"alg":"ES256"}');
  });

  it("reads nonce demands from a token-endpoint body or a WWW-Authenticate header", async () => {
    const headers = { "dpop-nonce": "n2" };
    assert.equal(
      await readNonceDemand(Response.json({ error: "use_dpop_nonce" }, { status: 400, headers })),
      "n2",
    );
    const challenge = {
      ...headers,
      "www-authenticate": 'DPoP error="use_dpop_nonce", error_description="x"',
    };
    assert.equal(await readNonceDemand(new Response("", { status: 401, headers: challenge })), "n2");
    assert.equal(
      await readNonceDemand(Response.json({ error: "invalid_client" }, { status: 400, headers })),
      undefined,
    );
    assert.equal(await readNonceDemand(new Response("", { status: 401 })), undefined);
  });
});

describe("privateKeyAuth with DPoP", () => {
  it("gets a DPoP token and sends Authorization: DPoP with a fresh proof per attempt", async () => {
    const { oauth, seen, auth } = await setup();
    const url = `${ORG}/api/v1/users/john%40example.com?expand=groups`;
    const first = new Request(url);
    const retry = new Request(url);
    await auth.authorize(first);
    await auth.authorize(retry);
    assert.equal(seen.length, 1);
    const tokenProof = decodeJwt(seen[0].headers.get("dpop")!);
    assert.equal(tokenProof.htm, "POST");
    assert.equal(tokenProof.htu, TOKEN_URL);
    assert.equal(tokenProof.ath, undefined);

    const token = first.headers.get("authorization")!.replace(/^DPoP /, "");
    assert.match(first.headers.get("authorization")!, /^DPoP \S+$/);
    const [p1, p2] = [decodeJwt(first.headers.get("dpop")!), decodeJwt(retry.headers.get("dpop")!)];
    assert.notEqual(p1.jti, p2.jti);
    assert.equal(p1.htu, `${ORG}/api/v1/users/john@example.com`);
    assert.equal(p1.htm, "GET");
    assert.equal(p1.ath, await sha256(token));
    // The same key signs the token request and the API proofs (the token is bound to it).
    assert.deepEqual(
      decodeProtectedHeader(first.headers.get("dpop")!).jwk,
      decodeProtectedHeader(seen[0].headers.get("dpop")!).jwk,
    );
    assert.deepEqual(await oauth.verifyAccess(first), {
      ok: true,
      clientId: "0oadpop",
      scopes: SCOPES,
      tokenType: "DPoP",
    });
    assert.equal((await oauth.verifyAccess(retry)).ok, true);
    assert.equal((await oauth.verifyAccess(retry)).ok, false, "a replayed proof (same jti) is refused");
  });

  it("the fake server refuses an encoded htu, a wrong method, a missing proof and a Bearer presentation", async () => {
    const { oauth, auth } = await setup();
    const request = new Request(`${ORG}/api/v1/users/a%40b.com`);
    await auth.authorize(request);
    const asPost = new Request(request.url, { method: "POST", headers: request.headers });
    assert.equal((await oauth.verifyAccess(asPost)).ok, false);
    const noProof = new Request(request.url, {
      headers: { authorization: request.headers.get("authorization")! },
    });
    assert.equal((await oauth.verifyAccess(noProof)).ok, false);
    const bearer = new Request(request.url, {
      headers: { authorization: request.headers.get("authorization")!.replace("DPoP", "Bearer") },
    });
    const refused = await oauth.verifyAccess(bearer);
    assert.ok(!refused.ok && refused.response.status === 401);
    assert.equal((await refused.response.json()).errorCode, "E0000011");
    const prover = await DpopProver.create();
    const encoded = new Request(request.url, { headers: request.headers });
    const proof = await prover.proof({ method: "GET", url: request.url, now: Date.UTC(2026, 0, 1) });
    encoded.headers.set("dpop", proof);
    assert.equal((await oauth.verifyAccess(encoded)).ok, false, "a proof from another key is refused");
    assert.equal((await oauth.verifyAccess(request)).ok, true);
  });

  it("nonce dance at the token endpoint: retries with the nonce and a fresh assertion", async () => {
    const { oauth, seen, auth } = await setup({ requireNonce: true });
    const request = new Request(`${ORG}/api/v1/users`);
    await auth.authorize(request);
    assert.equal(oauth.tokenRequests(), 2);
    assert.equal(oauth.issuedTokens(), 1);
    const forms = await Promise.all(seen.map(formOf));
    const [a1, a2] = forms.map((form) => decodeJwt(form.get("client_assertion")!));
    assert.notEqual(a1.jti, a2.jti);
    assert.equal(decodeJwt(seen[0].headers.get("dpop")!).nonce, undefined);
    assert.equal(typeof decodeJwt(seen[1].headers.get("dpop")!).nonce, "string");
    assert.equal((await oauth.verifyAccess(request)).ok, true);
    // The nonce is remembered for the next token request.
    auth.reset();
    await auth.authorize(new Request(`${ORG}/api/v1/users`));
    assert.equal(oauth.tokenRequests(), 3);
  });

  it("nonce retries are bounded: an endpoint that always asks gives an AuthError after 3 requests", async () => {
    const key = (await testKeys()).ec;
    let calls = 0;
    const fetch = (() => {
      calls++;
      return Promise.resolve(Response.json(
        { error: "use_dpop_nonce", error_description: "Authorization server requires nonce in DPoP proof." },
        { status: 400, headers: { "dpop-nonce": `n${calls}` } },
      ));
    }) as unknown as typeof globalThis.fetch;
    const auth = privateKeyAuth({
      orgUrl: ORG,
      clientId: "0oa",
      scopes: SCOPES,
      privateKey: key.privateJwk,
      fetch,
    });
    await assert.rejects(auth.authorize(new Request(`${ORG}/api/v1/users`)), (e: unknown) => {
      return e instanceof AuthError && e.error === "use_dpop_nonce" && e.status === 400;
    });
    assert.equal(calls, 3);
  });

  it("switches DPoP on when the token endpoint demands it", async () => {
    for (const requireNonce of [false, true]) {
      const { oauth, seen, auth } = await setup({ requireNonce }, false);
      const request = new Request(`${ORG}/api/v1/users`);
      await auth.authorize(request);
      assert.equal(seen[0].headers.get("dpop"), null);
      assert.match(request.headers.get("authorization")!, /^DPoP /);
      assert.equal((await oauth.verifyAccess(request)).ok, true);
      assert.equal(JSON.parse(JSON.stringify(auth)).dpop, true);
    }
  });

  it("uses Bearer when DPoP is off and not required", async () => {
    const { oauth, auth } = await setup({}, false, false);
    const request = new Request(`${ORG}/api/v1/users`);
    await auth.authorize(request);
    assert.match(request.headers.get("authorization")!, /^Bearer /);
    assert.equal(request.headers.get("dpop"), null);
    assert.deepEqual(await oauth.verifyAccess(request), {
      ok: true,
      clientId: "0oadpop",
      scopes: SCOPES,
      tokenType: "Bearer",
    });
  });

  it("nonce dance at the resource server: stores the nonce and retries with it", async () => {
    const { oauth, auth } = await setup({ requireResourceNonce: true });
    const result = await callApi(auth, oauth, `${ORG}/api/v1/users`);
    assert.equal(result.response.status, 200);
    assert.equal(result.requests.length, 2);
    const [firstProof, secondProof] = result.requests.map((r) => decodeJwt(r.headers.get("dpop")!));
    assert.equal(firstProof.nonce, undefined);
    assert.equal(typeof secondProof.nonce, "string");
    assert.equal(oauth.issuedTokens(), 1, "a nonce demand does not cost a new token");
    // Later calls carry the nonce from the start; a rotated nonce is picked up again.
    assert.equal((await callApi(auth, oauth, `${ORG}/api/v1/groups`)).requests.length, 1);
    oauth.rotateNonce();
    const again = await callApi(auth, oauth, `${ORG}/api/v1/groups`);
    assert.equal(again.response.status, 200);
    assert.equal(again.requests.length, 2);
  });

  it("does not retry a nonce demand for the nonce it already sent", async () => {
    const { auth } = await setup();
    const request = new Request(`${ORG}/api/v1/users`);
    await auth.authorize(request);
    const demand = (nonce: string) =>
      new Response("{}", {
        status: 401,
        headers: { "www-authenticate": 'DPoP error="use_dpop_nonce"', "dpop-nonce": nonce },
      });
    assert.equal(await auth.onResponse(request, demand("abc"), 1), "retry");
    const withNonce = new Request(`${ORG}/api/v1/users`);
    await auth.authorize(withNonce);
    assert.equal(decodeJwt(withNonce.headers.get("dpop")!).nonce, "abc");
    assert.equal(await auth.onResponse(withNonce, demand("abc"), 2), "accept");
  });

  it("no proof or token in JSON.stringify", async () => {
    const { auth } = await setup();
    const request = new Request(`${ORG}/api/v1/users`);
    await auth.authorize(request);
    const json = JSON.stringify(auth);
    assert.ok(!json.includes(request.headers.get("dpop")!.split(".")[1]));
    assert.ok(!json.includes(request.headers.get("authorization")!.split(" ")[1]));
    assert.ok(!/"d"/.test(json));
  });
});
