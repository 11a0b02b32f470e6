/**
 * Operations served from another host than the org URL (disaster recovery: `drapp.<org host>`): the host is
 * derived from the org URL or set with `drappUrl`, and credentials go only to hosts the client derived.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ConfigError, Okta } from "../mod.ts";
import { json, scripted } from "./_okta_fetch.ts";

const options = (fetch: typeof globalThis.fetch, extra: Record<string, unknown> = {}) => ({
  orgUrl: "https://acme.okta.com",
  authorizationMode: "Bearer" as const,
  token: "access-token-1",
  fetch,
  sources: false as const,
  ...extra,
});

describe("per-operation servers (drapp)", () => {
  it("sends disaster-recovery calls with a Bearer token to the drapp host derived from the org URL", async () => {
    const fetch = scripted(() => json({ status: [{ domain: "acme.okta.com", isFailedOver: false }] }));
    const okta = new Okta(options(fetch));
    const status = await okta.disasterRecovery.getDRStatus();
    assert.equal(status.status?.[0].domain, "acme.okta.com");
    await okta.disasterRecovery.startOrgFailover({ domains: ["acme.okta.com"] });
    await okta.user.getUser("00u1");
    assert.deepEqual(fetch.seen.map((s) => `${s.method} ${s.url.href}`), [
      "GET https://drapp.acme.okta.com/api/v1/dr/status",
      "POST https://drapp.acme.okta.com/api/v1/dr/failover",
      "GET https://acme.okta.com/api/v1/users/00u1",
    ]);
    for (const seen of fetch.seen) assert.equal(seen.headers.get("authorization"), "Bearer access-token-1");
  });

  it("uses drappUrl instead when given (an org on a custom domain)", async () => {
    const fetch = scripted(() => json({ status: [] }));
    const okta = new Okta(
      options(fetch, { orgUrl: "https://login.acme.example", drappUrl: "https://drapp.acme.okta.com/" }),
    );
    await okta.disasterRecovery.getDRStatus();
    assert.equal(fetch.seen[0].url.href, "https://drapp.acme.okta.com/api/v1/dr/status");
  });

  it("accepts the drapp URL in okta.request, and a named server, but no other host", async () => {
    const fetch = scripted(() => json({ status: [] }));
    const okta = new Okta(options(fetch));
    await okta.request({ method: "GET", path: "https://drapp.acme.okta.com/api/v1/dr/status" });
    await okta.request({ method: "GET", server: "drapp", path: "/api/v1/dr/status" });
    assert.equal(fetch.seen.length, 2);
    for (const seen of fetch.seen) assert.equal(seen.url.host, "drapp.acme.okta.com");
    for (
      const path of ["https://drapp.evil.example/api/v1/dr/status", "https://evil.okta.com/api/v1/dr/status"]
    ) {
      await assert.rejects(okta.request({ method: "GET", path }), /Refusing to send credentials/);
    }
    await assert.rejects(okta.request({ method: "GET", server: "nope", path: "/x" }), TypeError);
    assert.equal(fetch.seen.length, 2);
  });

  it("trusts only the configured drapp host when drappUrl is set", async () => {
    const fetch = scripted(() => json({}));
    const okta = new Okta(options(fetch, { drappUrl: "https://dr.acme.example" }));
    await assert.rejects(
      okta.request({ method: "GET", path: "https://drapp.acme.okta.com/api/v1/dr/status" }),
      /Refusing/,
    );
    assert.equal(fetch.seen.length, 0);
  });

  it("derives no drapp host from an org URL on an IP address, and says to set drappUrl", async () => {
    const fetch = scripted(() => json({ id: "00u1" }));
    const okta = new Okta(
      options(fetch, { orgUrl: "http://127.0.0.1:8080", testing: { disableHttpsCheck: true } }),
    );
    await okta.user.getUser("00u1");
    await assert.rejects(okta.disasterRecovery.getDRStatus(), /set drappUrl/);
    assert.equal(fetch.seen.length, 1);
  });

  it("refuses a drappUrl that is not an https URL", async () => {
    const okta = new Okta(options(scripted(() => json({})), { drappUrl: "http://drapp.acme.okta.com" }));
    const error = await okta.ready().then(() => undefined, (e) => e);
    assert.ok(error instanceof ConfigError);
    assert.equal(error.problems[0].field, "drappUrl");
  });
});
