/**
 * One generated method: its parameters type, signature, doc comment and the `RequestOptions` it builds.
 * Convention: `method(...pathParams, body?, params?, options?)`.
 *
 * @module
 */
import { type Analysis, PROFILE_SCHEMA } from "./analysis.ts";
import { clean, code, deprecatedTag, jsdoc, propertyFacts } from "./docs.ts";
import { propertyKey } from "./names.ts";
import type { OperationInfo } from "./operations.ts";
import { type Parameter, type Schema, schemaRefName } from "./spec.ts";
import { type Emitter, typeExpr } from "./types.ts";

/** The generated code for one operation. */
export interface MethodCode {
  /** The exported parameters type (empty when the operation has no query or header parameters). */
  typeCode: string;
  /** The class member. */
  methodCode: string;
  /** The operation's row in the namespace's table: an `Operation` literal (see `lib/invoke.ts`). */
  rowCode: string;
}

/**
 * Emits one operation as a method of `className`: its signature and doc comment, and a one-line body that
 * hands the operation's row (`ops[index]`, the namespace's table) and the arguments to `call` or `list` of
 * `lib/invoke.ts`.
 */
export function emitMethod(
  e: Emitter,
  className: string,
  op: OperationInfo,
  paramsType: string,
  index: number,
): MethodCode {
  e.generic = usesGeneric(e, [op.body?.schema, ...op.response.schemas]);
  try {
    const params = [...op.query, ...op.headers];
    const names = new Set(params.map((p) => p.name));
    if (names.size !== params.length) throw new Error(`${op.id}: a parameter name appears twice`);
    // Parameters and bodies are request types: enums closed, read-only members left out.
    e.write = true;
    const typeCode = params.length
      ? jsdoc([`Parameters of {@linkcode ${className}.${op.id}}.`]) +
        `export type ${paramsType} = {\n${params.map((p) => paramMember(e, p)).join("")}};\n\n`
      : "";
    const { sig, tags } = signature(e, op, paramsType);
    e.write = false;
    const { resultType: jsonType, returnType, returns } = result(e, op);
    const alternatives = op.response.item ? [] : op.response.alternatives;
    // A call that may ask for another media type is typed with every type it can read.
    const resultType = alternatives.length
      ? [...new Set([jsonType, ...alternatives.map((a) => alternativeType(e, a))])].join(" | ")
      : jsonType;
    if (alternatives.length) {
      const i = tags.findIndex((t) => t.startsWith("@param options"));
      tags[i] = `@param options Per-call options: abort signal, extra headers, and \`accept\` to ask for ${
        alternatives.map((a) => code(a.mediaType)).join(" or ")
      } instead of JSON (see the overloads).`;
    }
    const typeParam = e.generic ? `<P = ${e.use(PROFILE_SCHEMA, PROFILE_SCHEMA)}>` : "";
    if (e.generic) tags.unshift("@typeParam P The user profile type; defaults to `UserProfile`.");
    const doc = jsdoc(docLines(op), [...deprecatedTag(op.deprecated), ...tags, returns], "  ");
    // The result type is inferred from the method's return type.
    const args = [...op.pathParams.map((p) => p.variable), ...(op.body ? ["body"] : [])];
    if (op.query.length || op.headers.length) args.push("params");
    args.push("options");
    const invoker = op.response.item ? "list" : "call";
    const body = `    return ${invoker}(this.#transport, ops[${index}], ${args.join(", ")});\n`;
    const rowCode = row(op);
    if (alternatives.length) {
      const overloads = acceptOverloads(e, op, sig, typeParam, jsonType, doc);
      const methodCode = overloads.code +
        `  ${op.id}${typeParam}(${sig.slice(0, -1).join(", ")}, options?: ${overloads.optionsType}): ` +
        `OktaCall<${resultType}> {\n${body}  }\n`;
      return { typeCode, methodCode, rowCode };
    }
    const methodCode = `\n${doc}  ${op.id}${typeParam}(${sig.join(", ")}): ${returnType} {\n${body}  }\n`;
    return { typeCode, methodCode, rowCode };
  } finally {
    e.generic = false;
    e.write = false;
  }
}

/**
 * Overload signatures for an operation that answers other media types besides JSON: the default asks for
 * JSON; `{ accept: "<type>" }` in the options asks for another and types the result as it is read (text
 * or bytes). Optional parameters before a required `options` take `| undefined` instead of `?`.
 */
