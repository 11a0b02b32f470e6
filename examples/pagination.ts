/**
 * Pagination: every list is an async iterable of items; `.pages()` gives whole pages (numbered, with the
 * next page's URL and `after` cursor, and a `resumeCursor` to continue from later with `pages({ from })`,
 * even after a complete loop); `toArray({ max, maxPages })` collects up to a bound; `limit` sets the page
 * size. Runs against the in-memory fake org.
 *
 * Run: `npx deno run -A examples/pagination.ts` (or `node examples/pagination.ts`).
 *
 * @module
 */
import { Okta } from "../mod.ts";
import { createFakeOrg } from "../testing/mod.ts";

function check(ok: unknown, what: string): asserts ok {
  if (!ok) throw new Error(`pagination example: ${what}`);
}
const org = createFakeOrg();
org.seed({
  users: Array.from({ length: 25 }, (_, i) => {
    const login = `user${String(i).padStart(2, "0")}@example.com`;
    return { profile: { login, email: login, firstName: "User", lastName: `${i}` } };
  }),
});
const okta = new Okta({ orgUrl: org.orgUrl, token: org.apiToken, fetch: org.fetch, sources: false });

// Items, fetched lazily page by page (10 per page here).
let count = 0;
for await (const _user of okta.user.listUsers({ limit: 10 })) count++;
console.log(`iterated ${count} users`);
check(count === 25, "all 25 users");

// Whole pages, numbered, with the next page's `after` cursor.
const sizes: number[] = [];
let saved: string | undefined;
for await (const page of okta.user.listUsers({ limit: 10 }).pages()) {
  sizes.push(page.items.length);
  if (page.number === 1) saved = page.resumeCursor; // e.g. store it and stop here
  console.log(`page ${page.number}: ${page.items.length} users, next after=${page.after ?? "(end)"}`);
}
check(sizes.join(",") === "10,10,5" && saved !== undefined, "three pages, a cursor after the first");

// Resume later from the saved cursor: pages 2 and 3 only.
const resumed: number[] = [];
for await (const page of okta.user.listUsers({ limit: 10 }).pages({ from: saved })) {
  resumed.push(page.items.length);
}
console.log(`resumed from the cursor: ${resumed.join(" + ")} more`);
check(resumed.join(",") === "10,5", "resume skips the first page");

// Resume after a complete loop: the last page's resumeCursor is its own URL, so a later run reads that
// page again and then what was added since. Ids already handled are skipped.
const handled = new Set<string>();
let cursor: string | undefined;
for await (const page of okta.user.listUsers({ limit: 10 }).pages()) {
  for (const user of page.items) handled.add(user.id!);
  cursor = page.resumeCursor;
}
org.seed({
  users: ["late1", "late2"].map((n) => ({
    profile: { login: `${n}@example.com`, email: `${n}@example.com`, firstName: "Late", lastName: n },
  })),
});
const added: string[] = [];
for await (const page of okta.user.listUsers({ limit: 10 }).pages({ from: cursor })) {
  for (const user of page.items) if (!handled.has(user.id!)) added.push(String(user.profile?.login));
  cursor = page.resumeCursor;
}
console.log(`resumed after a complete loop: ${added.join(", ")}`);
check(added.join(",") === "late1@example.com,late2@example.com", "only the users added since");

// A bounded collection: only as many pages as needed are fetched.
const before = org.requests.length;
const first12 = await okta.user.listUsers({ limit: 5 }).toArray({ max: 12 });
console.log(`toArray({ max: 12 }): ${first12.length} users in ${org.requests.length - before} requests`);
check(first12.length === 12 && org.requests.length - before === 3, "12 items from 3 pages of 5");
const twoPages = await okta.user.listUsers({ limit: 5 }).toArray({ maxPages: 2 });
check(twoPages.length === 10, "maxPages: 2 pages of 5");
