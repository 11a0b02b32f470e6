/**
 * A fake Okta org for tests: an in-memory implementation of the users, groups, apps, factors and
 * System Log endpoints, with Okta's error bodies, `Link` pagination, rate-limit headers, OAuth
 * service-app tokens (private-key JWT and DPoP really checked), scheduled faults and a controllable
 * clock. It is a plain `(Request) => Promise<Response>` handler with no Node dependencies: inject
 * {@linkcode FakeOrg.fetch} into a client, serve {@linkcode FakeOrg.handler} on loopback with
 * `Deno.serve` or `Bun.serve`, or export it from a Worker.
 *
 * @example Inject the fake into a client and drive it
 * ```ts
 * import { createFakeOrg } from "@oktakit/management/testing";
 *
 * const org = createFakeOrg();
 * const { userIds } = org.seed({
 *   groups: [{ name: "Engineering" }],
 *   users: [{ profile: { login: "ada@example.com", email: "ada@example.com", firstName: "Ada", lastName: "L" }, groups: ["Engineering"] }],
 * });
 * org.rateLimits.set("GET /api/v1/users/{idOrLogin}", { limit: 5, windowSeconds: 60 });
 * org.faults.push({ match: "GET /api/v1/users/*", status: 503, times: 1 });
 * const init = { headers: { authorization: `SSWS ${org.apiToken}` } };
 * const first = await org.fetch(`${org.orgUrl}/api/v1/users/${userIds[0]}`, init);
 * const second = await org.fetch(`${org.orgUrl}/api/v1/users/ada@example.com`, init);
 * console.log(first.status, second.status, second.headers.get("x-rate-limit-remaining")); // 503 200 "4"
 * // With the client: new OktaClient({ orgUrl: org.orgUrl, token: org.apiToken, fetch: org.fetch })
 * ```
 *
 * Rate limits are modelled as Okta enforces them: requests are grouped into Okta's documented buckets
 * (`org.rateLimits.bucketFor(path, method)`), each with a fixed window (`org.rateLimits.set(bucket, rule)`;
 * 10,000 per 60 s by default); a concurrent-request limit (`setConcurrency`) answers 429 with
 * `X-Rate-Limit-Limit: 0`; refused requests are counted (`org.rateLimits.violations()`) and the first of each
 * window is written to the System Log as `system.operation.rate_limit.violation`. The clock is frozen until a
 * test moves it; `org.clock.schedule` fires callbacks as it does, so a client given `rateLimit: { clock:
 * org.clock }` waits for resets on the org's time, not the machine's.
 *
 * @example Let waiting calls through by advancing the org's clock
 * ```ts
 * import { OktaClient } from "@oktakit/management";
 * import { createFakeOrg } from "@oktakit/management/testing";
 *
 * const org = createFakeOrg();
 * org.rateLimits.set("/api/v1/groups", { limit: 2 });
 * const okta = new OktaClient({
 *   orgUrl: org.orgUrl, token: org.apiToken, fetch: org.fetch, sources: false, rateLimit: { clock: org.clock },
 * });
 * const lists = [1, 2, 3].map(() => okta.request({ method: "GET", path: "/api/v1/groups" }));
 * await new Promise((resolve) => setTimeout(resolve, 10)); // two sent; the third waits for the reset
 * org.clock.advance(61_000);
 * await Promise.all(lists);
 * console.log(org.requests.length, org.rateLimits.violations().total); // 3 0
 * ```
 *
 * @example Serve it on loopback
 * ```ts ignore
 * const org = createFakeOrg({ orgUrl: "http://127.0.0.1:8787" });
 * Deno.serve({ hostname: "127.0.0.1", port: 8787 }, org.handler);
 * ```
 *
 * @module
 */
export { createFakeOrg } from "./fake_org.ts";
export type {
  AccessVerdict,
  FakeOrg,
  FakeOrgInspector,
  FakeOrgOptions,
  OAuthServerLike,
  OperationInfo,
  RecordedRequest,
} from "./fake_org.ts";
export type { FakeClock } from "./_clock.ts";
export type { Fault, FaultControls } from "./_faults.ts";
export type {
  RateLimitControls,
  RateLimitRule,
  RateLimitStatus,
  RateLimitViolations,
} from "./_rate_limit.ts";
export type { SeedData, SeedGroup, SeedResult, SeedUser } from "./_seed.ts";
export type { Json } from "./_state.ts";
export type { OAuthClientRegistration } from "./oauth.ts";
export { passCodeFor } from "./_factor_model.ts";
