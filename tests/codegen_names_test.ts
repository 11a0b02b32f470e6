/** Naming and doc-safety rules of the generator. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { lowerCamel, propertyKey, snakeCase, variableName } from "../codegen/names.ts";
import { clean, code, jsdoc } from "../codegen/docs.ts";
import { enumType } from "../codegen/types.ts";

describe("codegen names", () => {
  it("names namespaces in lowerCamelCase, lowering leading acronyms", () => {
    const cases: Record<string, string> = {
      User: "user",
      UserLifecycle: "userLifecycle",
      CAPTCHA: "captcha",
      SSFReceiver: "ssfReceiver",
      UISchema: "uiSchema",
      OAuth2ResourceServerCredentialsKeys: "oAuth2ResourceServerCredentialsKeys",
      RoleBTargetBGroup: "roleBTargetBGroup",
      ApiToken: "apiToken",
    };
    for (const [tag, expected] of Object.entries(cases)) assert.equal(lowerCamel(tag), expected, tag);
  });

  it("names files in snake_case", () => {
    assert.equal(snakeCase("UserLifecycle"), "user_lifecycle");
    assert.equal(snakeCase("SSFReceiver"), "ssf_receiver");
    assert.equal(snakeCase("BASIC_SMTP_AUTH"), "basic_smtp_auth");
    assert.equal(snakeCase("_embedded"), "embedded");
  });

  it("quotes keys that are not identifiers and makes safe variables", () => {
    assert.equal(propertyKey("_links"), "_links");
    assert.equal(propertyKey("If-Match"), '"If-Match"');
    assert.equal(variableName("If-Match"), "IfMatch");
    assert.equal(variableName("default"), "default_");
  });
});

describe("codegen docs", () => {
  it("cannot end a comment early or start a tag from spec values", () => {
    assert.equal(clean("a*/b"), "a*\\/b");
    assert.equal(clean("{@link x}"), "{\\@link x}");
    assert.equal(code("^a`b$"), "`` ^a`b$ ``");
    assert.ok(!jsdoc([`Pattern ${code("/*/")}.`]).slice(3, -4).includes("*/"));
  });

  it("keeps enums open, numbers with numbers, booleans closed", () => {
    assert.equal(enumType(["A", "B", "A"], "string"), '"A" | "B" | (string & {})');
    assert.equal(enumType([1, 2], "integer"), "1 | 2 | (number & {})");
    assert.equal(enumType([true], "boolean"), "true");
  });
});
