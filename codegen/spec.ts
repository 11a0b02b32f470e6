/**
 * The slice of OpenAPI 3.0 the generator reads, and `$ref` resolution. The spec is data: by default the
 * structure-only extract in `spec/` (written by `scripts/update_spec.ts`), or a path given on the command
 * line (JSON, or the upstream YAML).
 *
 * @module
 */
import { parse } from "@std/yaml";

/** An OpenAPI 3.0 schema object (only the keywords the generator reads). */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  title?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  enum?: unknown[];
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
  nullable?: boolean;
  readOnly?: boolean;
  writeOnly?: boolean;
  deprecated?: boolean;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  "x-okta-lifecycle"?: Lifecycle;
  [key: string]: unknown;
}

/** The `x-okta-lifecycle` extension. */
export interface Lifecycle {
  lifecycle?: string;
  [key: string]: unknown;
}

/** An operation or path-level parameter. */
export interface Parameter {
  $ref?: string;
  name: string;
  in: "query" | "path" | "header" | "cookie";
  required?: boolean;
  schema?: Schema;
  style?: string;
  explode?: boolean;
  deprecated?: boolean;
}

/** A request body or response: content keyed by media type. */
export interface Content {
  $ref?: string;
  required?: boolean;
  content?: Record<string, { schema?: Schema }>;
  /** The overlay's mark on a 2xx response: real answers may come without the declared body. */
  "x-oktakit-empty-body"?: boolean;
}

/** One operation of a path item. */
export interface Operation {
  operationId: string;
  summary?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: Content;
  responses: Record<string, Content>;
  security?: Record<string, string[]>[];
  deprecated?: boolean;
  servers?: { url: string }[];
  "x-okta-lifecycle"?: Lifecycle;
  /** Set on an operation the overlay adds: the entry's id (the description does not have it). */
  "x-oktakit-overlay"?: string;
}

/** The document root. */
export interface Spec {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, Schema>; [key: string]: unknown };
}

/** The HTTP methods OpenAPI path items may carry, in the order the generator visits them. */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** Reads and parses the spec file (JSON, or YAML when the name does not end in `.json`). */
export async function loadSpec(path: string | URL): Promise<Spec> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    const where = path instanceof URL ? decodeURIComponent(path.pathname) : path;
    throw new Error(`cannot read the API description at ${where}: ${(error as Error).message}`);
  }
  const spec = (String(path).endsWith(".json") ? JSON.parse(text) : parse(text)) as Spec;
  if (!spec?.paths || !spec.components?.schemas) {
    throw new Error(`${path} does not look like an OpenAPI 3 document (no paths or component schemas).`);
  }
  return spec;
}

/** Follows a local `$ref` (`#/components/...`) to the object it names; other values pass through. */
export function resolve<T extends { $ref?: string }>(spec: Spec, value: T): T {
  let current: T = value;
  for (let hops = 0; current?.$ref; hops++) {
    if (hops > 20) throw new Error(`$ref cycle at ${value.$ref}`);
    const ref = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`Only local $refs are supported: ${ref}`);
    let target: unknown = spec;
    for (const key of ref.slice(2).split("/")) {
      target = (target as Record<string, unknown>)?.[key.replaceAll("~1", "/").replaceAll("~0", "~")];
    }
    if (target === undefined) throw new Error(`Unresolved $ref ${ref}`);
    current = target as T;
  }
  return current;
}

/** The component schema name a `#/components/schemas/X` reference points at, or `undefined`. */
export function schemaRefName(ref: string | undefined): string | undefined {
  const prefix = "#/components/schemas/";
  return ref?.startsWith(prefix) ? ref.slice(prefix.length) : undefined;
}
