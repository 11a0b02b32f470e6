/**
 * The structure-only extract of Okta's OpenAPI description that the project carries in `spec/`: every
 * path, operation, parameter, body, response, schema, enum, format, constraint, server and security
 * scheme, the operations' short `summary` labels and the tag names; none of Okta's prose (`description`,
 * `title`), no `example`/`examples`, and no vendor extension except `x-okta-lifecycle` (the one the
 * generator reads). Pure functions over parsed JSON, so the tests can run them on every runtime.
 *
 * Each OpenAPI object is read by a walker that names the keys it keeps and the keys it drops; any other
 * key stops the extraction, so a refresh can neither lose structure nor let prose in unnoticed.
 *
 * @module
 */

/** A JSON object. */
export type Json = Record<string, unknown>;

/** Where the upstream file comes from; recorded under {@linkcode SOURCE_KEY} in the extract. */
export interface Provenance {
  /** The GitHub repository, `owner/name`. */
  repository: string;
  /** The file's path in that repository. */
  file: string;
  /** The commit the file was taken from (abbreviated hash). */
  commit: string;
  /** The commit's date, `YYYY-MM-DD`. */
  date: string;
  /** The API version the file describes (its `info.version`). */
  apiVersion: string;
  /** The file's licence, as an SPDX identifier. */
  license: string;
  /** SHA-256 of the upstream file's bytes, hex. */
  sha256: string;
}

/** The top-level key of the extract that records its provenance. */
export const SOURCE_KEY = "x-oktakit-source";

/** What was changed from the upstream file, stated in the extract (Apache-2.0 asks for such a notice). */
export const CHANGES = "Extracted by oktakit's scripts/update_spec.ts: descriptions, titles, examples, " +
  "external docs, contact details and vendor extensions other than x-okta-lifecycle removed; OAuth scope " +
  "explanations emptied; tags reduced to their names. Paths, operations, schemas and constraints unchanged.";

/** The vendor extensions kept (everything else starting with `x-` is dropped). */
const KEPT_EXTENSIONS = new Set(["x-okta-lifecycle"]);

/** Keys that are prose or samples wherever they appear as an OpenAPI keyword. */
const PROSE = ["description", "summary", "title", "example", "examples", "externalDocs"];

const SCHEMA_KEYWORDS = [
  "$ref",
  "type",
  "format",
  "enum",
  "default",
  "nullable",
  "readOnly",
  "writeOnly",
  "deprecated",
  "required",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "pattern",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
];
const SCHEMA_DROPPED = [...PROSE, "xml"];

/** Counts what was dropped, for the refresh's report: key → occurrences. */
export type DropReport = Map<string, number>;

class Extractor {
  readonly dropped: DropReport = new Map();

  /**
   * Copies `value` keeping `keep` keys as they are, passing `walk` keys through their walker, dropping
   * `drop` keys and unknown `x-` extensions; any other key throws.
   */
  object(
    value: unknown,
    where: string,
    rules: { keep?: string[]; drop?: string[]; walk?: Record<string, (v: unknown, at: string) => unknown> },
  ): Json {
    if (!isObject(value)) throw new Error(`${where}: expected an object`);
    const out: Json = {};
    for (const [key, v] of Object.entries(value)) {
      const at = `${where}/${key}`;
      if (rules.walk?.[key]) out[key] = rules.walk[key](v, at);
      else if (rules.keep?.includes(key) || KEPT_EXTENSIONS.has(key)) out[key] = v;
      else if (rules.drop?.includes(key) || key.startsWith("x-")) this.#drop(key);
      else {throw new Error(
          `${at}: unknown key ${JSON.stringify(key)}; teach scripts/spec_extract.ts about it`,
        );}
    }
    return out;
  }

