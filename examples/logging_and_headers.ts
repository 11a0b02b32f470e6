/**
 * Logging and headers: a custom logger that captures the client's log lines (the API token never
 * appears: it is redacted), custom headers on every request (set, get, clear) or on one call, and your
 * own `userAgent` suffix. Runs against the in-memory fake org.
 *
 * Run: `npx deno run -A examples/logging_and_headers.ts` (or `node examples/logging_and_headers.ts`).
 *
 * @module
 */
import { type Logger, Okta } from "../mod.ts";
import { createFakeOrg } from "../testing/mod.ts";

function check(ok: unknown, what: string): asserts ok {
  if (!ok) throw new Error(`logging example: ${what}`);
}
const org = createFakeOrg();
const lines: string[] = [];
const capture = (level: string) => (message: string, data?: Record<string, unknown>) =>
  void lines.push(`${level} ${message}${data ? ` ${JSON.stringify(data)}` : ""}`);
const logger: Logger = {
  debug: capture("DEBUG"),
  info: capture("INFO"),
  warn: capture("WARN"),
  error: capture("ERROR"),
};
const okta = new Okta({
  orgUrl: org.orgUrl,
  token: org.apiToken,
  fetch: org.fetch,
  sources: false,
  userAgent: "inventory-sync/1.4",
  logging: { enabled: true, logLevel: "DEBUG", logger },
});

okta.headers.set("X-Correlation-Id", "run-42");
console.log(`custom header: ${okta.headers.get("x-correlation-id")}`);
await okta.user.listUsers({ limit: 1 }).toArray({ max: 1 });
await okta.group.listGroups({ limit: 1 }, { headers: { "X-Trace": "one-call" } }).toArray({ max: 1 });
okta.headers.clear();
await okta.user.listUsers({ limit: 1 }).toArray({ max: 1 });

const [first, second, third] = org.requests.slice(-3);
console.log(`User-Agent: ${first.headers.get("user-agent")}`);
console.log(
  `sent: ${first.headers.get("x-correlation-id")}, ${second.headers.get("x-trace")}, after clear: ${
    third.headers.get("x-correlation-id")
  }`,
);
check(first.headers.get("user-agent")?.endsWith(" inventory-sync/1.4"), "userAgent appended");
check(
  first.headers.get("x-correlation-id") === "run-42" && second.headers.get("x-trace") === "one-call",
  "headers",
);
check(third.headers.get("x-correlation-id") === null, "clear() removes the custom headers");

console.log(`captured ${lines.length} log lines, e.g.:`);
for (const line of lines.filter((l) => l.startsWith("INFO")).slice(0, 2)) {
  console.log(`  ${line.slice(0, 140)}`);
}
const all = lines.join("\n");
check(
  lines.some((l) => l.startsWith("INFO")) && lines.some((l) => l.startsWith("DEBUG")),
  "INFO and DEBUG lines",
);
check(!all.includes(org.apiToken), "the API token never reaches the logs");
check(!JSON.stringify(okta).includes(org.apiToken), "nor JSON.stringify(okta)");
console.log("the API token appears in no log line and not in JSON.stringify(okta)");
