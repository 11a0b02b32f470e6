/**
 * Hooks see every attempt of every call: the operation, the retry count and the timing, before sending and
 * after the answer (or the failure). Injected fetch only, so it runs on every runtime.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { type AttemptResult, Okta, OktaApiError } from "../mod.ts";
import { clientOptions, json, oktaError, scripted } from "./_okta_fetch.ts";

describe("hooks", () => {
  it("see each attempt with its operation, retry count and timing, the request authorized", async () => {
    const fetch = scripted(
      () => oktaError(503, "E0000009", "Service Unavailable"),
      () => json({ id: "00u1" }, 200, { "x-okta-request-id": "req-ok" }),
    );
    const seen: string[] = [];
    const results: AttemptResult[] = [];
    const okta = new Okta(clientOptions(fetch, {
      hooks: {
        beforeRequest(request: Request, info: { operationId?: string; retryCount: number }) {
          seen.push(`before ${info.operationId} #${info.retryCount} ${request.headers.get("authorization")}`);
        },
        afterResponse(response: Response, info: AttemptResult) {
          seen.push(`after ${info.operationId} #${info.retryCount} ${response.status}`);
          results.push(info);
        },
      },
    }));
    const user = await okta.user.getUser("00u1");
    assert.equal(user.id, "00u1", "the hooks leave the body to the client");
    assert.deepEqual(seen, [
      "before getUser #0 SSWS 00secret-api-token",
      "after getUser #0 503",
      "before getUser #1 SSWS 00secret-api-token",
      "after getUser #1 200",
    ]);
    for (const r of results) {
      assert.equal(r.method, "GET");
      assert.equal(r.url, "https://example.okta.com/api/v1/users/00u1");
      assert.ok(r.durationMs >= 0 && r.startedAt > 0);
    }
    assert.ok(results[1].startedAt >= results[0].startedAt);
  });

  it("report attempts without an answer to onError, then the retry", async () => {
    const fetch = scripted(() => {
      throw new TypeError("connection reset");
    }, () => json([{ id: "00g1" }]));
    const errors: string[] = [];
    const okta = new Okta(clientOptions(fetch, {
      hooks: {
        onError(error: unknown, info: AttemptResult) {
          errors.push(`${info.operationId} #${info.retryCount}: ${(error as Error).message}`);
        },
      },
    }));
    const groups = await okta.group.listGroups().toArray();
    assert.equal(groups.length, 1);
    assert.deepEqual(errors, ["listGroups #0: fetch failed"]);
  });

  it("fail the call with the error a hook throws", async () => {
    const fetch = scripted(() => json({ id: "00u1" }));
    const okta = new Okta(clientOptions(fetch, {
      hooks: {
        beforeRequest() {
          throw new TypeError("not today");
        },
      },
    }));
    await assert.rejects(okta.user.getUser("00u1"), /not today/);
    assert.equal(fetch.seen.length, 0);
  });

  it("see okta.request calls too, and nothing when there are none", async () => {
    const fetch = scripted(() => oktaError(404, "E0000007", "Not found"));
    const statuses: number[] = [];
    const okta = new Okta(
      clientOptions(fetch, { hooks: { afterResponse: (r: Response) => void statuses.push(r.status) } }),
    );
    await assert.rejects(okta.request({ method: "GET", path: "/api/v1/things" }), OktaApiError);
    assert.deepEqual(statuses, [404]);

    let init: RequestInit | undefined;
    const plain = new Okta(clientOptions((_input: RequestInfo | URL, i?: RequestInit) => {
      init = i;
      return Promise.resolve(json({ id: "00u1" }));
    }));
    await plain.user.getUser("00u1");
    assert.ok(!init || !("oktaCall" in init), "a client without hooks passes no call state to fetch");
  });
});
