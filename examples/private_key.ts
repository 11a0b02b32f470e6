/**
 * Service apps (OAuth 2.0 client credentials with a private-key JWT): the client signs an assertion,
 * gets an access token with the scopes you ask for, and uses it; a call outside those scopes is a 403
 * naming the scope it needs. Then the same with DPoP-bound tokens, for an app that requires them. The
 * key pair is generated with WebCrypto at run time; the fake org verifies everything for real.
 *
 * Run: `npx deno run -A examples/private_key.ts` (or `node examples/private_key.ts`).
 *
 * @module
 */
import { Okta, OktaApiError } from "../mod.ts";
import { createFakeOrg } from "../testing/mod.ts";

function check(ok: unknown, what: string): asserts ok {
  if (!ok) throw new Error(`private_key example: ${what}`);
}
const algorithm = {
  name: "RSASSA-PKCS1-v1_5",
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: "SHA-256",
};
const pair = await crypto.subtle.generateKey(algorithm, true, ["sign", "verify"]) as CryptoKeyPair;
const privateJwk = await crypto.subtle.exportKey("jwk", pair.privateKey); // what you keep secret
const publicJwk = await crypto.subtle.exportKey("jwk", pair.publicKey); // what you register with Okta

const scopes = ["okta.users.read", "okta.users.manage"];
const org = createFakeOrg({
  clock: "real", // assertions carry real timestamps
  oauth: {
    clients: [
      { clientId: "0oaservice", publicJwk, scopes },
      { clientId: "0oadpopapp", publicJwk, scopes, requireDpop: true },
    ],
  },
});
org.seed({
  users: [{
    profile: { login: "ada@example.com", email: "ada@example.com", firstName: "Ada", lastName: "L" },
  }],
});
const common = {
  orgUrl: org.orgUrl,
  fetch: org.fetch,
  sources: false,
  authorizationMode: "PrivateKey",
} as const;

const okta = new Okta({
  ...common,
  clientId: "0oaservice",
  scopes: ["okta.users.read"],
  privateKey: privateJwk,
});
const users = await okta.user.listUsers().toArray();
const apiCall = org.requests.find((r) => new URL(r.url).pathname === "/api/v1/users")!;
console.log(`listed ${users.length} user with ${apiCall.headers.get("authorization")?.split(" ")[0]} token`);
check(
  users.length === 1 && apiCall.headers.get("authorization")?.startsWith("Bearer "),
  "Bearer access token",
);

// Creating a user needs okta.users.manage, which this client did not ask for.
const denied = await okta.user.createUser({ profile: { login: "b@example.com" } as never }).catch((e) => e);
check(denied instanceof OktaApiError && denied.status === 403, "403 without the scope");
console.log(`403 ${denied.errorCode}: needs ${denied.requiredScopes?.join(", ")}`);
check(denied.requiredScopes?.includes("okta.users.manage"), "the error names the missing scope");

// DPoP: the token is bound to a key the client generates; each request carries a fresh proof.
const dpop = new Okta({
  ...common,
  clientId: "0oadpopapp",
  scopes: ["okta.users.read"],
  privateKey: privateJwk,
  dpop: true,
});
const viaDpop = await dpop.user.getUser("ada@example.com");
const last = org.requests.at(-1)!;
console.log(
  `DPoP: got ${viaDpop.profile?.login}; Authorization ${
    last.headers.get("authorization")?.split(" ")[0]
  }, proof sent: ${last.headers.has("dpop")}`,
);
check(last.headers.get("authorization")?.startsWith("DPoP ") && last.headers.has("dpop"), "DPoP-bound token");
