import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseLinkHeader } from "../lib/http/link.ts";

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
