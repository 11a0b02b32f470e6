/**
 * One generated method: its parameters type, signature, doc comment and the `RequestOptions` it builds.
 * Convention: `method(...pathParams, body?, params?, options?)`.
 *
 * @module
 */
import { PROFILE_SCHEMA } from "./analysis.ts";
import { clean, code, deprecatedTag, jsdoc, propertyFacts } from "./docs.ts";
import { propertyAccess, propertyKey, variableName } from "./names.ts";
import type { OperationInfo } from "./operations.ts";
import { type Parameter, type Schema, schemaRefName } from "./spec.ts";
import { type Emitter, typeExpr } from "./types.ts";

/** The generated code for one operation. */
export interface MethodCode {
  /** The exported parameters type (empty when the operation has no query or header parameters). */
  typeCode: string;
  /** The class member. */
  methodCode: string;
}

/** Emits one operation as a method of `className`. `helpers` collects the `./_util.ts` imports needed. */
export function emitMethod(
  e: Emitter,
  className: string,
  op: OperationInfo,
  paramsType: string,
  helpers: Set<string>,
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
    const { prelude, fields } = requestFields(op, paramsType, helpers);
    const typeParam = e.generic ? `<P = ${e.use(PROFILE_SCHEMA, PROFILE_SCHEMA)}>` : "";
    if (e.generic) tags.unshift("@typeParam P The user profile type; defaults to `UserProfile`.");
    const doc = jsdoc(docLines(op), [...deprecatedTag(op.deprecated), ...tags, returns], "  ");
    const literal = `{\n${fields.map((f) => `      ${f},\n`).join("")}    }`;
    let body: string;
    if (op.response.item) {
      const page = op.response.page;
      const shape = page
        ? `, { items: ${JSON.stringify(page.items)}, next: ${JSON.stringify(page.next)} }`
        : "";
      body = `    return this.#transport.paginate<${resultType}>(${literal}${shape});\n`;
    } else {
      helpers.add("send");
      // Calls that encode path parameters build their options in a function, so a bad value rejects the
      // call instead of throwing at it.
      const options = op.pathParams.length || prelude
        ? `() => {\n${prelude}    return ${literal};\n  }`
        : literal;
      body = `    return send<${resultType}>(this.#transport, ${options});\n`;
    }
    if (alternatives.length) {
      const overloads = acceptOverloads(e, op, sig, typeParam, jsonType, doc);
      const methodCode = overloads.code +
        `  ${op.id}${typeParam}(${sig.slice(0, -1).join(", ")}, options?: ${overloads.optionsType}): ` +
        `OktaCall<${resultType}> {\n${body}  }\n`;
      return { typeCode, methodCode };
    }
    const methodCode = `\n${doc}  ${op.id}${typeParam}(${sig.join(", ")}): ${returnType} {\n` +
      (op.response.item ? prelude : "") + body + "  }\n";
    return { typeCode, methodCode };
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
 * than read-only ones), which an absent body cannot satisfy (a multipart upload's `file`).
 */
function bodyRequired(e: Emitter, schema: Schema, declared: boolean): boolean {
  if (declared) return true;
  for (const [, member] of e.analysis.flatProperties(schema)) {
    if (member.required && !e.analysis.isReadOnly(member.schema)) return true;
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
    const optional = !bodyRequired(e, b.schema, b.required);
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

function requestFields(op: OperationInfo, paramsType: string, helpers: Set<string>) {
  const fields = ["...options"];
  let prelude = "";
  let query = op.query.length || op.headers.length ? "params" : "";
  const b = op.body;
  const contentType = b && b.kind !== "multipart" && b.contentType !== "application/json"
    ? `"Content-Type": ${JSON.stringify(b.contentType)}`
    : "";
  if (op.headers.length) {
    // Header parameters travel in the same object as query parameters; split them off by name.
    const pairs = op.headers.map((h) => `${JSON.stringify(h.name)}: ${variableName(h.name)}`).join(", ");
    const required = [...op.query, ...op.headers].some((p) => p.required);
    prelude = `    const { ${pairs}, ...query }: ${paramsType} = params${required ? "" : " ?? {}"};\n`;
    query = op.query.length ? "query" : "";
    helpers.add("withHeaders");
    const given = contentType ? `{ ${contentType}, ...options?.headers }` : "options?.headers";
    fields.push(`headers: withHeaders(${given}, { ${pairs} })`);
  } else if (contentType) {
    fields.push(`headers: { ${contentType}, ...options?.headers }`);
  }
  fields.push(`method: ${JSON.stringify(op.method)}`);
  if (op.server) fields.push(`server: ${JSON.stringify(op.server)}`);
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const p = op.pathParams.find((q) => q.name === name)!;
    return `\${encodePathParam(${JSON.stringify(name)}, ${p.variable})}`;
  });
  fields.push(op.pathParams.length ? `path: \`${path}\`` : `path: ${JSON.stringify(op.path)}`);
  const joined = op.query.filter(isJoined);
  if (query && joined.length) {
    // `style: form, explode: false` arrays go as one comma-separated value, not repeated parameters.
    const parts = joined.map((p) => `${propertyKey(p.name)}: ${query}?${propertyAccess(p.name)}?.join(",")`);
    query = `${query} && { ...${query}, ${parts.join(", ")} }`;
  }
  if (query) fields.push(`query: ${query}`);
  if (b) fields.push("body: body");
  if (b && b.kind !== "json") fields.push(`bodyType: ${JSON.stringify(b.kind)}`);
  const r = op.response;
  if (r.kind === "none" || r.kind === "text") fields.push(`responseType: ${JSON.stringify(r.kind)}`);
  if (!r.item && r.alternatives.length) {
    // The options carry `accept`; the body is read as the chosen media type says.
    const read = r.alternatives.reduceRight(
      (rest, a) => `options?.accept === ${JSON.stringify(a.mediaType)} ? ${JSON.stringify(a.kind)} : ${rest}`,
      "undefined",
    );
    fields.push(`responseType: ${read}`);
  }
  fields.push(`operationId: ${JSON.stringify(op.id)}`);
  fields.push(`scopes: ${JSON.stringify(op.scopes)}`);
  return { prelude, fields };
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
  ];
  return [
    `${clean(op.summary)}: \`${op.method} ${op.path}\``,
    facts.filter(Boolean).join(" "),
    `@see {@link ${reference} | Okta reference: ${op.id}}`,
  ];
}
