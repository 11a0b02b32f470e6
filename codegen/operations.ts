/**
 * Reads the operations of the spec into the facts a method needs: parameters, body encoding,
 * response handling, scopes and pagination.
 *
 * @module
 */
import { variableName } from "./names.ts";
import { EMPTY_BODY } from "./overlay.ts";
import {
  type Content,
  HTTP_METHODS,
  type Operation,
  type Parameter,
  resolve,
  type Schema,
  type Spec,
} from "./spec.ts";

/** How a request body is sent. */
export interface BodyInfo {
  /** The transport's body encoding. */
  kind: "json" | "form" | "multipart" | "binary";
  /** The first media type the operation lists (sent as `Content-Type` when not plain JSON). */
  contentType: string;
  /** All media types the operation lists. */
  contentTypes: string[];
  /** The body schema (of the first media type). */
  schema: Schema;
  /** Whether the body must be sent. */
  required: boolean;
}

/** How a response is read. */
export interface ResponseInfo {
  /** The transport's response reading. */
  kind: "json" | "text" | "binary" | "none";
  /** JSON schemas of the 2xx responses, distinct, in status order. */
  schemas: Schema[];
  /**
   * True when some 2xx response has no body, or may come without one (the overlay's `x-oktakit-empty-body`):
   * the result may be `undefined`.
   */
  maybeEmpty: boolean;
  /** The item schema when the operation lists a collection: the method paginates. */
  item?: Schema;
  /**
   * For a list whose page is an object (`{ roles: [...], _links }`): the member holding the items, and
   * whether the next link is in the body's `_links` or only in the `Link` header.
   */
  page?: { items: string; next: "body" | "header" };
  /**
   * Media types the operation also answers besides JSON, which a call may ask for with `accept`, each
   * with how it is read and its schema.
   */
  alternatives: { mediaType: string; kind: "text" | "binary"; schema: Schema }[];
}

/** One operation, ready to emit. */
export interface OperationInfo {
  id: string;
  method: string;
  path: string;
  tag: string;
  summary: string;
  lifecycle?: string;
  deprecated: boolean;
  /** The server the operation is sent to instead of the org URL, by name (`drapp`). */
  server?: string;
  /** The overlay entry that adds the operation, when Okta's description does not have it. */
  overlay?: string;
  scopes: string[];
  pathParams: (Parameter & { variable: string })[];
  query: Parameter[];
  headers: Parameter[];
  body?: BodyInfo;
  response: ResponseInfo;
}

/** The schemas requests are written with: bodies, query and header parameters. */
export function requestSchemas(operations: OperationInfo[]): Schema[] {
  return operations.flatMap((op) => [
    ...(op.body ? [op.body.schema] : []),
    ...[...op.query, ...op.headers].map((p) => p.schema ?? {}),
  ]);
}

/** All operations in document order. */
export function readOperations(spec: Spec): OperationInfo[] {
  const out: OperationInfo[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    const shared = ((item.parameters ?? []) as Parameter[]).map((p) => resolve(spec, p));
    for (const method of HTTP_METHODS) {
      const op = item[method] as Operation | undefined;
      if (op) out.push(readOperation(spec, path, method.toUpperCase(), op, shared));
    }
  }
  return out;
}

function readOperation(
  spec: Spec,
  path: string,
  method: string,
  op: Operation,
  shared: Parameter[],
): OperationInfo {
  if (!op.operationId) throw new Error(`${method} ${path} has no operationId`);
  if (op.tags?.length !== 1) throw new Error(`${op.operationId} must have exactly one tag`);
  const params = new Map<string, Parameter>();
  for (const p of [...shared, ...(op.parameters ?? []).map((p) => resolve(spec, p))]) {
    params.set(`${p.in}:${p.name}`, p);
  }
  const all = [...params.values()];
  if (all.some((p) => p.in === "cookie")) {
    throw new Error(`${op.operationId}: cookie parameters are not supported`);
  }
  const order = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const pathParams = order.map((name) => {
    const p = all.find((q) => q.in === "path" && q.name === name);
    if (!p) throw new Error(`${op.operationId}: path parameter {${name}} is not declared`);
    return { ...p, variable: variableName(name) };
  });
  const scopes = new Set<string>();
  for (const requirement of op.security ?? []) for (const s of requirement.oauth2 ?? []) scopes.add(s);
  return {
    id: op.operationId,
    method,
    path,
    tag: op.tags[0],
    summary: op.summary ?? op.operationId,
    lifecycle: op["x-okta-lifecycle"]?.lifecycle,
    deprecated: op.deprecated === true,
    server: serverName(op),
    overlay: op["x-oktakit-overlay"],
    scopes: [...scopes],
    pathParams,
    query: all.filter((p) => p.in === "query"),
    headers: all.filter((p) => p.in === "header"),
    body: readBody(spec, op),
    response: readList(spec, method, op, all, readResponse(spec, op)),
  };
}

