/**
 * The API description the project carries (`spec/okta-management.json`): structure only, with its
 * provenance, and the mends the Prism conformance check applies to it. Imported as a module, so it runs
 * on every runtime.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import spec from "../spec/okta-management.json" with { type: "json" };
import {
  extractSpec,
  isObject,
  type Json,
  type Provenance,
  serializeSpec,
  SOURCE_KEY,
} from "../scripts/spec_extract.ts";
import { caseless, mendForPrism } from "../scripts/spec_prism.ts";

const extract = spec as unknown as Json;
const PROSE = new Set(["description", "example", "examples", "title", "externalDocs"]);

/** Every key used as an OpenAPI keyword (not as a member name inside `properties`), with where it is. */
function keywords(value: unknown, at = "#", out: [string, string][] = []): [string, string][] {
  if (Array.isArray(value)) value.forEach((v, i) => keywords(v, `${at}/${i}`, out));
  if (!isObject(value)) return out;
  for (const [key, child] of Object.entries(value)) {
    out.push([key, `${at}/${key}`]);
    if (key === "properties" && isObject(child)) {
      for (const [name, member] of Object.entries(child)) keywords(member, `${at}/properties/${name}`, out);
    } else if (key !== "enum" && key !== "default") {
      keywords(child, `${at}/${key}`, out);
    }
  }
  return out;
}

const source: Provenance = {
  repository: "okta/okta-management-openapi-spec",
  file: "dist/current/management-oneOfInheritance.yaml",
  commit: "abc1234",
  date: "2026-01-01",
  apiVersion: "1",
  license: "Apache-2.0",
  sha256: "0".repeat(64),
};

