/**
 * Retries and rate limits: a 429 is waited out and retried transparently (the retry carries
 * `X-Okta-Retry-For` and `X-Okta-Retry-Count`); `rateLimit.maxRetries: 0` turns retries off; a 503 on a
 * GET is retried with backoff; `requestTimeout` bounds a whole call; an `AbortSignal` cancels one.
 *
 * Run: `npx deno run -A examples/retries_and_rate_limits.ts` (takes about two seconds: the 429 wait).
 *
 * @module
 */
import { Okta, RateLimitError, TimeoutError } from "../mod.ts";
import { createFakeOrg } from "../testing/mod.ts";

function check(ok: unknown, what: string): asserts ok {
  if (!ok) throw new Error(`retries example: ${what}`);
}
const org = createFakeOrg();
const base = { orgUrl: org.orgUrl, token: org.apiToken, fetch: org.fetch, sources: false } as const;
const okta = new Okta(base);
const login = "ada@example.com";
const ada = await okta.user.createUser({ profile: { login, email: login, firstName: "Ada", lastName: "L" } });

// 429: the client waits until X-Rate-Limit-Reset (by the server's Date) plus a second, then retries.
org.faults.push({ match: "GET /api/v1/users/*", status: 429 });
let mark = org.requests.length;
const user = await okta.user.getUser(ada.id!);
const [limited, retry] = org.requests.slice(mark);
console.log(`429 then ${retry.status}: got ${user.profile?.login}`);
console.log(
  `  retry headers: for=${retry.headers.get("x-okta-retry-for")} count=${
    retry.headers.get("x-okta-retry-count")
  }`,
);
check(
  limited.status === 429 && retry.status === 200 && retry.headers.get("x-okta-retry-count") === "1",
  "429",
);

// maxRetries: 0 hands you the 429 at once, as a RateLimitError (as is a 429 after the last retry).
const noRetry = new Okta({ ...base, rateLimit: { maxRetries: 0 } });
org.faults.push({ match: "GET /api/v1/users/*", status: 429 });
const refused = await noRetry.user.getUser(ada.id!).catch((error) => error);
console.log(
  `maxRetries 0: ${refused.status} ${refused.errorCode}, ${refused.attempts} attempt, ${refused.bucket}`,
);
check(refused instanceof RateLimitError && refused.status === 429, "no retry with maxRetries 0");

// 503 on a GET (idempotent): retried with jittered backoff.
org.faults.push({ match: "GET /api/v1/users/*", status: 503, times: 2 });
mark = org.requests.length;
await okta.user.getUser(ada.id!);
const statuses = org.requests.slice(mark).map((r) => r.status);
console.log(`503 retried: ${statuses.join(" -> ")}`);
check(statuses.join(",") === "503,503,200", "two 503s then success");

// requestTimeout (seconds) bounds the whole call, retries and waits included.
org.latencyMs = 1500;
const timed = new Okta({ ...base, requestTimeout: 1 });
const timeout = await timed.user.getUser(ada.id!).catch((error) => error);
console.log(`requestTimeout: ${timeout.name}: ${timeout.message}`);
check(timeout instanceof TimeoutError, "a TimeoutError after one second");

// An AbortSignal on any call (the last argument) cancels it, a wait included.
const aborted = await okta.user.getUser(ada.id!, {}, { signal: AbortSignal.timeout(100) }).catch((e) => e);
console.log(`aborted: ${aborted.name}`);
check(aborted instanceof DOMException && aborted.name === "TimeoutError", "the signal's reason is thrown");
org.latencyMs = 0;