function acceptOverloads(
  e: Emitter,
  op: OperationInfo,
  sig: string[],
  typeParam: string,
  jsonType: string,
  doc: string,
): { code: string; optionsType: string } {
  const alternatives = op.response.alternatives;
  const required = sig.slice(0, -1).map((s) => s.replace(/^(\w+)\?: (.*)$/, "$1: $2 | undefined"));
  const head = sig.slice(0, -1);
  let out = `\n${doc}  ${op.id}${typeParam}(${
    [...head, `options?: CallOptions & { accept?: "application/json" }`].join(", ")
  }): OktaCall<${jsonType}>;\n`;
  for (const alt of alternatives) {
    const type = alternativeType(e, alt);
    const read = alt.kind === "binary" ? "bytes (`Uint8Array`)" : "text";
    out += jsdoc([
      `${clean(op.summary)}, answered as ${
        code(alt.mediaType)
      } and read as ${read}: \`${op.method} ${op.path}\``,
    ], [
      `@param options Per-call options, with \`accept: ${JSON.stringify(alt.mediaType)}\`.`,
      `@returns The response body as ${read}.`,
    ], "  ");
    out += `  ${op.id}${typeParam}(${
      [...required, `options: CallOptions & { accept: ${JSON.stringify(alt.mediaType)} }`].join(", ")
    }): OktaCall<${type}>;\n`;
  }
  const accepts = ["application/json", ...alternatives.map((a) => a.mediaType)];
  return {
    code: out,
    optionsType: `CallOptions & { accept?: ${accepts.map((m) => JSON.stringify(m)).join(" | ")} }`,
  };
}

/** The type an alternative media type is read as: its (string) schema's type as text, or bytes. */
function alternativeType(e: Emitter, alt: OperationInfo["response"]["alternatives"][number]): string {
  return alt.kind === "binary" ? "Uint8Array" : typeExpr(e, alt.schema);
}

function usesGeneric(e: Emitter, schemas: (Schema | undefined)[]): boolean {
  return schemas.some((s) => {
    const name = schemaRefName(s?.$ref) ?? schemaRefName(s?.items?.$ref);
    return name !== undefined && e.analysis.generic.has(name);
  });
}

function isJoined(p: Parameter): boolean {
  return p.in === "query" && p.schema?.type === "array" && p.explode === false;
}

function paramMember(e: Emitter, p: Parameter): string {
  const schema = p.schema ?? {};
  const facts = propertyFacts(schema.$ref ? {} : schema, p.required === true, schemaRefName(schema.$ref));
  const where = p.in === "header"
    ? `Sent as the ${code(p.name)} header.`
    : `Query parameter ${code(p.name)}.`;
  const style = isJoined(p) ? " Sent comma-separated." : "";
  return jsdoc([`${where}${style} ${facts.join(" ")}`], deprecatedTag(p.deprecated), "  ") +
    `  ${propertyKey(p.name)}${p.required ? "" : "?"}: ${typeExpr(e, schema)};\n`;
}

/**
 * Whether a body must be given: the description says so, or its schema has members it requires (other
 * than read-only ones), which an absent body cannot satisfy (a multipart upload's `file`). The operations
 * table says the same, so the command line asks for a body exactly where the typed method does.
 */
export function bodyRequired(a: Analysis, schema: Schema, declared: boolean): boolean {
  if (declared) return true;
  for (const [, member] of a.flatProperties(schema)) {
    if (member.required && !a.isReadOnly(member.schema)) return true;
  }
  return false;
}

function bodyType(e: Emitter, op: OperationInfo): string {
  const b = op.body!;
  if (b.kind === "binary") {
    return b.schema.type === "string" && b.schema.format !== "binary"
      ? "string"
      : "Blob | Uint8Array | string";
  }
  const type = typeExpr(e, b.schema);
  // The transport builds the FormData from a record of fields; a ready FormData passes through.
  return b.kind === "multipart" ? `FormData | ${type}` : type;
}

function signature(e: Emitter, op: OperationInfo, paramsType: string): { sig: string[]; tags: string[] } {
  const sig: string[] = [];
  const tags: string[] = [];
  const paramsRequired = [...op.query, ...op.headers].some((p) => p.required);
  for (const p of op.pathParams) {
    sig.push(`${p.variable}: ${typeExpr(e, p.schema ?? { type: "string" })}`);
    tags.push(`@param ${p.variable} Path parameter ${code(p.name)} (percent-encoded for you).`);
  }
  if (op.body) {
    const b = op.body;
    // An optional body before a required parameters object cannot be `?`: it takes `| undefined`.
    const optional = !bodyRequired(e.analysis, b.schema, b.required);
    const mark = optional && !paramsRequired ? "?" : "";
    // The profile type comes from the caller or the default, never from a (partial) body literal.
    const type = e.generic ? `NoInfer<${bodyType(e, op)}>` : bodyType(e, op);
    sig.push(`body${mark}: ${type}${optional && paramsRequired ? " | undefined" : ""}`);
    const others = b.contentTypes.slice(1).map(code).join(", ");
    const alternatives = others ? ` (or ${others}, by setting \`Content-Type\` in \`options.headers\`)` : "";
    tags.push(`@param body Request body, sent as ${code(b.contentType)}${alternatives}.`);
  }
  if (op.query.length || op.headers.length) {
    sig.push(`params${paramsRequired ? "" : "?"}: ${paramsType}`);
    tags.push(`@param params Query${op.headers.length ? " and header" : ""} parameters.`);
  }
  sig.push("options?: CallOptions");
  tags.push("@param options Per-call options: abort signal, extra headers.");
  return { sig, tags };
}