describe("spec/okta-management.json", () => {
  it("records where it comes from: Okta's repository, file, commit, API version and licence", () => {
    const s = extract[SOURCE_KEY] as Provenance & { changes: string };
    assert.equal(s.repository, "okta/okta-management-openapi-spec");
    assert.equal(s.file, "dist/current/management-oneOfInheritance.yaml");
    assert.match(s.commit, /^[0-9a-f]{7,40}$/);
    assert.match(s.date, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(s.apiVersion, (extract.info as { version: string }).version);
    assert.equal(s.license, "Apache-2.0");
    assert.match(s.sha256, /^[0-9a-f]{64}$/);
    assert.match(s.changes, /scripts\/update_spec\.ts/);
  });

  it("carries no prose or examples: no description, example(s), title or externalDocs keywords", () => {
    // The document's own name (`info.title`) is kept.
    const found = keywords(extract).filter(([key, at]) => PROSE.has(key) && at !== "#/info/title")
      .map(([, at]) => at);
    assert.deepEqual(found.slice(0, 5), []);
  });

  it("keeps no vendor extension but x-okta-lifecycle (and its own provenance)", () => {
    const extensions = new Set(keywords(extract).map(([key]) => key).filter((key) => key.startsWith("x-")));
    assert.deepEqual([...extensions].sort(), ["x-okta-lifecycle", SOURCE_KEY]);
  });

  it("keeps the structure the generator reads: 732 operations, 121 tags, 1,541 schemas", () => {
    const ops = Object.values(extract.paths as Record<string, Json>).flatMap((item) =>
      ["get", "put", "post", "delete", "patch"].map((m) => item[m] as Json | undefined).filter((op) => op)
    ) as Json[];
    assert.equal(ops.length, 732);
    assert.ok(ops.every((op) => typeof op.operationId === "string" && typeof op.summary === "string"));
    assert.equal((extract.tags as unknown[]).length, 121);
    assert.equal(Object.keys((extract.components as { schemas: Json }).schemas).length, 1541);
  });

  it("round-trips through its own layout", () => {
    assert.deepEqual(JSON.parse(serializeSpec(extract)), extract);
  });
});

describe("extractSpec", () => {
  const upstream = {
    openapi: "3.0.3",
    info: { title: "T", description: "prose", version: "1", license: { name: "Apache-2.0" }, "x-logo": {} },
    tags: [{ name: "Pets", description: "prose", "x-displayName": "Pets" }],
    paths: {
      "/pets": {
        get: {
          summary: "List pets",
          description: "prose",
          operationId: "listPets",
          tags: ["Pets"],
          "x-okta-lifecycle": { lifecycle: "EA" },
          "x-okta-iam-permissions": ["p"],
          parameters: [{
            name: "q",
            in: "query",
            description: "prose",
            example: "x",
            schema: { type: "string" },
          }],
          responses: {
            "200": {
              description: "prose",
              content: {
                "application/json": {
                  examples: { one: { value: {} } },
                  schema: { $ref: "#/components/schemas/Pet" },
                },
              },
            },
          },
          security: [{ oauth2: ["okta.pets.read"] }],
        },
      },
    },
    components: {
      examples: { one: { value: { description: "kept? no" } } },
      schemas: {
        Pet: {
          title: "A pet",
          description: "prose",
          type: "object",
          properties: {
            description: { type: "string", description: "prose", example: "x", maxLength: 10 },
            kind: { type: "string", enum: ["cat", "dog"], "x-enumDescriptions": { cat: "prose" } },
          },
        },
      },
      securitySchemes: {
        oauth2: {
          type: "oauth2",
          description: "prose",
          flows: {
            authorizationCode: {
              authorizationUrl: "/a",
              tokenUrl: "/t",
              scopes: { "okta.pets.read": "prose" },
            },
          },
        },
      },
    },
  };

  it("keeps structure, a member named description, summaries and x-okta-lifecycle; drops the prose", () => {
    const { spec: out, dropped } = extractSpec(upstream, source);
    assert.deepEqual(out, {
      openapi: "3.0.3",
      info: { title: "T", version: "1", license: { name: "Apache-2.0" } },
      [SOURCE_KEY]: { ...source, changes: (out[SOURCE_KEY] as { changes: string }).changes },
      tags: [{ name: "Pets" }],
      paths: {
        "/pets": {
          get: {
            summary: "List pets",
            operationId: "listPets",
            tags: ["Pets"],
            "x-okta-lifecycle": { lifecycle: "EA" },
            parameters: [{ name: "q", in: "query", schema: { type: "string" } }],
            responses: {
              "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } },
            },
            security: [{ oauth2: ["okta.pets.read"] }],
          },
        },
      },
      components: {
        schemas: {
          Pet: {
            type: "object",
            properties: {
              description: { type: "string", maxLength: 10 },
              kind: { type: "string", enum: ["cat", "dog"] },
            },
          },
        },
        securitySchemes: {
          oauth2: {
            type: "oauth2",
            flows: {
              authorizationCode: { authorizationUrl: "/a", tokenUrl: "/t", scopes: { "okta.pets.read": "" } },
            },
          },
        },
      },
    });
    assert.equal(dropped.get("description"), 8);
    assert.equal(dropped.get("examples"), 2);
  });

  it("stops at a key it does not know, so a refresh cannot drop structure silently", () => {
    const odd = structuredClone(upstream) as unknown as { components: { schemas: { Pet: Json } } };
    odd.components.schemas.Pet.patternProperties = {};
    assert.throws(() => extractSpec(odd, source), /Pet\/patternProperties: unknown key/);
  });
});

describe("mendForPrism", () => {
  const { spec: mended, mends } = mendForPrism(extract);

  it("makes the mends the upstream defects call for, and no others", () => {
    assert.deepEqual(mends, { enums: 2, patterns: 5, nullables: 82, discriminated: 99 });
    assert.notDeepEqual(mended, extract, "works on a copy");
    const again = mendForPrism(mended).mends;
    assert.deepEqual(again, { enums: 0, patterns: 0, nullables: 0, discriminated: 99 }, "already pinned");
  });

  it("leaves no repeated enum item, (?i) pattern or nullable: false", () => {
    const bad: string[] = [];
    const visit = (v: unknown, at: string): void => {
      if (Array.isArray(v)) return v.forEach((x, i) => visit(x, `${at}/${i}`));
      if (!isObject(v)) return;
      if (Array.isArray(v.enum) && new Set(v.enum).size !== v.enum.length) bad.push(`${at}/enum`);
      if (typeof v.pattern === "string" && v.pattern.includes("(?i)")) bad.push(`${at}/pattern`);
      if (v.nullable === false) bad.push(`${at}/nullable`);
      for (const [k, x] of Object.entries(v)) if (k !== "default") visit(x, `${at}/${k}`);
    };
    visit(mended, "#");
    assert.deepEqual(bad, []);
  });

  it("pins each discriminated branch to the values that select it", () => {
    const apps = (mended.paths as Record<string, { post: Json }>)["/api/v1/apps"].post;
    const schema =
      ((apps.requestBody as Json).content as Record<string, { schema: Json }>)["application/json"]
        .schema;
    const bookmark = (schema.oneOf as Json[]).find((b) => JSON.stringify(b).includes("BookmarkApplication"));
    assert.deepEqual(bookmark, {
      allOf: [
        { $ref: "#/components/schemas/BookmarkApplication" },
        { properties: { signOnMode: { enum: ["BOOKMARK"] } } },
      ],
    });
  });

  it("spells (?i) patterns out in both cases", () => {
    const uuid = "^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$";
    const spelled = caseless(uuid);
    assert.equal(
      spelled,
      "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$",
    );
    for (const id of ["0f8fad5b-d9cb-469f-a165-70867728950e", "0F8FAD5B-D9CB-469F-A165-70867728950E"]) {
      assert.match(id, new RegExp(spelled));
    }
    assert.equal(caseless("^ab\\d[X-Z]$"), "^[aA][bB]\\d[X-Zx-z]$");
  });
});