  /** A map of names to objects of one kind. */
  map(value: unknown, where: string, each: (v: unknown, at: string) => unknown): Json {
    if (!isObject(value)) throw new Error(`${where}: expected a map`);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, each(v, `${where}/${k}`)]));
  }

  list(value: unknown, where: string, each: (v: unknown, at: string) => unknown): unknown[] {
    if (!Array.isArray(value)) throw new Error(`${where}: expected a list`);
    return value.map((v, i) => each(v, `${where}/${i}`));
  }

  #drop(key: string): void {
    this.dropped.set(key, (this.dropped.get(key) ?? 0) + 1);
  }

  root = (doc: unknown): Json =>
    this.object(doc, "#", {
      keep: ["openapi", "security"],
      drop: ["externalDocs"],
      walk: {
        info: (v, at) =>
          this.object(v, at, {
            keep: ["title", "version", "license"],
            drop: ["description", "termsOfService", "contact"],
          }),
        servers: (v, at) => this.list(v, at, this.server),
        tags: (v, at) => this.list(v, at, (t, a) => this.object(t, a, { keep: ["name"], drop: PROSE })),
        paths: (v, at) => this.map(v, at, this.pathItem),
        components: (v, at) =>
          this.object(v, at, {
            drop: ["examples"],
            walk: {
              schemas: (s, a) => this.map(s, a, this.schema),
              parameters: (s, a) => this.map(s, a, this.parameter),
              headers: (s, a) => this.map(s, a, this.header),
              requestBodies: (s, a) => this.map(s, a, this.requestBody),
              responses: (s, a) => this.map(s, a, this.response),
              securitySchemes: (s, a) => this.map(s, a, this.securityScheme),
            },
          }),
      },
    });

  server = (v: unknown, at: string): Json =>
    this.object(v, at, {
      keep: ["url"],
      drop: ["description"],
      walk: {
        variables: (vars, a) =>
          this.map(
            vars,
            a,
            (x, b) => this.object(x, b, { keep: ["default", "enum"], drop: ["description"] }),
          ),
      },
    });

  pathItem = (v: unknown, at: string): Json => {
    const operation = (op: unknown, a: string) => this.operation(op, a);
    return this.object(v, at, {
      keep: ["$ref"],
      drop: ["summary", "description"],
      walk: {
        parameters: (p, a) => this.list(p, a, this.parameter),
        servers: (s, a) => this.list(s, a, this.server),
        ...Object.fromEntries(
          ["get", "put", "post", "delete", "options", "head", "patch", "trace"].map((m) => [m, operation]),
        ),
      },
    });
  };

  operation = (v: unknown, at: string): Json =>
    this.object(v, at, {
      // `summary` is the operation's short label: the generator's doc comments carry it.
      keep: ["operationId", "summary", "tags", "security", "deprecated"],
      drop: ["description", "externalDocs"],
      walk: {
        parameters: (p, a) => this.list(p, a, this.parameter),
        requestBody: this.requestBody,
        responses: (r, a) => this.map(r, a, this.response),
        servers: (s, a) => this.list(s, a, this.server),
      },
    });

  parameter = (v: unknown, at: string): Json =>
    this.object(v, at, {
      keep: [
        "$ref",
        "name",
        "in",
        "required",
        "deprecated",
        "allowEmptyValue",
        "style",
        "explode",
        "allowReserved",
      ],
      drop: PROSE,
      walk: { schema: this.schema, content: this.content },
    });

  header = (v: unknown, at: string): Json =>
    this.object(v, at, {
      keep: ["$ref", "required", "deprecated", "style", "explode"],
      drop: PROSE,
      walk: { schema: this.schema, content: this.content },
    });

  requestBody = (v: unknown, at: string): Json =>
    this.object(v, at, { keep: ["$ref", "required"], drop: PROSE, walk: { content: this.content } });

  response = (v: unknown, at: string): Json =>
    this.object(v, at, {
      keep: ["$ref"],
      drop: [...PROSE, "links"],
      walk: { content: this.content, headers: (h, a) => this.map(h, a, this.header) },
    });

  content = (v: unknown, at: string): Json =>
    this.map(v, at, (media, a) =>
      this.object(media, a, {
        drop: PROSE,
        walk: {
          schema: this.schema,
          encoding: (e, b) =>
            this.map(e, b, (x, c) =>
              this.object(x, c, {
                keep: ["contentType", "style", "explode", "allowReserved"],
                walk: { headers: (h, d) => this.map(h, d, this.header) },
              })),
        },
      }));

  securityScheme = (v: unknown, at: string): Json =>
    this.object(v, at, {
      keep: ["type", "name", "in", "scheme", "bearerFormat", "openIdConnectUrl"],
      drop: ["description"],
      walk: {
        flows: (flows, a) =>
          this.map(flows, a, (flow, b) =>
            this.object(flow, b, {
              keep: ["authorizationUrl", "tokenUrl", "refreshUrl"],
              // Scope names stay; Okta's sentence explaining each scope does not.
              walk: { scopes: (s, c) => this.map(s, c, () => "") },
            })),
      },
    });

  schema = (v: unknown, at: string): Json => {
    const sub = (s: unknown, a: string) => this.schema(s, a);
    const subs = (s: unknown, a: string) => this.list(s, a, sub);
    return this.object(v, at, {
      keep: SCHEMA_KEYWORDS,
      drop: SCHEMA_DROPPED,
      walk: {
        properties: (p, a) => this.map(p, a, sub),
        additionalProperties: (p, a) => (typeof p === "boolean" ? p : sub(p, a)),
        items: sub,
        not: sub,
        allOf: subs,
        oneOf: subs,
        anyOf: subs,
        discriminator: (d, a) => this.object(d, a, { keep: ["propertyName", "mapping"] }),
      },
    });
  };
}

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Makes the extract of a parsed upstream document; `dropped` counts the keys left out. */
export function extractSpec(upstream: unknown, source: Provenance): { spec: Json; dropped: DropReport } {
  const extractor = new Extractor();
  const body = extractor.root(upstream);
  const { openapi, info, ...rest } = body;
  return {
    spec: { openapi, info, [SOURCE_KEY]: { ...source, changes: CHANGES }, ...rest },
    dropped: extractor.dropped,
  };
}

/**
 * The extract as text: JSON with one line per path and per component, so it stays small and a refresh
 * shows up in `git diff` as the paths and schemas that changed.
 */
export function serializeSpec(spec: Json): string {
  const entries = (
    value: Json,
    indent: string,
    expand: (key: string) => ((v: Json, i: string) => string) | undefined,
  ) =>
    Object.entries(value).map(([key, v]) => {
      const nested = isObject(v) ? expand(key) : undefined;
      return `${indent}${JSON.stringify(key)}: ${nested ? nested(v as Json, indent) : JSON.stringify(v)}`;
    }).join(",\n");
  const block = (inner: (v: Json, i: string) => string) => (v: Json, indent: string) =>
    `{\n${inner(v, `${indent}  `)}\n${indent}}`;
  const flat = block((v, i) => entries(v, i, () => undefined));
  const components = block((v, i) => entries(v, i, () => flat));
  return `{\n${
    entries(spec, "  ", (key) => (key === "paths" ? flat : key === "components" ? components : undefined))
  }\n}\n`;
}
