/**
 * The Worker that scripts/workerd_durable_object.mjs and bench/workerd_shared_store.mjs run: its `fetch` serves one getUser per request with a
 * client of its own (as a fresh isolate would have) whose budget lives in the Durable Object, against the fake
 * org the test put on `globalThis`.
 */
import { OktaClient } from "../../mod.ts";
import {
  type DurableObjectNamespaceLike,
  durableObjectRateLimitStore,
} from "../../rate_limit/durable_object.ts";
import type { FakeOrg } from "../../testing/mod.ts";

/** Answers one request: `?id=<user id>&prefix=<store prefix>` (no prefix: no shared store). */
export async function handle(
  request: Request,
  env: { RATE_LIMITS: DurableObjectNamespaceLike },
): Promise<Response> {
  const org = (globalThis as { __oktakitWorkerOrg?: FakeOrg }).__oktakitWorkerOrg!;
  const url = new URL(request.url);
  const okta = new OktaClient({
    orgUrl: org.orgUrl,
    token: org.apiToken,
    fetch: org.fetch,
    sources: false,
    rateLimit: {
      clock: org.clock,
      // No prefix: no shared store (the benchmark's baseline), each request on a budget of its own.
      store: url.searchParams.get("prefix")
        ? durableObjectRateLimitStore(env.RATE_LIMITS, { prefix: url.searchParams.get("prefix")! })
        : undefined,
    },
  });
  try {
    await okta.request({ method: "GET", path: `/api/v1/users/${url.searchParams.get("id")}` });
    return new Response("ok");
  } catch (error) {
    return new Response(String(error), { status: 500 });
  }
}
