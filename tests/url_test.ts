import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { buildUrl, withCallerQuery } from "../lib/http/url.ts";
import { parseLinkHeader } from "../lib/link.ts";
import { paginated } from "../lib/paginate.ts";

const ORG = "https://dev-1.okta.com";

describe("URLs of list pages, read as text where that is safe", () => {
  it("follows a next link on the org as given, and refuses look-alike hosts", () => {
    const next = `${ORG}/api/v1/users?after=00u2&limit=200`;
    assert.equal(buildUrl(ORG, next), next);
    for (const foreign of [`${ORG}.evil.test/api/v1/users`, `${ORG}@evil.test/api/v1/users`]) {
      assert.throws(() => buildUrl(ORG, foreign), /Refusing to send credentials/);
    }
  });

  it("keeps a cursor that echoes the caller's parameters, and adds back the ones it dropped", () => {
    const cursor = `${ORG}/api/v1/users?after=00u2&limit=200&expand=x`;
    assert.equal(withCallerQuery(cursor, { limit: 200, expand: "x", search: undefined }), cursor);
    assert.equal(
      withCallerQuery(`${ORG}/api/v1/users?after=00u2`, { limit: 200, expand: "x" }),
      `${ORG}/api/v1/users?after=00u2&limit=200&expand=x`,
    );
  });

  it("resolves relative Link targets and leaves absolute ones as they are", () => {
    const header = `</api/v1/users?after=b>; rel="next", <${ORG}/api/v1/users>; rel="self"`;
    const links = parseLinkHeader(header, `${ORG}/api/v1/users?limit=2`);
    assert.equal(links.next, `${ORG}/api/v1/users?after=b`);
    assert.equal(links.self, `${ORG}/api/v1/users`);
  });

  it("gives a page's after value decoded as a query string, and malformed ones as they are", async () => {
    const afters: (string | undefined)[] = [];
    const cursors = [`${ORG}/x?limit=1&after=a%2Bb+c`, `${ORG}/x?after=%zz`, undefined];
    let i = 0;
    const list = paginated<number>((_url) => {
      const next = cursors[i++];
      const headers = new Headers(next ? { link: `<${next}>; rel="next"` } : {});
      return Promise.resolve({ items: [i], response: new Response("[]", { headers }) });
    });
    for await (const page of list.pages()) afters.push(page.after);
    assert.deepEqual(afters, ["a+b c", "%zz", undefined]);
  });
});
