/**
 * Every attempt is raced against the call's deadline: a hook or an injected `fetch` that never settles
 * ends with `requestTimeout`, not with `connectionTimeout` or never (issue 18, item 8).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { OktaClient, TimeoutError } from "../mod.ts";
import { clientOptions, failure, json, scripted } from "./_okta_fetch.ts";

const never = () => new Promise<never>(() => {});

async function timed(promise: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  const error = await failure(promise);
  return { error, ms: Date.now() - started };
}

describe("the call's deadline bounds every attempt", () => {
  it("a beforeRequest hook that never settles ends at requestTimeout", async () => {
    const fetch = scripted(() => json({ id: "00u1" }));
    const okta = new OktaClient(clientOptions(fetch, {
      requestTimeout: 0.3,
      connectionTimeout: 30,
      hooks: { beforeRequest: never },
    }));
    const { error, ms } = await timed(okta.request({ method: "GET", path: "/api/v1/users/00u1" }));
    assert.ok(error instanceof TimeoutError, String(error));
    assert.match((error as Error).message, /requestTimeout \(300 ms\)/);
    assert.ok(ms < 2_000, `ended after ${ms} ms`);
  });

  it("an afterResponse hook that never settles ends at requestTimeout", async () => {
    const fetch = scripted(() => json({ id: "00u1" }));
    const okta = new OktaClient(clientOptions(fetch, {
      requestTimeout: 0.3,
      hooks: { afterResponse: never },
    }));
    const { error, ms } = await timed(okta.request({ method: "GET", path: "/api/v1/users/00u1" }));
    assert.ok(error instanceof TimeoutError, String(error));
    assert.ok(ms < 2_000, `ended after ${ms} ms`);
  });

  it("an injected fetch that ignores its signal and never answers ends at requestTimeout", async () => {
    const okta = new OktaClient(
      clientOptions(never as typeof fetch, { requestTimeout: 0.3, connectionTimeout: 30 }),
    );
    const { error, ms } = await timed(okta.request({ method: "GET", path: "/api/v1/users/00u1" }));
    assert.ok(error instanceof TimeoutError, String(error));
    assert.ok(ms < 2_000, `ended after ${ms} ms`);
  });

  it("the caller's abort ends such an attempt at once, with the caller's reason", async () => {
    const okta = new OktaClient(clientOptions(never as typeof fetch));
    const stop = new AbortController();
    const reason = new Error("stopped by the caller");
    setTimeout(() => stop.abort(reason), 50);
    const { error, ms } = await timed(
      okta.request({ method: "GET", path: "/api/v1/users/00u1", signal: stop.signal }),
    );
    assert.equal(error, reason);
    assert.ok(ms < 2_000, `ended after ${ms} ms`);
  });
});
