/**
 * `lib/invoke.ts`, which turns an operation's row and a method's arguments into the request: path
 * parameters, header parameters, comma-joined arrays, media types, page shapes, and where errors surface.
 * (`api_operations_test.ts` drives every generated method through it against the API description.)
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { call, list, type Operation, requestOf } from "../lib/invoke.ts";
import type { PageShape, Paginated } from "../lib/paginate.ts";
import type { RequestOptions, Transport } from "../lib/transport.ts";

const getThing: Operation = {
  id: "getThing",
  method: "GET",
  path: "/api/v1/things/{thingId}/parts/{partId}",
  scopes: ["okta.things.read"],
  query: ["expand", "limit"],
  headers: ["If-None-Match", "Prefer"],
  joined: ["expand"],
};

function recorder(): { transport: Transport; sent: { options: RequestOptions; args: number }[] } {
  const sent: { options: RequestOptions; args: number }[] = [];
  const transport: Transport = {
    request: () => Promise.reject(new Error("not used")),
    requestWithResponse<T>(options: RequestOptions) {
      sent.push({ options, args: 1 });
      return Promise.resolve({ data: { ok: true } as T, response: new Response(null) });
    },
    paginate<T>(options: RequestOptions, ...shape: PageShape[]) {
      sent.push({ options, args: 1 + shape.length });
      return {} as Paginated<T>;
    },
  };
  return { transport, sent };
}

describe("invoke", () => {
  it("fills the path template in order, percent-encoded, and names the operation and its scopes", () => {
    const request = requestOf(getThing, ["a/b", "c d"]);
    assert.equal(request.path, "/api/v1/things/a%2Fb/parts/c%20d");
    assert.equal(request.method, "GET");
    assert.equal(request.operationId, "getThing");
    assert.deepEqual(request.scopes, ["okta.things.read"]);
  });

  it("sends header parameters as headers (the caller's own win) and the rest as the query", () => {
    const params = { expand: ["x", "y"], limit: 5, "If-None-Match": "e1", Prefer: undefined };
    const request = requestOf(getThing, ["t", "p", params, {
      headers: { "If-None-Match": "mine", "X-A": "1" },
    }]);
    assert.deepEqual(request.headers, { "If-None-Match": "mine", "X-A": "1" });
    assert.deepEqual(request.query, { expand: "x,y", limit: 5 });
    assert.deepEqual(params.expand, ["x", "y"], "the caller's parameters are left as they were");
    assert.deepEqual(requestOf(getThing, ["t", "p", { Prefer: "respond-async" }]).headers, {
      Prefer: "respond-async",
    });
  });

  it("joins arrays on a copy of the parameters, and passes parameters without headers as given", () => {
    const op: Operation = {
      id: "listThings",
      method: "GET",
      path: "/things",
      scopes: [],
      query: ["limit", "expand"],
    };
    const params = { limit: 5 };
    assert.equal(requestOf(op, [params]).query, params);
    const joined = requestOf({ ...op, joined: ["expand"] }, [{ expand: ["a", "b"] }]);
    assert.deepEqual(joined.query, { expand: "a,b" });
    assert.equal(requestOf({ ...op, joined: ["expand"] }, [undefined]).query, undefined);
  });

  it("sends a body's media type unless the caller sets one, and says how the body is encoded", () => {
    const op: Operation = {
      id: "upload",
      method: "POST",
      path: "/certs",
      scopes: [],
      body: "binary",
      contentType: "application/pkix-cert",
    };
    const request = requestOf(op, ["DER", { signal: AbortSignal.abort() }]);
    assert.equal(request.body, "DER");
    assert.equal(request.bodyType, "binary");
    assert.deepEqual(request.headers, { "Content-Type": "application/pkix-cert" });
    assert.ok(request.signal?.aborted, "call options pass through");
    const own = requestOf(op, ["PEM", { headers: { "Content-Type": "application/x-pem-file" } }]);
    assert.deepEqual(own.headers, { "Content-Type": "application/x-pem-file" });
    const json = requestOf({ ...op, body: "json", contentType: undefined }, [{ a: 1 }]);
    assert.equal(json.bodyType, undefined);
    assert.equal(json.headers, undefined);
  });

  it("reads the response as the media type asked for with accept says", () => {
    const op: Operation = {
      id: "getCsr",
      method: "GET",
      path: "/csrs/{id}",
      scopes: [],
      accept: { "application/pkcs10": "text" },
    };
    assert.equal(requestOf(op, ["c1", { accept: "application/pkcs10" }]).responseType, "text");
    assert.equal(requestOf(op, ["c1", { accept: "application/pkcs10" }]).accept, "application/pkcs10");
    assert.equal(requestOf(op, ["c1"]).responseType, undefined);
    assert.equal(requestOf(op, ["c1", { accept: "toString" }]).responseType, undefined);
    assert.equal(requestOf({ ...op, accept: undefined, response: "none" }, ["c1"]).responseType, "none");
  });

  it("rejects a call with a bad path parameter, and throws at a list's caller", async () => {
    const { transport, sent } = recorder();
    const pending = call(transport, getThing, "..", "p");
    await assert.rejects(pending, TypeError);
    assert.throws(() => list(transport, getThing, "t", undefined), TypeError);
    assert.equal(sent.length, 0);
    assert.deepEqual(await call(transport, getThing, "t", "p"), { ok: true });
  });

  it("passes a page shape to paginate only for lists whose pages are objects", () => {
    const { transport, sent } = recorder();
    const op: Operation = { id: "listRoles", method: "GET", path: "/roles", scopes: [] };
    list(transport, op);
    list(transport, { ...op, page: { items: "roles", next: "body" } });
    assert.deepEqual(sent.map((s) => s.args), [1, 2]);
  });
});
