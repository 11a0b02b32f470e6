/**
 * Okta's bucket table as the client and the fake org share it: group rules belong to the groups collection,
 * and templates outside `/api/v1` whose ids are not Okta's 20-character ones get one bucket per template,
 * not one per id value (issue 18, item 14).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { operations } from "../api/_operations.ts";
import { bucketOf } from "../lib/http/rate_limit/buckets.ts";
import { createFakeOrg } from "../testing/mod.ts";

describe("rate-limit buckets", () => {
  it("puts GET and POST /api/v1/groups/rules with the groups collection, as OKTA-BEHAVIOUR.md documents", () => {
    const org = createFakeOrg();
    for (const method of ["GET", "POST"]) {
      assert.equal(bucketOf(method, "/api/v1/groups/rules"), "/api/v1/groups");
      assert.equal(org.rateLimits.bucketFor("/api/v1/groups/rules", method), "/api/v1/groups");
    }
    assert.equal(bucketOf("GET", "/api/v1/groups/00g1"), "/api/v1/groups/{id}");
    assert.equal(bucketOf("DELETE", "/api/v1/groups/rules/0pr1"), "/api/v1/groups");
  });

  it("keys every operation of the API description by template, whatever its id values look like", () => {
    const split: string[] = [];
    for (const [id, op] of Object.entries(operations)) {
      // Ids that are not Okta's 20-character ones: a UUID, an app name, a short slug.
      const a = bucketOf(op.method, op.path.replace(/\{[^}]+\}/g, "3f2c7a4e-8d1b-4c55-9e0a-1b2c3d4e5f60"));
      const b = bucketOf(op.method, op.path.replace(/\{[^}]+\}/g, "other-value"));
      if (a !== b) split.push(`${id}: ${a} / ${b}`);
    }
    assert.deepEqual(split, []);
    assert.equal(
      bucketOf("GET", "/privileged-access/api/v1/service-accounts/3f2c7a4e-8d1b-4c55-9e0a-1b2c3d4e5f60"),
      "GET /privileged-access/api/v1/service-accounts/{id}",
    );
    const org = createFakeOrg();
    assert.equal(
      org.rateLimits.bucketFor("/webauthn-registration/api/v1/users/abc/enrollments", "GET"),
      "GET /webauthn-registration/api/v1/users/{id}/enrollments",
    );
  });
});
