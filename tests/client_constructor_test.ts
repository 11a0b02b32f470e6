/** What the constructor says when it is given something other than options (issue 18, item 16). */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Okta } from "../api/mod.ts";
import { OktaClient } from "../mod.ts";

describe("the constructor's argument", () => {
  it("new Okta(null) is a TypeError that says what the constructor takes, not a V8 property error", () => {
    for (const make of [() => new Okta(null as never), () => new OktaClient(null as never)]) {
      assert.throws(make, (error: Error) => {
        assert.ok(error instanceof TypeError);
        assert.doesNotMatch(error.message, /Cannot read properties|null is not an object/);
        assert.match(error.message, /takes an options object/);
        assert.match(error.message, /given null/);
        return true;
      });
    }
  });

  it("a string (an org URL passed alone) is named, and its value is not repeated", () => {
    assert.throws(() => new Okta("https://dev-1.okta.com?token=secret" as never), (error: Error) => {
      assert.match(error.message, /given a string/);
      assert.doesNotMatch(error.message, /secret/);
      return true;
    });
  });

  it("no argument still reads the configuration sources", () => {
    assert.doesNotThrow(() => new Okta());
    assert.doesNotThrow(() => new Okta(undefined));
  });
});
