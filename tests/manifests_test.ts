import { describe, it } from "node:test";
import assert from "node:assert/strict";
import deno from "../deno.json" with { type: "json" };
import jsr from "../jsr.json" with { type: "json" };
import pkg from "../package.json" with { type: "json" };
import { VERSION } from "../lib/http/headers.ts";
import { operations } from "../api/_operations.ts";
import { exportsMap } from "../codegen/manifests.ts";
import { snakeCase } from "../codegen/names.ts";

describe("package manifests", () => {
  // deno.json is what `deno publish` reads; package.json is npm's. codegen/ writes the exports of both.
  it("deno.json and package.json agree on name, version, description, licence and exports", () => {
    assert.equal(deno.name, "@oktakit/management");
    assert.equal(pkg.name, deno.name);
    assert.equal(pkg.version, deno.version);
    assert.equal(VERSION, deno.version, "the User-Agent version");
    assert.ok(deno.description.length > 20, "deno.json has a description");
    assert.equal(pkg.description, deno.description);
    assert.equal(pkg.license, deno.license);
    assert.deepEqual(pkg.exports, deno.exports);
  });

  // `deno publish` reads deno.json even when jsr.json is there; jsr.json is kept for tools that read only
  // it, so it must say what deno.json says (codegen/ writes it from deno.json's name and version).
  it("jsr.json equals deno.json in name, version and exports, and says nothing else", () => {
    assert.equal(jsr.name, deno.name);
    assert.equal(jsr.version, deno.version);
    assert.deepEqual(jsr.exports, deno.exports);
    assert.deepEqual(Object.keys(jsr), ["name", "version", "exports"]);
  });

  it("publishes the NOTICE that credits the API description the generated code comes from", () => {
    assert.ok(deno.publish.include.includes("NOTICE"));
  });

  it("has one subpath export per API namespace, plus the main entries", () => {
    const tags = new Set(Object.values(operations).map((op) => op.tag));
    const apiEntries = Object.keys(deno.exports).filter((key) => key.startsWith("./api/"));
    assert.equal(apiEntries.length, tags.size);
    for (const key of [".", "./core", "./auth", "./models", "./testing"]) assert.ok(key in deno.exports, key);
  });

  it("lists exactly the generator's table: the hand-written entries, then the namespaces", () => {
    const files = [...new Set(Object.values(operations).map((op) => snakeCase(op.tag)))];
    // Entries, not objects: the order is part of the table.
    assert.deepEqual(Object.entries(deno.exports), Object.entries(exportsMap(files)));
  });

  it("maps @std/yaml to the npm yaml package in both deno.json and package.json", () => {
    assert.match(deno.imports["@std/yaml"], /^npm:yaml@/);
    assert.match(pkg.dependencies["@std/yaml"], /^npm:yaml@/);
  });
});
