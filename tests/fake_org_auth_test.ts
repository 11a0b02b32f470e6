// deno-lint-ignore-file no-explicit-any -- response bodies are arbitrary JSON here
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { base64url, exportJWK, generateKeyPair, SignJWT } from "jose";
import { createFakeOrg, type FakeOrg } from "../testing/mod.ts";

async function get(org: FakeOrg, path: string, authorization?: string) {
  const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
  const res = await org.fetch(`${org.orgUrl}${path}`, { headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) as any : undefined };
}

describe("fake org: authentication", () => {
  it("accepts its SSWS API token and refuses missing or wrong credentials with 401 E0000011", async () => {
    const org = createFakeOrg();
    assert.match(org.apiToken, /^00\w{40}$/);
    assert.equal((await get(org, "/api/v1/users", `SSWS ${org.apiToken}`)).status, 200);
    for (
      const auth of [undefined, "", `SSWS ${org.apiToken}x`, `Basic ${org.apiToken}`, "Bearer nope", "SSWS"]
    ) {
      const res = await get(org, "/api/v1/users", auth);
      assert.equal(res.status, 401, String(auth));
      assert.equal(res.body.errorCode, "E0000011");
      assert.equal(res.body.errorSummary, "Invalid token provided");
      assert.ok(res.headers.get("x-okta-request-id"));
    }
  });

  it("accepts a configured API token", async () => {
    const org = createFakeOrg({ apiToken: "00custom" });
    assert.equal((await get(org, "/api/v1/users", "SSWS 00custom")).status, 200);
  });

  it("enforces OAuth scopes per operation with 403 E0000006 and an insufficient_scope challenge", async () => {
    const org = createFakeOrg();
    const reader = `Bearer ${org.createAccessToken(["okta.users.read"])}`;
    const manager = `Bearer ${org.createAccessToken(["okta.groups.manage"])}`;
    assert.equal((await get(org, "/api/v1/users", reader)).status, 200);
    const denied = await get(org, "/api/v1/groups", reader);
    assert.equal(denied.status, 403);
    assert.equal(denied.body.errorCode, "E0000006");
    const challenge = denied.headers.get("www-authenticate")!;
    assert.match(challenge, /^Bearer /);
    assert.match(challenge, /error="insufficient_scope"/);
    assert.match(challenge, /scope="okta\.groups\.read"/);
    assert.equal((await get(org, "/api/v1/groups", manager)).status, 200, ".manage grants .read");
    const write = await org.fetch(`${org.orgUrl}/api/v1/users`, {
      method: "POST",
      headers: { authorization: reader, "content-type": "application/json" },
      body: "{}",
    });
    assert.equal(write.status, 403);
    const event = await org.fetch(`${org.orgUrl}/api/v1/groups`, {
      method: "POST",
      headers: { authorization: manager, "content-type": "application/json" },
      body: JSON.stringify({ profile: { name: "By app" } }),
    });
    assert.equal(event.status, 200);
    assert.equal((org.inspect.events()[0] as any).actor.type, "PublicClientApp");
  });

  it("takes scopes from a generated operations table, and answers 501 for its operations the fake lacks", async () => {
    const org = createFakeOrg({
      operations: {
        listUsers: { method: "GET", path: "/api/v1/users", scopes: ["okta.special.read"] },
        listBrands: { method: "GET", path: "/api/v1/brands", scopes: ["okta.brands.read"] },
      },
    });
    const token = `Bearer ${org.createAccessToken(["okta.users.read"])}`;
    const res = await get(org, "/api/v1/users", token);
    assert.equal(res.status, 403);
    assert.match(res.headers.get("www-authenticate")!, /scope="okta\.special\.read"/);
    const special = `Bearer ${org.createAccessToken(["okta.special.read"])}`;
    assert.equal((await get(org, "/api/v1/users", special)).status, 200);
    const unimplemented = await get(org, "/api/v1/brands", `SSWS ${org.apiToken}`);
    assert.equal(unimplemented.status, 501);
    assert.equal(unimplemented.body.errorCode, "E0000022");
    assert.match(unimplemented.body.errorSummary, /listBrands/);
  });

  it("issues tokens to a private_key_jwt service app and accepts them", async () => {
    const { publicKey, privateKey } = await generateKeyPair("ES256");
    const clientId = "0oaserviceapp0000001";
    const org = createFakeOrg({
      oauth: { clients: [{ clientId, publicJwk: await exportJWK(publicKey), scopes: ["okta.users.read"] }] },
    });
    const now = Math.floor(org.clock.now() / 1000);
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: "ES256" })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(`${org.orgUrl}/oauth2/v1/token`)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .setJti("jti-1")
      .sign(privateKey);
    const tokenRes = await org.fetch(`${org.orgUrl}/oauth2/v1/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        scope: "okta.users.read",
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: assertion,
      }),
    });
    assert.equal(tokenRes.status, 200);
    const token = await tokenRes.json();
    assert.equal(token.token_type, "Bearer");
    assert.ok(tokenRes.headers.get("x-rate-limit-limit"), "the token endpoint has rate-limit headers too");
    assert.equal((await get(org, "/api/v1/users", `Bearer ${token.access_token}`)).status, 200);
    assert.equal((await get(org, "/api/v1/apps", `Bearer ${token.access_token}`)).status, 403);
    assert.equal((await get(org, "/api/v1/users", `Bearer ${token.access_token}x`)).status, 401);
  });

  it("issues DPoP-bound tokens and checks the proof on API calls, challenging with DPoP on 403", async () => {
    const client = await generateKeyPair("ES256");
    const proofKey = await generateKeyPair("ES256");
    const proofJwk = await exportJWK(proofKey.publicKey);
    const clientId = "0oadpopapp0000000001";
    const org = createFakeOrg({
      oauth: {
        clients: [{
          clientId,
          publicJwk: await exportJWK(client.publicKey),
          scopes: ["okta.users.read"],
          requireDpop: true,
        }],
      },
    });
    const iat = Math.floor(org.clock.now() / 1000);
    let jti = 0;
    const proof = (htm: string, htu: string, claims: Record<string, unknown> = {}) =>
      new SignJWT({ htm, htu, ...claims })
        .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk: proofJwk })
        .setIssuedAt(iat)
        .setJti(`proof-${++jti}`)
        .sign(proofKey.privateKey);
    const tokenUrl = `${org.orgUrl}/oauth2/v1/token`;
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: "ES256" })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(tokenUrl)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 300)
      .setJti("assertion-1")
      .sign(client.privateKey);
    const tokenRes = await org.fetch(tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", dpop: await proof("POST", tokenUrl) },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        scope: "okta.users.read",
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: assertion,
      }),
    });
    const token = await tokenRes.json();
    assert.equal(token.token_type, "DPoP");
    const ath = base64url.encode(
      new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token.access_token))),
    );
    const call = async (path: string) => {
      const url = `${org.orgUrl}${path}`;
      const htu = url.split("?")[0];
      return org.fetch(url, {
        headers: { authorization: `DPoP ${token.access_token}`, dpop: await proof("GET", htu, { ath }) },
      });
    };
    assert.equal((await call("/api/v1/users?limit=1")).status, 200);
    const denied = await call("/api/v1/groups");
    assert.equal(denied.status, 403);
    assert.match(denied.headers.get("www-authenticate")!, /^DPoP .*error="insufficient_scope"/);
    const noProof = await org.fetch(`${org.orgUrl}/api/v1/users`, {
      headers: { authorization: `DPoP ${token.access_token}` },
    });
    assert.equal(noProof.status, 401);
  });

  it("answers 401 invalid_client at the token endpoint when no service app is registered", async () => {
    const org = createFakeOrg();
    const res = await org.fetch(`${org.orgUrl}/oauth2/v1/token`, {
      method: "POST",
      body: "grant_type=client_credentials",
    });
    assert.equal(res.status, 401);
    assert.equal((await res.json()).error, "invalid_client");
  });
});
