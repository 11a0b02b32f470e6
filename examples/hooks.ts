/**
 * Hooks: your own code around every attempt of every call. Here, one log line per attempt with the
 * operation, the status, the time it took, Okta's request id and the retry count: a 503 the client retries
 * shows as two lines. Runs against the in-memory fake org.
 *
 * Run: `npx deno run -A examples/hooks.ts` (or `node examples/hooks.ts`).
 *
 * @module
 */
import { type AttemptResult, Okta } from "../mod.ts";
import { createFakeOrg } from "../testing/mod.ts";

function check(ok: unknown, what: string): asserts ok {
  if (!ok) throw new Error(`hooks example: ${what}`);
}
const org = createFakeOrg();
const [ada] = org.seed({
  users: [{
    profile: { login: "ada@example.com", email: "ada@example.com", firstName: "Ada", lastName: "L" },
  }],
}).userIds;

const log: string[] = [];
const line = (info: AttemptResult, outcome: string) =>
  `${info.operationId ?? "request"} ${info.method} ${new URL(info.url).pathname} ${outcome} in ${
    info.durationMs.toFixed(1)
  } ms${info.retryCount ? ` (retry ${info.retryCount})` : ""}`;

const okta = new Okta({
  orgUrl: org.orgUrl,
  token: org.apiToken,
  fetch: org.fetch,
  sources: false,
  hooks: {
    afterResponse(response, info) {
      log.push(line(info, `${response.status} request-id=${response.headers.get("x-okta-request-id")}`));
    },
    onError(error, info) {
      log.push(line(info, `failed: ${(error as Error).message}`));
    },
  },
});

await okta.user.getUser(ada);
org.faults.push({ match: "GET /api/v1/groups", status: 503, times: 1 });
await okta.group.listGroups().toArray();
for (const entry of log) console.log(entry);

check(log.length === 3, "one line per attempt: getUser, then listGroups twice");
check(/^getUser GET \/api\/v1\/users\/\S+ 200 request-id=\S+ in [\d.]+ ms$/.test(log[0]), log[0]);
check(/^listGroups GET \/api\/v1\/groups 503 .* ms$/.test(log[1]), log[1]);
check(/^listGroups GET \/api\/v1\/groups 200 .*\(retry 1\)$/.test(log[2]), log[2]);
