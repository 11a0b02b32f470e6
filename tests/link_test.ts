import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseLinkHeader } from "../lib/link.ts";

describe("parseLinkHeader", () => {
  it("reads next and self from joined header lines", () => {
    const links = parseLinkHeader(
      '<https://x.okta.com/api/v1/users?limit=2>; rel="self", <https://x.okta.com/api/v1/users?after=00u2&limit=2>; rel="next"',
    );
    assert.equal(links.self, "https://x.okta.com/api/v1/users?limit=2");
    assert.equal(links.next, "https://x.okta.com/api/v1/users?after=00u2&limit=2");
  });
  it("has no next on the last page or a missing header", () => {
    assert.equal(parseLinkHeader('<https://x/api?limit=2>; rel="self"').next, undefined);
    assert.equal(parseLinkHeader(null).next, undefined);
    assert.equal(parseLinkHeader("garbage").next, undefined);
  });
});

describe("parseLinkHeader: RFC 8288 beyond Okta's own shape", () => {
  it("a quoted comma or semicolon in a parameter before rel does not hide the next link", () => {
    const links = parseLinkHeader(
      '<https://x/a?limit=2>; title="users, page 1; first"; rel="self", ' +
        '<https://x/a?after=2>; title="a, b"; rel="next"',
    );
    assert.equal(links.self, "https://x/a?limit=2");
    assert.equal(links.next, "https://x/a?after=2");
  });

  it("reads rel in any case, unquoted, with escapes and several relations", () => {
    const links = parseLinkHeader(
      '<https://x/1>; REL=next; title="say \\"hi\\"", <https://x/2>; rel="prev last"',
    );
    assert.equal(links.next, "https://x/1");
    assert.equal(links.all.prev, "https://x/2");
    assert.equal(links.all.last, "https://x/2");
  });

  it("resolves relative targets against the response's URL", () => {
    const base = "https://x.okta.com/api/v1/users?limit=2";
    assert.equal(
      parseLinkHeader('</api/v1/users?after=9>; rel="next"', base).next,
      "https://x.okta.com/api/v1/users?after=9",
    );
    assert.equal(
      parseLinkHeader('<users?after=9>; rel="next"', base).next,
      "https://x.okta.com/api/v1/users?after=9",
    );
    assert.equal(parseLinkHeader('</api/v1/users?after=9>; rel="next"').next, "/api/v1/users?after=9");
  });
});
