/**
 * Writes `api/_operations.ts`: every operation's facts by `operationId`, as data for tools that need them at
 * run time. The fake org reads the method, path and scopes; the `oktakit` command reads the rest to call any
 * operation, print its `--help` and check its arguments before anything is sent.
 *
 * @module
 */
import type { Analysis } from "./analysis.ts";
import { bodyRequired } from "./api_method.ts";
import { clean, jsdoc } from "./docs.ts";
import { GENERATED } from "./models.ts";
import type { OperationInfo } from "./operations.ts";
import { type Parameter, resolve, type Schema } from "./spec.ts";

/** The members of the generated `OperationInfo` interface, each with its doc line. */
const INFO_MEMBERS: [doc: string, member: string][] = [
  ["HTTP method, upper case.", "method: string"],
  ["Path template with `{name}` placeholders, as in the API description.", "path: string"],
  ["The operation's tag.", "tag: string"],
  [
    "The namespace the operation's method is on (`okta.<namespace>`): the tag in lowerCamelCase.",
    "namespace: string",
  ],
  ["The API description's short summary title.", "summary: string"],
  [
    "OAuth 2.0 scopes accepted for the operation (any one suffices); empty when none is listed.",
    "scopes: readonly string[]",
  ],
  ["True when the operation lists a collection (its method returns a `Paginated`).", "paginated: boolean"],
  [
    "Path parameters in the order the method takes them, then query and header parameters.",
    "params: readonly OperationParam[]",
  ],
  ["The request body, when the operation takes one.", "body?: OperationBody"],
];

const PARAM_MEMBERS: [doc: string, member: string][] = [
  ["The name: a path placeholder, a query parameter or a header.", "name: string"],
  ["Where it is sent.", 'in: "path" | "query" | "header"'],
  ["Present when the parameter must be given.", "required?: true"],
  [
    "`string`, `integer`, `number` or `boolean`; an array of one of them ends in `[]` (`string[]`).",
    "type: string",
  ],
  [
    "The values allowed (of each item, for an array), when the description lists them.",
    "enum?: readonly string[]",
  ],
  ["The format, when the description names one (`int32`, `date-time`).", "format?: string"],
];

const BODY_MEMBERS: [doc: string, member: string][] = [
  [
    "How the method sends it: JSON, a form, multipart form data or raw bytes.",
    'kind: "json" | "form" | "multipart" | "binary"',
  ],
  ["The media type sent.", "mediaType: string"],
  ["Present when the body must be given.", "required?: true"],
];

function members(list: [string, string][]): string {
  return list.map(([doc, member]) => jsdoc([doc], [], "  ") + `  readonly ${member};\n`).join("");
}

const SCALARS = new Set(["string", "integer", "number", "boolean"]);

/** A parameter's type word and enum, following `$ref`s; composite or untyped schemas read as strings. */
function paramType(
  a: Analysis,
  schema: Schema | undefined,
): { type: string; values?: string[]; format?: string } {
  const s = resolve(a.spec, schema ?? {});
  const array = s.type === "array";
  const item = array ? resolve(a.spec, s.items ?? {}) : s;
  const word = SCALARS.has(item.type ?? "") ? item.type! : "string";
  const values = Array.isArray(item.enum) ? item.enum.filter((v) => v !== null).map(String) : undefined;
  // Some formats in the description are sentences; only a single word is a format a tool can show.
  const format = item.format && /^[A-Za-z0-9-]+$/.test(item.format) ? item.format : undefined;
  return { type: array ? `${word}[]` : word, values, format };
}

function paramRow(a: Analysis, p: Parameter): string {
  const { type, values, format } = paramType(a, p.schema);
  const parts = [`name: ${JSON.stringify(p.name)}`, `in: ${JSON.stringify(p.in)}`];
  if (p.required || p.in === "path") parts.push("required: true");
  parts.push(`type: ${JSON.stringify(type)}`);
  if (values) parts.push(`enum: ${JSON.stringify(values)}`);
  if (format) parts.push(`format: ${JSON.stringify(format)}`);
  return `{ ${parts.join(", ")} }`;
}

/**
 * `api/_operations.ts`: every operation's method, path, tag, namespace, summary title, scopes, pagination,
 * parameters and body, by operationId. `namespaceOf` gives a tag's namespace property.
 */
export function emitOperationsTable(
  a: Analysis,
  operations: OperationInfo[],
  namespaceOf: (tag: string) => string,
): string {
  const sorted = [...operations].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const str = JSON.stringify;
  const rows = sorted.map((op) => {
    const params = [...op.pathParams, ...op.query, ...op.headers].map((p) => paramRow(a, p));
    const b = op.body;
    const body = b
      ? `, body: { kind: ${str(b.kind)}, mediaType: ${str(b.contentType)}${
        bodyRequired(a, b.schema, b.required) ? ", required: true" : ""
      } }`
      : "";
    return `  ${op.id}: { method: ${str(op.method)}, path: ${str(op.path)}, tag: ${str(op.tag)}, namespace: ${
      str(namespaceOf(op.tag))
    }, summary: ${str(clean(op.summary))}, scopes: ${str(op.scopes)}, paginated: ${
      op.response.item !== undefined
    }, params: [${params.map((row) => `\n${row},`).join("")}${params.length ? "\n" : ""}]${body} },\n`;
  });
  return `${GENERATED}\n` +
    jsdoc([
      "Facts about every operation, keyed by `operationId`, for tools that need them at run time: the fake " +
      "org enforces scopes with it, and the `oktakit` command calls, documents and checks operations with " +
      "it. Namespaces do not import it, so it stays out of their bundles.",
    ], ["@module"]) +
    jsdoc(["What is known about one operation."]) +
    `export interface OperationInfo {\n${members(INFO_MEMBERS)}}\n\n` +
    jsdoc(["One parameter of an operation."]) +
    `export interface OperationParam {\n${members(PARAM_MEMBERS)}}\n\n` +
    jsdoc(["The request body of an operation."]) +
    `export interface OperationBody {\n${members(BODY_MEMBERS)}}\n\n` +
    jsdoc([`All ${operations.length} operations, keyed by \`operationId\`.`]) +
    `export const operations: Readonly<Record<string, OperationInfo>> = {\n${rows.join("")}};\n`;
}
