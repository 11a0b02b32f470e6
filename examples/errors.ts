/**
 * Errors: Okta's JSON errors as `OktaApiError` (404 E0000007; 400 E0000001 with `errorCauses`), every
 * configuration problem at once in a `ConfigError`, and a `NetworkError` for a POST that is not
 * retried (it may have been processed). Runs against the in-memory fake org.
 *
 * Run: `npx deno run -A examples/errors.ts` (or `node examples/errors.ts`, `bun examples/errors.ts`).
 *
 * @module
 */
import { ConfigError, NetworkError, Okta, OktaApiError } from "../mod.ts";
import { createFakeOrg } from "../testing/mod.ts";

function check(ok: unknown, what: string): asserts ok {
  if (!ok) throw new Error(`errors example: ${what}`);
}
const org = createFakeOrg();
const okta = new Okta({ orgUrl: org.orgUrl, token: org.apiToken, fetch: org.fetch, sources: false });

const notFound = await okta.user.getUser("nobody@example.com").catch((error) => error);
check(notFound instanceof OktaApiError, "a 404 is an OktaApiError");
console.log(
  `${notFound.status} ${notFound.errorCode}: ${notFound.errorSummary} (request ${notFound.requestId})`,
);
check(notFound.status === 404 && notFound.errorCode === "E0000007", "404 E0000007");

// A user without the required profile fields: Okta lists each problem in errorCauses.
const invalid = await okta.user.createUser({ profile: { login: "not-an-email" } as never }).catch((e) => e);
check(invalid instanceof OktaApiError, "a 400 is an OktaApiError");
console.log(`${invalid.status} ${invalid.errorCode}: ${invalid.errorSummary}`);
for (const cause of invalid.errorCauses) console.log(`  cause: ${cause.errorSummary}`);
check(
  invalid.status === 400 && invalid.errorCode === "E0000001" && invalid.errorCauses.length > 0,
  "400 causes",
);

// Configuration is checked as a whole: every problem is listed, each with where it came from.
const bad = new Okta({ sources: false, orgUrl: "http://dev-123456-admin.okta.com" });
const config = await bad.ready().catch((error) => error);
check(config instanceof ConfigError, "a bad configuration is a ConfigError");
console.log(`ConfigError with ${config.problems.length} problems:`);
for (const p of config.problems) console.log(`  ${p.field} (${p.source}): ${p.message}`);
check(config.problems.length >= 3, "several problems reported at once");

// A dropped connection on a POST: not retried, because Okta may have created the group already.
org.faults.push({ networkError: true, match: "POST /api/v1/groups" });
const before = org.requests.length;
const network = await okta.group.addGroup({ profile: { name: "Ops" } }).catch((error) => error);
check(network instanceof NetworkError, "a dropped connection is a NetworkError");
console.log(`${network.name}: ${network.message}`);
console.log(`attempts: ${org.requests.length - before}`);
check(org.requests.length - before === 1, "the POST was sent once");
