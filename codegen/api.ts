/**
 * Writes `api/`: one namespace class per tag, `api/_operations.ts` and `api/mod.ts`.
 *
 * A namespace file holds its parameters types, its operations' facts as data (a table with one
 * `Operation` row per method, see `lib/invoke.ts`) and the class, whose documented methods are one line
 * each: `return call(this.#transport, ops[2], id, params, options);`, `ops[2]` being the row of that
 * method (whose `id` is its operationId). The table is made when the first instance is constructed, so
 * loading a namespace costs little more than declaring its class.
 *
 * @module
 */
import type { Analysis } from "./analysis.ts";
import { emitMethod } from "./api_method.ts";
import { emitModule } from "./api_modules.ts";
import { emitOperationsTable } from "./operations_table.ts";
import { code, jsdoc } from "./docs.ts";
import { GENERATED } from "./models.ts";
import { lowerCamel, snakeCase, upperFirst } from "./names.ts";
import type { OperationInfo } from "./operations.ts";
import { Emitter } from "./types.ts";

/** One tag's namespace: names shared by the class file and `api/mod.ts`. */
export interface Namespace {
  tag: string;
  file: string;
  className: string;
  property: string;
  operations: OperationInfo[];
}

/** Groups operations by tag (sorted by tag) with their file, class and property names. */
export function namespaces(operations: OperationInfo[]): Namespace[] {
  const byTag = new Map<string, OperationInfo[]>();
  for (const op of operations) byTag.set(op.tag, [...(byTag.get(op.tag) ?? []), op]);
  return [...byTag.keys()].sort().map((tag) => ({
    tag,
    file: snakeCase(tag),
    className: `${tag.replace(/[^A-Za-z0-9]/g, "")}Api`,
    property: lowerCamel(tag.replace(/[^A-Za-z0-9]/g, "")),
    operations: byTag.get(tag)!,
  }));
}

/** Generated api files: file name (without `.ts`) → source text. */
export function generateApi(a: Analysis, operations: OperationInfo[]): Map<string, string> {
  const files = new Map<string, string>();
  const spaces = namespaces(operations);
  const taken = new Set<string>(Object.keys(a.schemas));
  for (const ns of spaces) files.set(ns.file, emitNamespace(a, ns, taken));
  const namespaceOf = new Map(spaces.map((ns) => [ns.tag, ns.property]));
  files.set("_operations", emitOperationsTable(a, operations, (tag) => namespaceOf.get(tag)!));
  files.set("mod", emitModule(spaces));
  return files;
}

function emitNamespace(a: Analysis, ns: Namespace, taken: Set<string>): string {
  const e = new Emitter(a, undefined);
  let types = "";
  let methods = "";
  let rows = "";
  for (const [index, op] of ns.operations.entries()) {
    const paramsType = `${upperFirst(op.id)}Params`;
    if (taken.has(paramsType)) throw new Error(`${paramsType} would clash with another exported type`);
    taken.add(paramsType);
    const { typeCode, methodCode, rowCode } = emitMethod(e, ns.className, op, paramsType, index);
    types += typeCode;
    methods += methodCode;
    rows += rowCode;
  }
  const lists = ns.operations.some((op) => op.response.item);
  const calls = ns.operations.some((op) => !op.response.item);
  const invokers = [...(calls ? ["call"] : []), ...(lists ? ["list"] : []), "type Operation"];
  const lib = [
    `import type { CallOptions, Transport } from "../lib/transport.ts";\n`,
    lists ? `import type { Paginated } from "../lib/paginate.ts";\n` : "",
    calls ? `import type { OktaCall } from "../lib/call.ts";\n` : "",
    `import { ${invokers.join(", ")} } from "../lib/invoke.ts";\n`,
  ].join("");
  const table =
    `// What each method sends, as data: \`call\` and \`list\` build the requests from these rows, one per\n` +
    "// method in the order of the methods. Made by the first constructor call, before any method can run.\n" +
    `let ops: Operation[];\nconst rows = (): Operation[] => [\n${rows}];\n\n`;
  const first = ns.operations[0];
  const args = [
    ...first.pathParams.map((p) => JSON.stringify(`${p.name}…`)),
    ...(first.body ? ["{}"] : []),
  ];
  const call = first.response.item
    ? `for await (const item of okta.${ns.property}.${first.id}(${args.join(", ")})) console.log(item);`
    : `const result = await okta.${ns.property}.${first.id}(${args.join(", ")});`;
  const classDoc = jsdoc([
    `The ${code(ns.tag)} operations of Okta's Admin Management API (${ns.operations.length}). Reach it as ` +
    `\`okta.${ns.property}\` on the \`Okta\` client, or construct it over any transport to bundle only ` +
    "this namespace.",
    "@example\n```ts ignore\n" +
    `import { Okta } from "@oktakit/management";\n\n` +
    `const okta = new Okta({ orgUrl: "https://example.okta.com", token: "…" });\n${call}\n\`\`\``,
  ]);
  const cls = `${classDoc}export class ${ns.className} {\n  #transport: Transport;\n\n` +
    jsdoc(["Binds the namespace to a transport (normally the client)."], [
      "@param transport Sends the requests.",
    ], "  ") +
    `  constructor(transport: Transport) {\n    this.#transport = transport;\n    ops ??= rows();\n  }\n${methods}}\n`;
  const moduleDoc = jsdoc([`The ${code(ns.tag)} namespace: ${ns.operations.length} operations.`], [
    "@module",
  ]);
  const imports = lib + e.importLines("../models");
  const ignore = (types + cls).includes("& {})") ? "// deno-lint-ignore-file ban-types\n" : "";
  return `${GENERATED}\n${ignore}${moduleDoc}${imports}\n${types}${table}${cls}`;
}
