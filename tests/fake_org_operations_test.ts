import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { operations } from "../api/_operations.ts";
import { routes } from "../testing/_routes.ts";
import { createOperationMatcher } from "../testing/_operations.ts";
import { createFakeOrg } from "../testing/mod.ts";

describe("fake org: operations table", () => {
  it("implements each route as the generated table describes it (method, path, scopes)", () => {
    for (const route of routes) {
      const op = operations[route.operationId];
      assert.ok(op, `${route.operationId} is not in api/_operations.ts`);
      assert.equal(route.method, op.method, route.operationId);
      assert.equal(route.path, op.path, route.operationId);
      assert.deepEqual([...route.scopes], [...op.scopes], route.operationId);
    }
  });

  it("matches concrete paths to operations, literal segments first", () => {
    const match = createOperationMatcher(operations);
    assert.equal(match("GET", "/api/v1/users/00u1/factors/catalog")?.operationId, "listSupportedFactors");
    assert.equal(match("GET", "/api/v1/users/00u1/factors/mbl1")?.operationId, "getFactor");
    assert.equal(match("get", "/api/v1/users")?.operationId, "listUsers");
    assert.equal(match("GET", "/api/v1/nothing"), undefined);
  });

  it("answers 501 E0000022 by default for a real operation the fake does not implement", async () => {
    const org = createFakeOrg();
    const res = await org.fetch(`${org.orgUrl}/api/v1/groups/rules`, {
      headers: { authorization: `SSWS ${org.apiToken}` },
    });
    assert.equal(res.status, 501);
    const body = await res.json();
    assert.equal(body.errorCode, "E0000022");
    assert.match(body.errorSummary, /listGroupRules/);
    const unknown = await org.fetch(`${org.orgUrl}/api/v1/nothing`, {
      headers: { authorization: `SSWS ${org.apiToken}` },
    });
    assert.equal(unknown.status, 404);
  });
});
