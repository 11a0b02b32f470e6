/**
 * Following the System Log: `okta.tailLogs()` yields events from `since` on and then new ones as they
 * happen, polling at an interval through the client's usual path (auth, rate limits, retries), until its
 * signal aborts. A plain `listLogEvents({ since })` ends once caught up. Runs against the in-memory fake
 * org and ends by itself.
 *
 * Run: `npx deno run -A examples/system_log_tail.ts` (or `node examples/system_log_tail.ts`).
 *
 * @module
 */
import { Okta } from "../mod.ts";
import { createFakeOrg } from "../testing/mod.ts";

function check(ok: unknown, what: string): asserts ok {
  if (!ok) throw new Error(`system log example: ${what}`);
}
const org = createFakeOrg({ clock: "real" });
const okta = new Okta({ orgUrl: org.orgUrl, token: org.apiToken, fetch: org.fetch, sources: false });
const since = new Date(Date.now() - 1000).toISOString();
const person = (name: string) => ({
  profile: {
    login: `${name}@example.com`,
    email: `${name}@example.com`,
    firstName: name,
    lastName: "Example",
  },
});

await okta.user.createUser(person("ada"), { activate: false });

// Catching up: the listing ends at the first empty page, although Okta always sends a next link here.
const backlog = await okta.systemLog.listLogEvents({ since }).toArray();
console.log(`backlog: ${backlog.length} event(s)`);
check(backlog.length === 1, "one event so far");

// Following: new events arrive while we tail; stop after three, or after five seconds at most.
const stop = new AbortController();
const giveUp = setTimeout(() => stop.abort(), 5000);
const newcomers = ["grace", "alan"];
const seen: string[] = [];
for await (const event of okta.tailLogs({ since, interval: 0.1, signal: stop.signal })) {
  console.log(`${event.published} ${event.eventType} ${event.target?.[0]?.alternateId ?? ""}`);
  seen.push(event.eventType ?? "");
  const next = newcomers.shift();
  if (next) await okta.user.createUser(person(next), { activate: false }); // happens "elsewhere"
  if (seen.length === 3) stop.abort();
}
clearTimeout(giveUp);
check(seen.length === 3, "three events tailed");
console.log("tail stopped");
