/**
 * IAM lists and the org's `-admin` host (issue 19, A4): Okta puts the self links of `/api/v1/iam` answers
 * on the Admin Console host (`https://{org}-admin.okta.com/...`). Such a link is read as the same path and
 * query on the org URL, so resuming from the last page's cursor works; credentials still go to no other host.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Okta } from "../mod.ts";
import { adminOrigin, buildUrl } from "../lib/http/url.ts";
import { clientOptions, json, scripted } from "./_okta_fetch.ts";

const ORG = "https://example.okta.com";
const ADMIN = "https://example-admin.okta.com";

describe("links on the org's -admin host", () => {
  it("are sent to the org URL, with their path and query", () => {
    assert.equal(adminOrigin(ORG), ADMIN);
    assert.equal(
      adminOrigin("https://dev-1.oktapreview.com:8443"),
      "https://dev-1-admin.oktapreview.com:8443",
    );
    assert.equal(
      buildUrl(ORG, `${ADMIN}/api/v1/iam/roles?after=x&limit=2`),
      `${ORG}/api/v1/iam/roles?after=x&limit=2`,
    );
    assert.equal(buildUrl(ORG, `${ADMIN}/api/v1/iam/roles`, { limit: 2 }), `${ORG}/api/v1/iam/roles?limit=2`);
  });

  it("only on the org's own -admin host: every other host is still refused", () => {
    for (
      const foreign of [
        "https://other-admin.okta.com/api/v1/iam/roles",
        "https://example-admin.oktapreview.com/api/v1/iam/roles",
        "http://example-admin.okta.com/api/v1/iam/roles",
        "https://example-admin.okta.com:8443/api/v1/iam/roles",
        "https://example-admin.okta.com.evil.test/api/v1/iam/roles",
        "https://example-admin.okta.com@evil.test/api/v1/iam/roles",
        "https://admin.example.okta.com/api/v1/iam/roles",
      ]
    ) {
      assert.throws(() => buildUrl(ORG, foreign), /Refusing to send credentials/, foreign);
    }
    assert.equal(adminOrigin("http://127.0.0.1:8080"), undefined);
    assert.equal(adminOrigin("http://localhost:8080"), undefined);
  });

  it("listRoles: the last page's resumeCursor (an -admin self link) resumes against the org, with the token", async () => {
    const role = (id: string) => ({ id, label: id });
    const fetch = scripted(
      () => json({ roles: [role("cr1")], _links: { next: { href: `${ADMIN}/api/v1/iam/roles?after=cr1` } } }),
      () => json({ roles: [role("cr2")], _links: { self: { href: `${ADMIN}/api/v1/iam/roles?after=cr1` } } }),
      () => json({ roles: [role("cr3")], _links: { self: { href: `${ADMIN}/api/v1/iam/roles?after=cr1` } } }),
    );
    const okta = new Okta(clientOptions(fetch));
    let cursor: string | undefined;
    const ids: string[] = [];
    for await (const page of okta.roleECustom.listRoles().pages()) {
      ids.push(...page.items.map((r) => r.id!));
      cursor = page.resumeCursor;
    }
    assert.deepEqual(ids, ["cr1", "cr2"]);
    assert.equal(cursor, `${ADMIN}/api/v1/iam/roles?after=cr1`);
    const resumed = [];
    for await (const page of okta.roleECustom.listRoles().pages({ from: cursor })) {
      resumed.push(...page.items);
    }
    assert.deepEqual(resumed.map((r) => r.id), ["cr3"]);
    assert.deepEqual(fetch.seen.map((s) => s.url.origin), [ORG, ORG, ORG]);
    assert.equal(fetch.seen[2].url.href, `${ORG}/api/v1/iam/roles?after=cr1`);
    assert.equal(fetch.seen[2].headers.get("authorization"), "SSWS 00secret-api-token");
  });
});
