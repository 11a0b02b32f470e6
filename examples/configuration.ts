/**
 * Configuration precedence: `~/.okta/okta.yaml`, then `./okta.yaml`, then environment variables, then
 * constructor options, each overriding the one before field by field. Here the sources are supplied
 * in memory (`sources: { env, files }`, as tests do) and `await okta.ready()` loads them up front. At the
 * end, three common mistakes and the `ConfigError` that catches them all at once.
 *
 * Run: `npx deno run -A examples/configuration.ts` (or `node examples/configuration.ts`).
 *
 * @module
 */
import { ConfigError, Okta } from "../mod.ts";
import { createFakeOrg } from "../testing/mod.ts";

function check(ok: unknown, what: string): asserts ok {
  if (!ok) throw new Error(`configuration example: ${what}`);
}
const org = createFakeOrg();
const home = `okta:
  client:
    orgUrl: "https://home-file.okta.com"
    token: "token-from-home-file"
    userAgent: "from-home-file"
    rateLimit:
      maxRetries: 5
`;
const local = `okta:
  client:
    orgUrl: "${org.orgUrl}"
    userAgent: "from-local-file"
`;
const okta = new Okta({
  fetch: org.fetch,
  userAgent: "from-constructor",
  sources: {
    env: { OKTA_CLIENT_TOKEN: org.apiToken, OKTA_CLIENT_RATELIMIT_MAXRETRIES: "1" },
    files: [{ path: "~/.okta/okta.yaml", text: home }, { path: "./okta.yaml", text: local }],
  },
});
await okta.ready(); // reads and validates; a ConfigError here would list every problem

await okta.user.listUsers().toArray();
const sent = org.requests.at(-1)!;
console.log(`orgUrl    ${new URL(sent.url).origin}  (./okta.yaml beat ~/.okta/okta.yaml)`);
console.log(
  `token     ${
    sent.headers.get("authorization") === `SSWS ${org.apiToken}` ? "from env" : "?"
  }  (environment beat ~/.okta/okta.yaml)`,
);
console.log(`userAgent ${sent.headers.get("user-agent")?.split(" ").at(-1)}  (constructor beat both files)`);
check(sent.url.startsWith(org.orgUrl), "orgUrl from ./okta.yaml");
check(sent.headers.get("authorization") === `SSWS ${org.apiToken}`, "token from the environment");
check(sent.headers.get("user-agent")?.endsWith(" from-constructor"), "userAgent from the constructor");

// maxRetries: 5 in the home file, 1 in the environment: one retry, then the 503 is yours.
org.faults.push({ match: "GET /api/v1/users", status: 503, times: 3 });
const before = org.requests.length;
await okta.user.listUsers().toArray().catch(() => undefined);
console.log(`maxRetries ${org.requests.length - before - 1}  (environment beat ~/.okta/okta.yaml)`);
check(org.requests.length - before === 2, "maxRetries from the environment");
org.faults.clear();

// Three newcomer mistakes, caught together before any request: a misspelled key in ./okta.yaml, a variable
// name from another tool, and a token pasted with the "SSWS " of an Authorization header.
const mistaken = new Okta({
  fetch: org.fetch,
  token: `SSWS ${org.apiToken}`,
  sources: {
    env: { OKTA_ORG_URL: org.orgUrl },
    files: [{ path: "./okta.yaml", text: "okta:\n  client:\n    requestTimout: 30\n" }],
  },
});
const error = await mistaken.ready().then(() => undefined, (e) => e);
check(error instanceof ConfigError, "mistakes are a ConfigError");
console.log(error.message);
const messages = error.problems.map((p: { message: string }) => p.message).join("\n");
check(/did you mean requestTimeout\?/.test(messages), "the misspelled YAML key");
check(/did you mean OKTA_CLIENT_ORGURL\?/.test(messages), "the other tool's variable name");
check(/starts with "SSWS ": give the token alone/.test(messages), "the pasted SSWS prefix");
check(!error.message.includes(org.apiToken), "the token is never shown");
