/**
 * The token endpoint's answers are read within `maxResponseBytes` and `bodyIdleTimeout` too (issue 18,
 * item 6): an endless or stalled body from it ends the call at once, without a retry.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { isOktaError, OktaClient, TimeoutError } from "../mod.ts";
import { testKeys } from "./fixtures/keys/test_keys.ts";
import { failure, json, oktaHeaders } from "./_okta_fetch.ts";

async function client(tokenBody: () => ReadableStream<Uint8Array>, extra: Record<string, unknown>) {
  const { ec } = await testKeys();
  let tokenRequests = 0;
  const fetch = (input: RequestInfo | URL) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.includes("/oauth2/v1/token")) return Promise.resolve(json([]));
    tokenRequests++;
    return Promise.resolve(new Response(tokenBody(), { status: 200, headers: oktaHeaders() }));
  };
  const okta = new OktaClient({
    orgUrl: "https://example.okta.com",
    authorizationMode: "PrivateKey",
    clientId: "0oaservice",
    scopes: ["okta.users.read"],
    privateKey: ec.privateJwk,
    fetch: fetch as typeof globalThis.fetch,
    sources: false,
    ...extra,
  });
  return { okta, tokenRequests: () => tokenRequests };
}

describe("token endpoint bodies", () => {
  it("an endless token answer fails past maxResponseBytes, asked once", async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const { okta, tokenRequests } = await client(
      () => new ReadableStream({ pull: (controller) => controller.enqueue(chunk) }),
      { maxResponseBytes: 1024 * 1024 },
    );
    const error = await failure<Error>(okta.request({ method: "GET", path: "/api/v1/users" }));
    assert.ok(isOktaError(error), String(error));
    assert.match(error.message, /maxResponseBytes/);
    assert.equal(tokenRequests(), 1);
  });

  it("a stalled token answer fails after bodyIdleTimeout", async () => {
    const { okta, tokenRequests } = await client(
      () =>
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"access_token":'));
          },
          pull: () => new Promise((resolve) => setTimeout(resolve, 2_000)),
        }),
      { bodyIdleTimeout: 0.1 },
    );
    const started = Date.now();
    const error = await failure<Error>(okta.request({ method: "GET", path: "/api/v1/users" }));
    assert.ok(error instanceof TimeoutError, String(error));
    assert.ok(Date.now() - started < 1_500, `${Date.now() - started} ms`);
    assert.equal(tokenRequests(), 1);
  });
});