/**
 * Decides whether an operation lists a collection, and how its pages look. Only GETs list (a POST that
 * answers an array is sent once, when called). A page is an inline JSON array; or, for an operation that
 * takes an `after` cursor or is named `list…`, a named array schema, or an object whose only member
 * besides `_links` is an array (the items), with the next link in `_links.next` when the schema has one.
 */
function readList(
  spec: Spec,
  method: string,
  op: Operation,
  params: Parameter[],
  response: ResponseInfo,
): ResponseInfo {
  if (method !== "GET" || response.kind !== "json") return { ...response, item: undefined };
  if (response.item) return response;
  const listing = op.operationId.startsWith("list") ||
    params.some((p) => p.in === "query" && p.name === "after");
  const ok = op.responses["200"] && resolve(spec, op.responses["200"] as Content);
  const schema = ok?.content?.["application/json"]?.schema;
  if (!listing || !schema?.$ref) return response;
  const target = resolve(spec, schema);
  if (target.type === "array") return { ...response, item: target.items ?? {} };
  const members = flatMembers(spec, target);
  const arrays = [...members].filter(([name, s]) => name !== "_links" && resolve(spec, s).type === "array");
  if (arrays.length !== 1 || members.size - (members.has("_links") ? 1 : 0) !== 1) return response;
  const [items, array] = arrays[0];
  const links = members.get("_links");
  const next = links && flatMembers(spec, resolve(spec, links)).has("next") ? "body" : "header";
  return { ...response, item: resolve(spec, array).items ?? {}, page: { items, next } };
}

/** The properties of an object schema, following `$ref`s and `allOf`. */
function flatMembers(spec: Spec, schema: Schema, out = new Map<string, Schema>()): Map<string, Schema> {
  const s = resolve(spec, schema);
  for (const part of s.allOf ?? []) flatMembers(spec, part, out);
  for (const [name, member] of Object.entries(s.properties ?? {})) out.set(name, member);
  return out;
}

/**
 * The name of an operation's own server: its first host label, when the rest of the host is a placeholder
 * for the org's domain (`https://drapp.{yourOrgSubDomain}.okta.com` → `drapp`); the client derives such a
 * server's URL from the org URL. Any other per-operation server is an error here, not a silent miss.
 */
function serverName(op: Operation): string | undefined {
  const url = op.servers?.[0]?.url;
  if (url === undefined) return undefined;
  const match = /^https:\/\/([a-z0-9-]+)\.\{?your[A-Za-z]*\}?\.okta\.com\/?$/.exec(url);
  if (!match) throw new Error(`${op.operationId}: cannot derive the server ${url} from the org URL`);
  return match[1];
}

function isJson(mediaType: string): boolean {
  return mediaType === "application/json" || /^application\/[^;]*\+json\b/.test(mediaType);
}

function readBody(spec: Spec, op: Operation): BodyInfo | undefined {
  if (!op.requestBody) return undefined;
  const body = resolve(spec, op.requestBody);
  const contentTypes = Object.keys(body.content ?? {});
  if (!contentTypes.length) return undefined;
  const contentType = contentTypes[0];
  const kind = isJson(contentType)
    ? "json"
    : contentType === "multipart/form-data"
    ? "multipart"
    : contentType === "application/x-www-form-urlencoded"
    ? "form"
    : "binary";
  const schema = body.content![contentType].schema ?? {};
  return { kind, contentType, contentTypes, schema, required: body.required === true };
}

function readResponse(spec: Spec, op: Operation): ResponseInfo {
  const schemas: Schema[] = [];
  const seen = new Set<string>();
  let maybeEmpty = false;
  let text = false;
  let item: Schema | undefined;
  const alternatives: ResponseInfo["alternatives"] = [];
  const codes = Object.keys(op.responses).filter((c) => /^2/.test(c)).sort();
  for (const code of codes) {
    const response = resolve(spec, op.responses[code] as Content);
    const media = Object.keys(response.content ?? {});
    const json = media.find(isJson);
    for (const other of json ? media.filter((m) => !isJson(m)) : []) {
      if (alternatives.some((a) => a.mediaType === other)) continue;
      const schema = response.content![other].schema ?? {};
      const binary = resolve(spec, schema).format === "binary";
      alternatives.push({ mediaType: other, kind: binary ? "binary" : "text", schema });
    }
    if (json) {
      const schema = response.content![json].schema ?? {};
      const key = JSON.stringify(schema);
      if (!seen.has(key)) schemas.push(schema);
      seen.add(key);
      // An inline array is a listing; a named array schema is a document returned whole (well-known
      // files, simulation results), so it stays a plain value.
      if (code === "200" && !schema.$ref && schema.type === "array") item = schema.items ?? {};
      if (response[EMPTY_BODY] === true) maybeEmpty = true;
    } else if (media.length) {
      text = true;
    } else {
      maybeEmpty = true;
    }
  }
  const kind = schemas.length ? "json" : text ? "text" : "none";
  return {
    kind,
    schemas,
    maybeEmpty: maybeEmpty && kind !== "none",
    item: kind === "json" ? item : undefined,
    alternatives,
  };
}
