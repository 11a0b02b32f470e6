/**
 * Pagination: every list is an async iterable of items; `.pages()` gives whole pages with a
 * `nextCursor` you can save and resume from with `pages({ from })`; `toArray({ max })` collects up to a
 * bound; `limit` sets the page size. Runs against the in-memory fake org.
 *
 * Run: `deno run -A examples/pagination.ts` (or `node examples/pagination.ts`).
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

// Whole pages, and the cursor after each.
const sizes: number[] = [];
let saved: string | undefined;
for await (const page of okta.user.listUsers({ limit: 10 }).pages()) {
  sizes.push(page.items.length);
  if (sizes.length === 1) saved = page.nextCursor; // e.g. store it and stop here
}
console.log(`pages of ${sizes.join(" + ")}; cursor after page 1: ${saved}`);
check(sizes.join(",") === "10,10,5" && saved !== undefined, "three pages, a cursor after the first");

// Resume later from the saved cursor: pages 2 and 3 only.
const resumed: number[] = [];
for await (const page of okta.user.listUsers({ limit: 10 }).pages({ from: saved })) {
  resumed.push(page.items.length);
}
console.log(`resumed from the cursor: ${resumed.join(" + ")} more`);
check(resumed.join(",") === "10,5", "resume skips the first page");

// A bounded collection: only as many pages as needed are fetched.
const before = org.requests.length;
const first12 = await okta.user.listUsers({ limit: 5 }).toArray({ max: 12 });
console.log(`toArray({ max: 12 }): ${first12.length} users in ${org.requests.length - before} requests`);
check(first12.length === 12 && org.requests.length - before === 3, "12 items from 3 pages of 5");