function result(e: Emitter, op: OperationInfo): { resultType: string; returnType: string; returns: string } {
  const r = op.response;
  if (r.item) {
    const item = typeExpr(e, r.item);
    return {
      resultType: item,
      returnType: `Paginated<${item}>`,
      returns: "@returns The items, fetched lazily page by page.",
    };
  }
  let type = "void";
  if (r.kind === "json") {
    type = [...new Set(r.schemas.map((s) => typeExpr(e, s)))].join(" | ") +
      (r.maybeEmpty ? " | undefined" : "");
  } else if (r.kind === "text") type = "string";
  const returns = r.kind === "none"
    ? "@returns Nothing (no response body)."
    : r.maybeEmpty
    ? "@returns The decoded response body, or `undefined` when the answer has none."
    : "@returns The decoded response body.";
  return {
    resultType: type,
    returnType: `OktaCall<${type}>`,
    returns: `${returns} Await it for the body, or call \`.withResponse()\` for \`{ data, response }\`.`,
  };
}

/**
 * The operation's facts as an `Operation` literal (see `lib/invoke.ts`): what `call` and `list` need to
 * turn the method's arguments into a request. Members that do not apply are left out.
 */
function row(op: OperationInfo): string {
  const str = JSON.stringify;
  const members = [`id: ${str(op.id)}`, `method: ${str(op.method)}`, `path: ${str(op.path)}`];
  members.push(`scopes: ${str(op.scopes)}`);
  if (op.server) members.push(`server: ${str(op.server)}`);
  const b = op.body;
  if (b) {
    members.push(`body: ${str(b.kind)}`);
    // Multipart bodies get their boundary from the transport; JSON is the transport's default.
    if (b.kind !== "multipart" && b.contentType !== "application/json") {
      members.push(`contentType: ${str(b.contentType)}`);
    }
  }
  if (op.query.length) members.push(`query: ${str(op.query.map((p) => p.name))}`);
  if (op.headers.length) members.push(`headers: ${str(op.headers.map((h) => h.name))}`);
  const joined = op.query.filter(isJoined).map((p) => p.name);
  if (joined.length) members.push(`joined: ${str(joined)}`);
  const r = op.response;
  if (r.kind === "none" || r.kind === "text") members.push(`response: ${str(r.kind)}`);
  // The type says `| undefined`; the transport must then not refuse an empty 2xx.
  if (r.kind === "json" && r.maybeEmpty && !r.item) members.push("empty: true");
  if (!r.item && r.alternatives.length) {
    const kinds = r.alternatives.map((a) => `${str(a.mediaType)}: ${str(a.kind)}`);
    members.push(`accept: { ${kinds.join(", ")} }`);
  }
  if (r.item && r.page) members.push(`page: { items: ${str(r.page.items)}, next: ${str(r.page.next)} }`);
  return `    { ${members.join(", ")} },\n`;
}

function docLines(op: OperationInfo): string[] {
  const reference = "https://developer.okta.com/docs/api/openapi/okta-management/management/tag/" +
    `${op.tag}/#tag/${op.tag}/operation/${op.id}`;
  const facts = [
    op.scopes.length ? `OAuth 2.0 scopes: ${op.scopes.map(code).join(", ")}.` : "No OAuth 2.0 scope listed.",
    op.lifecycle ? `Lifecycle: ${code(op.lifecycle)}.` : "",
    op.server
      ? `Sent to the org's ${code(`${op.server}.`)} host rather than the org URL (option ${
        code(`${op.server}Url`)
      }).`
      : "",
    op.overlay
      ? `Not in Okta's current API description, but served by real orgs: added by oktakit's overlay (\`spec/overlay.json\`, entry ${
        code(op.overlay)
      }).`
      : "",
  ];
  return [
    `${clean(op.summary)}: \`${op.method} ${op.path}\``,
    facts.filter(Boolean).join(" "),
    `@see {@link ${reference} | Okta reference: ${op.id}}`,
  ];
}
