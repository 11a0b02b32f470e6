/**
 * Operations that answer several media types: a call chooses one with `accept`, typed per choice. The
 * certificate signing requests of apps and identity providers come as JSON or as PKCS#10 (base64 text of
 * the DER, `Content-Type: application/pkcs10`), answered here by an injected fetch as Okta does.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Okta } from "../mod.ts";
import { clientOptions, json, scripted } from "./_okta_fetch.ts";

const PKCS10 = "MIIC4DCCAcgCAQAwcTELMAkGA1UEBhMCVVMxEzARBgNVBAgMCkNhbGlmb3JuaWE=";

/** Answers CSR requests the way Okta does: JSON or PKCS#10 depending on `Accept`. */
function csrEndpoint() {
  return scripted((request) => {
    const status = request.method === "POST" ? 201 : 200;
    if (request.headers.get("accept") === "application/pkcs10") {
      return new Response(PKCS10, {
        status,
        headers: {
          "content-type": "application/pkcs10; filename=okta.p10",
          "content-transfer-encoding": "base64",
          "x-okta-request-id": "req-pkcs10",
        },
      });
    }
    return json({ id: "csr1", csr: PKCS10, kty: "RSA", created: "2026-01-01T00:00:00.000Z" }, status);
  });
}

describe("alternative response media types", () => {
  it("reads a CSR as JSON by default and as PKCS#10 text when asked", async () => {
    const fetch = csrEndpoint();
    const okta = new Okta(clientOptions(fetch));
    const asJson = await okta.applicationSSOCredentialKey.getCsrForApplication("0oa1", "csr1");
    assert.equal(asJson.id, "csr1");
    const pkcs10: string = await okta.applicationSSOCredentialKey.getCsrForApplication("0oa1", "csr1", {
      accept: "application/pkcs10",
    });
    assert.equal(pkcs10, PKCS10);
    assert.deepEqual(fetch.seen.map((s) => s.headers.get("accept")), [
      "application/json",
      "application/pkcs10",
    ]);
  });

  it("generates a CSR for an identity provider in PKCS#10 form, with its response", async () => {
    const fetch = csrEndpoint();
    const okta = new Okta(clientOptions(fetch));
    const { data, response } = await okta.identityProviderSigningKeys
      .generateCsrForIdentityProvider("0oa2", { subject: { commonName: "idp" } }, {
        accept: "application/pkcs10",
      })
      .withResponse();
    assert.equal(data, PKCS10);
    assert.equal(response.status, 201);
    assert.match(response.headers.get("content-type")!, /^application\/pkcs10/);
    assert.equal(fetch.seen[0].method, "POST");
    assert.equal(fetch.seen[0].headers.get("accept"), "application/pkcs10");
    assert.equal(JSON.parse(fetch.seen[0].body).subject.commonName, "idp");
  });

  it("takes accept in okta.request, while an Accept header still belongs to the client", async () => {
    const fetch = csrEndpoint();
    const okta = new Okta(clientOptions(fetch));
    const text = await okta.request<string>({
      method: "GET",
      path: "/api/v1/idps/0oa2/credentials/csrs/csr1",
      accept: "application/pkcs10",
      responseType: "text",
    });
    assert.equal(text, PKCS10);
    await assert.rejects(
      okta.applicationSSOCredentialKey.getCsrForApplication("0oa1", "csr1", {
        headers: { Accept: "application/pkcs10" },
      }),
      /`accept` option/,
    );
  });
});
