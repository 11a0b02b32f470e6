/**
 * Factors: list what a user may enroll, enroll SMS and TOTP, activate them with a pass code and
 * verify one. The fake org's pass code comes from `org.passCodeFor(userId, factorId)` (in a real org
 * it arrives by SMS or from the authenticator app).
 *
 * Run: `npx deno run -A examples/factors.ts` (or `node examples/factors.ts`, `bun examples/factors.ts`).
 *
 * @module
 */
import { Okta } from "../mod.ts";
import { createFakeOrg } from "../testing/mod.ts";

function check(ok: unknown, what: string): asserts ok {
  if (!ok) throw new Error(`factors example: ${what}`);
}
const org = createFakeOrg();
const okta = new Okta({ orgUrl: org.orgUrl, token: org.apiToken, fetch: org.fetch, sources: false });
const login = "ada@example.com";
const user = await okta.user.createUser({
  profile: { login, email: login, firstName: "Ada", lastName: "L" },
});
const userId = user.id!;

const supported = await okta.userFactor.listSupportedFactors(userId).toArray();
console.log(`supported: ${supported.map((f) => `${f.factorType}/${f.provider}`).join(", ")}`);
check(supported.some((f) => f.factorType === "sms"), "sms is offered");

const sms = await okta.userFactor.enrollFactor(userId, {
  factorType: "sms",
  provider: "OKTA",
  profile: { phoneNumber: "+15554151337" },
});
const totp = await okta.userFactor.enrollFactor(userId, {
  factorType: "token:software:totp",
  provider: "OKTA",
});
console.log(`enrolled ${sms.factorType} (${sms.status}) and ${totp.factorType} (${totp.status})`);
check(
  sms.status === "PENDING_ACTIVATION" && totp.status === "PENDING_ACTIVATION",
  "enrolled pending activation",
);

for (const factor of [sms, totp]) {
  const activated = await okta.userFactor.activateFactor(userId, factor.id!, {
    passCode: org.passCodeFor(userId, factor.id!),
  });
  console.log(`activated ${activated.factorType}: ${activated.status}`);
  check(activated.status === "ACTIVE", `${factor.factorType} active`);
}

const verified = await okta.userFactor.verifyFactor(userId, totp.id!, {
  passCode: org.passCodeFor(userId, totp.id!),
});
console.log(`verified totp: ${verified.factorResult}`);
check(verified.factorResult === "SUCCESS", "verify succeeds with the right pass code");

const factors = await okta.userFactor.listFactors(userId).toArray();
console.log(`user now has ${factors.length} factors: ${factors.map((f) => f.status).join(", ")}`);
check(factors.length === 2 && factors.every((f) => f.status === "ACTIVE"), "both factors listed as ACTIVE");
