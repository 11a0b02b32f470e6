import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AuthError,
  ConfigError,
  HttpError,
  InvalidResponseError,
  isAuthError,
  isConfigError,
  isHttpError,
  isInvalidResponseError,
  isNetworkError,
  isOktaApiError,
  isOktaError,
  isRateLimitError,
  isRedirectError,
  isTimeoutError,
  NetworkError,
  OktaApiError,
  OktaClient,
  OktaError,
  RateLimitError,
  RedirectError,
  TimeoutError,
} from "../mod.ts";
import { clientOptions, failure, json, scripted } from "./_okta_fetch.ts";

const facts = { status: 500, method: "GET", url: "https://example.okta.com/x", headers: new Headers() };

describe("error classes", () => {
  it("each class names itself explicitly (minifiers rename classes) and has a stable code", () => {
    const cases: [Error & { code: string }, string, string][] = [
      [new OktaError("x"), "OktaError", "ERR_OKTA"],
      [new HttpError({ ...facts, body: "" }), "HttpError", "ERR_OKTA_HTTP"],
      [
        new OktaApiError({ ...facts, body: "", data: { errorCode: "E0000009" } }),
        "OktaApiError",
        "ERR_OKTA_API",
      ],
      [
        new InvalidResponseError({ ...facts, body: "", message: "m" }),
        "InvalidResponseError",
        "ERR_OKTA_INVALID_RESPONSE",
      ],
      [
        new RedirectError({ ...facts, message: "m", location: undefined }),
        "RedirectError",
        "ERR_OKTA_REDIRECT",
      ],
      [new ConfigError([]), "ConfigError", "ERR_OKTA_CONFIG"],
      [new AuthError("x"), "AuthError", "ERR_OKTA_AUTH"],
      [new TimeoutError("x"), "TimeoutError", "ERR_OKTA_TIMEOUT"],
      [new NetworkError("x"), "NetworkError", "ERR_OKTA_NETWORK"],
      [new RateLimitError("x", { waitMs: 1, maxWaitMs: 1 }), "RateLimitError", "ERR_OKTA_RATE_LIMIT"],
    ];
    for (const [error, name, code] of cases) {
      // The name lives on the prototype, written out, not computed from the (minifiable) class name.
      assert.equal(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(error), "name")?.value, name);
      assert.equal(error.name, name);
      assert.equal(error.code, code);
      assert.ok(error.stack?.startsWith(`${name}: `), String(error.stack));
      assert.ok(isOktaError(error));
    }
  });

  it("guards recognize errors from another copy of the package by brand and code, not instanceof", () => {
    class Foreign extends Error {
      code = "ERR_OKTA_API";
    }
    Object.defineProperty(Foreign.prototype, Symbol.for("@oktakit/management.error"), { value: true });
    const foreign = new Foreign("from another copy");
    assert.ok(!(foreign instanceof OktaError));
    assert.ok(isOktaError(foreign) && isOktaApiError(foreign) && isHttpError(foreign));
    assert.ok(!isTimeoutError(foreign));
    assert.ok(!isOktaError(new Error("x")) && !isOktaError({ code: "ERR_OKTA" }) && !isOktaError(null));
    assert.ok(isTimeoutError(new TimeoutError("x")) && isNetworkError(new NetworkError("x")));
    assert.ok(isAuthError(new AuthError("x")) && isConfigError(new ConfigError([])));
    assert.ok(isRateLimitError(new RateLimitError("x", { waitMs: 1, maxWaitMs: 1 })));
    assert.ok(isRedirectError(new RedirectError({ ...facts, message: "m", location: "https://a" })));
    assert.ok(isInvalidResponseError(new InvalidResponseError({ ...facts, body: "", message: "m" })));
    assert.ok(isHttpError(new RedirectError({ ...facts, message: "m", location: undefined })));
  });

  it("a cause is kept as a plain copy: name, code and message, never the request or its headers", () => {
    const request = new Request("https://example.okta.com/x", {
      headers: { authorization: "SSWS 00topsecret" },
    });
    const kyLike = Object.assign(new Error("Request failed due to a network error"), {
      name: "NetworkError",
      request,
      options: { headers: { authorization: "SSWS 00topsecret" } },
      cause: Object.assign(new TypeError("fetch failed"), { code: "ECONNRESET" }),
    });
    const error = new NetworkError("GET /x failed", { cause: kyLike });
    const cause = error.cause as Error & { code?: string; cause?: Error & { code?: string } };
    assert.equal(cause.name, "NetworkError");
    assert.equal(cause.message, "Request failed due to a network error");
    assert.equal("request" in cause || "options" in cause, false);
    assert.equal(cause.cause?.name, "TypeError");
    assert.equal(cause.cause?.code, "ECONNRESET");
    const withToken = new OktaError("x", {
      cause: new TypeError('Invalid header value: "SSWS 00topsecret"'),
    });
    assert.doesNotMatch(String((withToken.cause as Error).message), /00topsecret/);
    assert.doesNotMatch(String((withToken.cause as Error).stack), /00topsecret/);
    const ours = new TimeoutError("t");
    assert.equal(new OktaError("y", { cause: ours }).cause, ours);
  });

  it("HttpError keeps response headers but not Set-Cookie", () => {
    const headers = new Headers({ "x-okta-request-id": "r1", "set-cookie": "sid=secret" });
    const error = new HttpError({ ...facts, headers, body: "" });
    assert.equal(error.requestId, "r1");
    assert.equal(error.headers.get("set-cookie"), null);
  });
});

describe("the OAuth-scope hint on 403s", () => {
  const forbidden = (code: string, summary: string, extra: Record<string, string> = {}) => () =>
    json({ errorCode: code, errorSummary: summary }, 403, extra);
  const call = (fetch: typeof globalThis.fetch) =>
    failure<OktaApiError>(
      new OktaClient(clientOptions(fetch)).request({
        method: "POST",
        path: "/api/v1/users/00u1/factors/f1/verify",
        body: { passCode: "1" },
        scopes: ["okta.users.manage"],
      }),
    );

  it("is not given for a 403 that is not about permissions (E0000068 Invalid Passcode/Answer)", async () => {
    const error = await call(scripted(forbidden("E0000068", "Invalid Passcode/Answer")));
    assert.equal(error.requiredScopes, undefined);
    assert.doesNotMatch(error.message, /scope/i);
  });

  it("is given for E0000006 with the operation's scopes", async () => {
    const error = await call(scripted(forbidden("E0000006", "You do not have permission")));
    assert.deepEqual(error.requiredScopes, ["okta.users.manage"]);
    assert.match(error.message, /okta\.users\.manage/);
  });

  it("is given for an insufficient_scope challenge, naming the scopes it names", async () => {
    const challenge = 'Bearer error="insufficient_scope", scope="okta.factors.manage"';
    const error = await call(scripted(forbidden("E0000015", "Forbidden", { "www-authenticate": challenge })));
    assert.deepEqual(error.requiredScopes, ["okta.factors.manage"]);
    assert.match(error.message, /okta\.factors\.manage/);
  });
});
