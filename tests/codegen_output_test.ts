/**
 * The generator on a small hand-written spec: what it emits for discriminated unions, enums, nullable
 * and read-only members, generic profiles, and each kind of operation. Runs the emitters in memory
 * (no files, no formatting), so it runs on every runtime.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Analysis } from "../codegen/analysis.ts";
import { generateApi } from "../codegen/api.ts";
import { GENERATED, generateModels } from "../codegen/models.ts";
import { readOperations, requestSchemas } from "../codegen/operations.ts";
import type { Spec } from "../codegen/spec.ts";

const PROSE = "Prose from the vendor that must never be copied";
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ description: PROSE, content: { "application/json": { schema } } });

const spec = {
  paths: {
    "/api/v1/pets": {
      get: {
        operationId: "listPets",
        summary: "List pets",
        description: PROSE,
        tags: ["PetStore"],
        parameters: [{ name: "limit", in: "query", schema: { type: "integer", maximum: 200 } }],
        responses: { "200": json({ type: "array", items: ref("Pet") }) },
        security: [{ apiToken: [] }, { oauth2: ["okta.pets.read"] }],
      },
      post: {
        operationId: "createPet",
        summary: "Create a pet",
        tags: ["PetStore"],
        requestBody: { required: true, ...json(ref("Pet")) },
        responses: { "200": json(ref("Pet")) },
        security: [{ oauth2: ["okta.pets.manage"] }],
      },
    },
    "/api/v1/pets/{petId}": {
      parameters: [{ name: "petId", in: "path", required: true, schema: { type: "string" } }],
      get: {
        operationId: "getPet",
        summary: "Retrieve a pet",
        tags: ["PetStore"],
        parameters: [
          {
            name: "expand",
            in: "query",
            style: "form",
            explode: false,
            schema: { type: "array", items: { type: "string" } },
          },
          { name: "If-None-Match", in: "header", schema: { type: "string" } },
        ],
        responses: { "200": json(ref("Pet")), "404": json(ref("Error")) },
        security: [{ oauth2: ["okta.pets.read"] }],
        "x-okta-lifecycle": { lifecycle: "EA" },
      },
      delete: {
        operationId: "deletePet",
        summary: "Delete a pet",
        tags: ["PetStore"],
        responses: { "204": { description: PROSE } },
        security: [{ apiToken: [] }],
      },
    },
    "/api/v1/pets/{petId}/photo": {
      post: {
        operationId: "uploadPetPhoto",
        summary: "Upload a photo",
        tags: ["PetStore"],
        parameters: [{ name: "petId", in: "path", required: true, schema: { type: "string" } }],
        requestBody: {
          content: {
            "multipart/form-data": {
              schema: { type: "object", properties: { file: { type: "string", format: "binary" } } },
            },
          },
        },
        responses: { "204": { description: PROSE } },
      },
    },
    "/api/v1/owners/{ownerId}": {
      get: {
        operationId: "getOwner",
        summary: "Retrieve an owner",
        tags: ["Owner"],
        parameters: [{ name: "ownerId", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": json(ref("Owner")) },
      },
    },
  },
  components: {
    schemas: {
      Error: { type: "object", description: PROSE, properties: { errorCode: { type: "string" } } },
      Pet: {
        type: "object",
        description: PROSE,
        discriminator: {
          propertyName: "kind",
          mapping: { dog: "#/components/schemas/Dog", cat: "#/components/schemas/Cat" },
        },
        properties: {
          id: { type: "string", readOnly: true, description: PROSE },
          kind: ref("PetKind"),
          name: { type: "string", maxLength: 10, nullable: true, pattern: "^[a-z]+$" },
        },
        required: ["id", "kind"],
      },
      Dog: {
        allOf: [ref("Pet"), { type: "object", properties: { barks: { type: "boolean", default: true } } }],
      },
      Cat: {
        allOf: [ref("Pet"), {
          type: "object",
          properties: { lives: { type: "integer", minimum: 1, maximum: 9 } },
        }],
      },
      PetKind: { type: "string", enum: ["dog", "cat"], description: PROSE },
      UserProfile: { type: "object", additionalProperties: true, properties: { login: { type: "string" } } },
      User: { type: "object", properties: { profile: ref("UserProfile"), id: { type: "string" } } },
      Owner: {
        allOf: [ref("User"), { type: "object", properties: { pets: { type: "array", items: ref("Pet") } } }],
      },
    },
  },
} as unknown as Spec;

const operations = readOperations(spec);
const analysis = new Analysis(spec, requestSchemas(operations));
const models = generateModels(analysis);
const apiFiles = generateApi(analysis, operations);
const squash = (text: string) => text.replace(/\s+/g, " ");

describe("codegen models", () => {
  it("writes one module per schema plus mod.ts, each marked generated", () => {
    assert.deepEqual(
      [...models.keys()].sort(),
      ["cat", "dog", "error", "mod", "owner", "pet", "pet_kind", "user", "user_profile"],
    );
    for (const [name, text] of [...models, ...apiFiles]) {
      assert.ok(text.startsWith(`${GENERATED}\n`), `${name} starts with the generated marker`);
      assert.ok(!text.includes(PROSE), `${name} carries no description prose`);
    }
  });

  it("turns a discriminated base into a union of its variants over a common shape", () => {
    const pet = squash(models.get("pet")!);
    assert.match(pet, /export interface PetCommon \{/);
    assert.match(pet, /export type Pet = Dog \| Cat;/);
    const dog = squash(models.get("dog")!);
    assert.match(
      dog,
      /export interface Dog extends Omit<PetCommon, "kind"> \{|export interface Dog extends PetCommon \{/,
    );
    assert.match(dog, /kind: "dog";/);
    assert.match(dog, /barks\?: boolean;/);
  });

  it("keeps enums open to values added later", () => {
    assert.match(models.get("pet_kind")!, /export type PetKind = "dog" \| "cat" \| \(string & \{\}\);/);
  });

  it("writes request variants of what requests use: enums closed, read-only members left out", () => {
    assert.match(models.get("pet_kind")!, /export type PetKindInput = "dog" \| "cat";/);
    const pet = squash(models.get("pet")!).replace(/\/\*\*.*?\*\/ /g, "");
    assert.match(pet, /export interface PetCommonInput \{ [^}]*kind: PetKindInput;[^}]*\}/);
    assert.doesNotMatch(/export interface PetCommonInput \{[^}]*\}/.exec(pet)![0], /\bid\??:/);
    assert.match(pet, /export type PetInput = DogInput \| CatInput;/);
    assert.match(squash(models.get("dog")!), /export interface DogInput extends PetCommonInput \{/);
    assert.ok(!models.get("owner")!.includes("OwnerInput"), "no variant for what no request uses");
  });

  it("documents facts (required, read-only, constraints) and types nullable members", () => {
    const pet = squash(models.get("pet")!);
    assert.match(pet, /\/\*\* Required\. Read-only[^*]*\*\/ id: string;/);
    assert.match(pet, /Max length 10\. Pattern `\^\[a-z\]\+\$`\.[^*]*\*\/ name\?: string \| null;/);
  });

  it("makes user types generic over the profile, which admits custom attributes", () => {
    assert.match(models.get("user")!, /export interface User<P = UserProfile> \{/);
    assert.match(models.get("user")!, /profile\?: P;/);
    assert.match(models.get("owner")!, /export interface Owner<P = UserProfile> extends User<P> \{/);
    assert.match(models.get("user_profile")!, /\[key: string\]: unknown;/);
  });

  it("re-exports every type from models/mod.ts", () => {
    const mod = models.get("mod")!;
    for (
      const symbol of [
        "Cat",
        "Dog",
        "Error",
        "Owner",
        "Pet",
        "PetCommon",
        "PetKind",
        "PetInput",
        "PetKindInput",
        "User",
        "UserProfile",
      ]
    ) {
      assert.match(mod, new RegExp(`\\b${symbol}\\b`), symbol);
    }
  });
});

describe("codegen api", () => {
  const file = squash(apiFiles.get("pet_store")!);

  it("writes a namespace class per tag with the transport in a private field", () => {
    assert.match(file, /export class PetStoreApi \{ #transport: Transport;/);
    assert.match(squash(apiFiles.get("owner")!), /export class OwnerApi/);
  });

  it("describes each operation as a row of data, which one-line methods hand to call or list", () => {
    assert.match(
      file,
      /const rows = \(\): Operation\[\] => \[ \{ id: "listPets", method: "GET", path: "\/api\/v1\/pets", scopes: \["okta\.pets\.read"\], query: \["limit"\] \},/,
    );
    assert.match(file, /import \{ call, list, type Operation \} from "\.\.\/lib\/invoke\.ts";/);
    assert.match(file, /let ops: Operation\[\];/);
    assert.match(
      file,
      /constructor\(transport: Transport\) \{ this\.#transport = transport; ops \?\?= rows\(\); \}/,
    );
  });

  it("lists arrays with list and sends query parameters", () => {
    assert.match(
      file,
      /listPets\(params\?: ListPetsParams, options\?: CallOptions\): Paginated<Pet> \{ return list\(this\.#transport, ops\[0\], params, options\); \}/,
    );
  });

  it("passes path parameters first, and marks joined arrays and header parameters in the row", () => {
    assert.match(
      file,
      /getPet\(petId: string, params\?: GetPetParams, options\?: CallOptions\): OktaCall<Pet> \{ return call\(this\.#transport, ops\[2\], petId, params, options\); \}/,
    );
    assert.match(
      file,
      /\{ id: "getPet", method: "GET", path: "\/api\/v1\/pets\/\{petId\}", scopes: \["okta\.pets\.read"\], query: \["expand"\], headers: \["If-None-Match"\], joined: \["expand"\] \},/,
    );
  });

  it("types request bodies with request variants, and requires a body whose members are required", () => {
    assert.match(file, /createPet\(body: PetInput, options\?: CallOptions\): OktaCall<Pet>/);
    assert.match(
      file,
      /uploadPetPhoto\(petId: string, body\?: FormData/,
      "no member of the photo is required",
    );
  });

  it("reads no body for 204 and sends multipart uploads as such", () => {
    assert.match(file, /deletePet\(petId: string, options\?: CallOptions\): OktaCall<void>/);
    assert.match(
      file,
      /\{ id: "deletePet", method: "DELETE", path: "\/api\/v1\/pets\/\{petId\}", scopes: \[\], response: "none" \},/,
    );
    assert.match(
      file,
      /\{ id: "uploadPetPhoto", method: "POST", path: "\/api\/v1\/pets\/\{petId\}\/photo", scopes: \[\], body: "multipart", response: "none" \},/,
    );
    assert.match(file, /return call\(this\.#transport, ops\[4\], petId, body, options\);/);
  });

  it("documents title, method and path, scopes, lifecycle and the reference link", () => {
    assert.match(file, /Retrieve a pet: `GET \/api\/v1\/pets\/\{petId\}`/);
    assert.match(file, /OAuth 2\.0 scopes: `okta\.pets\.read`\. Lifecycle: `EA`\./);
    assert.match(file, /tag\/PetStore\/#tag\/PetStore\/operation\/getPet/);
  });

  it("makes methods returning user types generic over the profile", () => {
    assert.match(
      squash(apiFiles.get("owner")!),
      /getOwner<P = UserProfile>\(ownerId: string, options\?: CallOptions\): OktaCall<Owner<P>>/,
    );
  });

  it("writes the operations table and the Okta client with lazy namespaces", () => {
    const table = squash(apiFiles.get("_operations")!);
    assert.match(
      table,
      /getPet: \{ method: "GET", path: "\/api\/v1\/pets\/\{petId\}", tag: "PetStore", namespace: "petStore", summary: "Retrieve a pet", scopes: \["okta\.pets\.read"\], paginated: false, params: \[ \{ name: "petId", in: "path", required: true, type: "string" \}, \{ name: "expand", in: "query", type: "string\[\]" \}, \{ name: "If-None-Match", in: "header", type: "string" \}, \] \}/,
    );
    assert.match(
      table,
      /listPets: \{[^}]*paginated: true, params: \[ \{ name: "limit", in: "query", type: "integer" \}, \] \}/,
    );
    // A body is required when the description says so or when its schema requires a member.
    assert.match(
      table,
      /createPet: \{[^]*?body: \{ kind: "json", mediaType: "application\/json", required: true \} \}/,
    );
    assert.match(
      table,
      /uploadPetPhoto: \{[^]*?body: \{ kind: "multipart", mediaType: "multipart\/form-data" \} \}/,
    );
    // Summaries are the short titles; descriptions are never read.
    assert.ok(!table.includes(PROSE));
    const mod = squash(apiFiles.get("mod")!);
    assert.match(mod, /export class Okta extends OktaClient \{/);
    assert.match(
      mod,
      /get petStore\(\): PetStoreApi \{ return this\.#petStore \?\?= new PetStoreApi\(this\); \}/,
    );
  });
});
