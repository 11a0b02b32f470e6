/**
 * Caching: with `cache.enabled`, a second GET of the same resource is served from memory (no request
 * reaches the org), and a successful write to the resource evicts it. Runs against the in-memory fake
 * org, counting the requests it receives.
 *
 * Run: `npx deno run -A examples/caching.ts` (or `node examples/caching.ts`, `bun examples/caching.ts`).
 *
 * @module
 */
import { Okta } from "../mod.ts";
import { createFakeOrg } from "../testing/mod.ts";

function check(ok: unknown, what: string): asserts ok {
  if (!ok) throw new Error(`caching example: ${what}`);
}
const org = createFakeOrg();
const okta = new Okta({
  orgUrl: org.orgUrl,
  token: org.apiToken,
  fetch: org.fetch,
  sources: false,
  cache: { enabled: true, defaultTtl: 60, defaultTti: 30 }, // seconds
});
const login = "ada@example.com";
const ada = await okta.user.createUser({ profile: { login, email: login, firstName: "Ada", lastName: "L" } });

const gets = () => org.requests.filter((r) => r.method === "GET").length;
await okta.user.getUser(ada.id!);
const afterFirst = gets();
const cached = await okta.user.getUser(ada.id!);
console.log(
  `first GET: ${afterFirst} request; second GET: ${gets() - afterFirst} more (${cached.profile?.login})`,
);
check(afterFirst === 1 && gets() === 1, "the second GET is served from the cache");

await okta.user.updateUser(ada.id!, { profile: { nickName: "Countess" } });
const fresh = await okta.user.getUser(ada.id!);
console.log(`after an update: GETs sent ${gets()}, nickName ${fresh.profile?.nickName}`);
check(gets() === 2 && fresh.profile?.nickName === "Countess", "the write evicted the cached user");
