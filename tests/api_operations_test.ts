/**
 * Drives every generated API method against a recording transport and compares the request it builds
 * with the operation in the API description the project carries (`spec/okta-management.json`, with its
 * real-world overlay `spec/overlay.json` applied), read independently of the generator. Both are imported
 * as modules, so every runtime runs these tests (bundlers inline them for workerd) and a missing file fails
 * the run, naming the file.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import extract from "../spec/okta-management.json" with { type: "json" };
import overlay from "../spec/overlay.json" with { type: "json" };
import * as api from "../api/mod.ts";
import type { PageShape, Paginated } from "../lib/paginate.ts";
import type { RequestOptions, Transport } from "../lib/transport.ts";

// ---- the spec, read independently of the generator ------------------------------------------------

type Json = Record<string, unknown>;

/** The extract with each overlay edit made (a copy: the imported module stays as it is). */
function overlaid(base: Json): Json {
  const out = structuredClone(base);
  for (const entry of overlay.entries) {
    for (const edit of entry.edits as { at: string[]; value: unknown }[]) {
      const parent = edit.at.slice(0, -1).reduce<Json>((o, k) => o[k] as Json, out);
      parent[edit.at.at(-1)!] = structuredClone(edit.value);
    }
  }
  return out;
}
const spec = overlaid(extract as unknown as Json);
/** Operations the overlay adds: served by Okta, missing from its description. */
const ADDED = ["createSession"];

interface Param {
  name: string;
  in: string;
  required?: boolean;
  explode?: boolean;
  schema?: Json;
}
interface SpecOperation {
  id: string;
  method: string;
  path: string;
  tag: string;
  params: Param[];
  hasBody: boolean;
  /** The body encoding the request content type calls for. */
  bodyType?: string;
  /** How the 2xx answers must be read: JSON unless none has a JSON body. */
  responseType: string;
  /** JSON answers where some 2xx has no body, or may come without one (the overlay says so). */
  mayBeEmpty: boolean;
  /** Media types the operation answers besides JSON, which a call may ask for with `accept`. */
  alternatives: string[];
  /** The operation's own server URL, when it has one (disaster recovery). */
  server?: string;
  /** Set when the operation lists a collection: where the items and the next link are. */
  list?: { items?: string; next: "header" | "body" };
  scopes: string[];
}

/**
 * Whether an operation lists a collection, read from the spec: a GET whose 200 answer is an inline
 * array; or, when it takes an `after` cursor or is named `list…`, a named array, or an object whose only
 * member besides `_links` is an array (the next link in the body when `_links` has a `next`).
 */
function listShape(
  deref: <T>(value: T) => T,
  method: string,
  op: Json,
  params: Param[],
  schema: Json | undefined,
): SpecOperation["list"] {
  if (method !== "get" || !schema) return undefined;
  if (schema.type === "array") return { next: "header" };
  const cursor = params.some((p) => p.in === "query" && p.name === "after");
  if (!schema.$ref || !(cursor || (op.operationId as string).startsWith("list"))) return undefined;
  const target = deref(schema);
  if (target.type === "array") return { next: "header" };
  const members = (s: Json): Record<string, Json> => {
    const d = deref(s);
    return Object.assign({}, ...((d.allOf ?? []) as Json[]).map(members), d.properties ?? {});
  };
  const own = members(target);
  const names = Object.keys(own).filter((name) => name !== "_links");
  if (names.length !== 1 || deref(own[names[0]]).type !== "array") return undefined;
  const next = own._links && "next" in members(own._links) ? "body" : "header";
  return { items: names[0], next };
}

function operationsOf(spec: Json): SpecOperation[] {
  const deref = <T>(value: T): T => {
    const ref = (value as { $ref?: string })?.$ref;
    if (!ref) return value;
    return deref(ref.slice(2).split("/").reduce<unknown>((o, k) => (o as Json)[k], spec) as T);
  };
  const out: SpecOperation[] = [];
  for (const [path, item] of Object.entries(spec.paths as Record<string, Json>)) {
    for (const method of ["get", "put", "post", "delete", "patch", "head", "options"]) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const params = new Map<string, Param>();
      for (const p of [...(item.parameters as Param[] ?? []), ...(op.parameters as Param[] ?? [])]) {
        const d = deref(p);
        params.set(`${d.in}:${d.name}`, d);
      }
      const ok = deref((op.responses as Json)["200"] as Json | undefined);
      // Not dereferenced: a listing is an inline array; a named array schema is returned whole.
      const schema = (ok?.content as Record<string, Json> | undefined)?.["application/json"]?.schema as Json;
      const security = (op.security ?? []) as Record<string, string[]>[];
      const media = Object.entries(op.responses as Json).filter(([code]) => code.startsWith("2"))
        .flatMap(([, r]) => Object.keys((deref(r as Json).content ?? {}) as Json));
      const isJson = (m: string) => m === "application/json" || m.endsWith("+json");
      const requestMedia = Object.keys((deref(op.requestBody as Json | undefined)?.content ?? {}) as Json)[0];
      const jsonAnswers = media.some(isJson);
      const answers = Object.entries(op.responses as Json).filter(([code]) => code.startsWith("2"))
        .map(([, r]) => deref(r as Json));
      const mayBeEmpty = jsonAnswers &&
        answers.some((r) => !Object.keys(r.content ?? {}).length || r["x-oktakit-empty-body"] === true);
      out.push({
        id: op.operationId as string,
        method: method.toUpperCase(),
        path,
        tag: (op.tags as string[])[0],
        params: [...params.values()],
        hasBody: op.requestBody !== undefined,
        bodyType: requestMedia === undefined
          ? undefined
          : isJson(requestMedia)
          ? "json"
          : requestMedia === "multipart/form-data"
          ? "multipart"
          : "binary",
        server: (op.servers as { url: string }[] | undefined)?.[0]?.url,
        alternatives: jsonAnswers ? [...new Set(media.filter((m) => !isJson(m)))] : [],
        responseType: jsonAnswers ? "json" : media.length ? "text" : "none",
        mayBeEmpty,
        list: jsonAnswers ? listShape(deref, method, op, [...params.values()], schema) : undefined,
        scopes: [...new Set(security.flatMap((s) => s.oauth2 ?? []))],
      });
    }
  }
  return out;
}

// ---- a transport that records what it is asked to send --------------------------------------------

type Call = { kind: string; options: RequestOptions; shape?: PageShape };
function recorder(): { transport: Transport; calls: Call[] } {
  const calls: Call[] = [];
  const transport: Transport = {
    request<T>(options: RequestOptions) {
      calls.push({ kind: "request", options });
      return Promise.resolve(undefined as T);
    },
    requestWithResponse<T>(options: RequestOptions) {
      calls.push({ kind: "requestWithResponse", options });
      return Promise.resolve({ data: undefined as T, response: new Response(null) });
    },
    paginate<T>(options: RequestOptions, shape?: PageShape) {
      calls.push({ kind: "paginate", options, shape });
      return {} as Paginated<T>;
    },
  };
  return { transport, calls };
}

/** A path parameter value that needs encoding, unique per parameter. */
const sample = (name: string) => `${name} x/y?z#1`;
/**
 * The same for getUser's `id`, without the `/`: a login with a `/` is looked up by search instead (Okta
 * cannot take it in the path; tests/user_login_test.ts covers that).
 */
const sampleOf = (op: { id: string }) => (name: string) =>
  op.id === "getUser" ? sample(name).replace("/", "-") : sample(name);

function sampleQueryValue(p: Param): unknown {
  const type = (p.schema?.type as string | undefined) ?? "string";
  if (type === "array") return ["a", "b"];
  if (type === "integer" || type === "number") return 7;
  if (type === "boolean") return true;
  return `v-${p.name}`;
}

type Method = (...args: unknown[]) => unknown;
type Namespace = new (t: Transport) => Record<string, Method>;
const classes = (Object.entries(api) as [string, unknown][])
  .filter(([name, value]) => name.endsWith("Api") && typeof value === "function") as [string, Namespace][];

const operations = operationsOf(spec);

describe("generated API namespaces", () => {
  it("have one method per operation, 732 of the description and 1 of its overlay, named by operationId", () => {
    const owners = new Map<string, string[]>();
    for (const [name, cls] of classes) {
      for (const method of Object.getOwnPropertyNames(cls.prototype)) {
        if (method === "constructor") continue;
        owners.set(method, [...(owners.get(method) ?? []), name]);
      }
    }
    assert.equal(operationsOf(extract as unknown as Json).length, 732);
    const extracted = new Set(operationsOf(extract as unknown as Json).map((op) => op.id));
    assert.deepEqual(operations.filter((op) => !extracted.has(op.id)).map((op) => op.id), ADDED);
    assert.equal(operations.length, 733);
    assert.equal(operations.filter((op) => op.list).length, 135);
    assert.equal(operations.filter((op) => op.list?.items).length, 16, "lists whose pages are objects");
    assert.equal(owners.size, 733);
    for (const op of operations) {
      assert.deepEqual(owners.get(op.id), [`${op.tag.replace(/[^A-Za-z0-9]/g, "")}Api`], op.id);
    }
  });

  it("are reachable lazily from the Okta client, one instance per namespace", () => {
    const okta = new api.Okta({
      orgUrl: "https://example.okta.com",
      token: "test-token",
    }) as unknown as Record<
      string,
      unknown
    >;
    const tags = [...new Set(operations.map((op) => op.tag))];
    assert.equal(tags.length, 121);
    for (const tag of tags) {
      const caps = /^[A-Z]+(?=[A-Z][a-z]|[0-9]|$)/.exec(tag)?.[0] ?? "";
      const property = caps.length > 1
        ? caps.toLowerCase() + tag.slice(caps.length)
        : tag[0].toLowerCase() + tag.slice(1);
      const cls = (api as unknown as Record<string, new (t: Transport) => unknown>)[`${tag}Api`];
      assert.ok(okta[property] instanceof cls, `okta.${property} is a ${tag}Api`);
      assert.equal(okta[property], okta[property], `okta.${property} is created once`);
    }
  });
});

for (const tag of [...new Set(operations.map((op) => op.tag))].sort()) {
  describe(`${tag}Api`, () => {
    for (const op of operations.filter((o) => o.tag === tag)) {
      it(`${op.id}: ${op.method} ${op.path}`, () => checkOperation(op));
    }
  });
}
describe("every list method, through two pages of a client", () => {
  for (const op of operations.filter((o) => o.list)) {
    it(`${op.id} (${op.list!.items ? `items in "${op.list!.items}"` : "array"}, next in ${op.list!.next})`, () =>
      checkTwoPages(op));
  }
});

function checkOperation(op: SpecOperation): void {
  const cls = classes.find(([name]) => name === `${op.tag}Api`)![1];
  const { transport, calls } = recorder();
  const instance = new cls(transport);
  const pathParams = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const query = op.params.filter((p) => p.in === "query");
  const headers = op.params.filter((p) => p.in === "header");
  const params: Record<string, unknown> = {};
  for (const p of query) params[p.name] = sampleQueryValue(p);
  for (const p of headers) params[p.name] = `h-${p.name}`;
  const body = op.hasBody ? { probe: op.id } : undefined;
  const args: unknown[] = pathParams.map(sampleOf(op));
  if (op.hasBody) args.push(body);
  if (query.length || headers.length) args.push(params);
  args.push({ headers: { "X-Probe": op.id } });
  instance[op.id](...args);

  assert.equal(calls.length, 1);
  const { kind, options, shape } = calls[0];
  assert.equal(kind, op.list ? "paginate" : "requestWithResponse", "paginates exactly the lists");
  if (op.list?.items) assert.deepEqual(shape, { items: op.list.items, next: op.list.next }, "page shape");
  else assert.equal(shape, undefined, "page shape");
  assert.equal(options.method, op.method);
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(sampleOf(op)(name)));
  assert.equal(options.path, path);
  assert.equal(options.operationId, op.id);
  // A server of its own is named by its first host label, which the client puts before the org's host.
  assert.equal(options.server, op.server && new URL(op.server.replace(/[{}]/g, "")).hostname.split(".")[0]);
  assert.deepEqual([...(options.scopes ?? [])].sort(), [...op.scopes].sort());
  assert.equal(options.body !== undefined, op.hasBody, "body presence");
  if (op.hasBody) assert.deepEqual(options.body, body);
  assert.equal(options.bodyType ?? (op.hasBody ? "json" : undefined), op.bodyType, "body encoding");
  assert.equal(options.responseType ?? "json", op.responseType, "response reading");
  // Where the type says `| undefined`, the transport is told that an empty 2xx is no error.
  assert.equal(options.allowEmpty === true, op.mayBeEmpty && !op.list, "an empty 2xx allowed");
  const sent = Object.entries(options.query ?? {}).filter(([, v]) => v !== undefined);
  assert.deepEqual(sent.map(([k]) => k).sort(), query.map((p) => p.name).sort(), "query parameter names");
  for (const p of query) {
    const expected = p.schema?.type === "array" && p.explode === false ? "a,b" : params[p.name];
    assert.deepEqual(options.query?.[p.name], expected, `query ${p.name}`);
  }
  for (const p of headers) assert.equal(options.headers?.[p.name], `h-${p.name}`, `header ${p.name}`);
  assert.equal(options.headers?.["X-Probe"], op.id, "call options pass through");

  // Another media type is asked for with `accept`, and the body is then not read as JSON.
  if (!op.list) {
    for (const mediaType of op.alternatives) {
      const n: number = calls.length;
      instance[op.id](...args.slice(0, -1), { accept: mediaType });
      assert.equal(calls[n].options.accept, mediaType, `accept ${mediaType}`);
      assert.ok(
        ["text", "binary"].includes(calls[n].options.responseType!),
        `${mediaType} is not read as JSON`,
      );
    }
  }

  // With only the required arguments, nothing optional is sent.
  if (!query.some((p) => p.required)) {
    const minimal: unknown[] = pathParams.map(sampleOf(op));
    if (op.hasBody) minimal.push(body);
    instance[op.id](...minimal);
    const again = calls.at(-1)!.options;
    assert.deepEqual(Object.entries(again.query ?? {}).filter(([, v]) => v !== undefined), []);
    assert.equal(again.method, op.method);
  }
}

/**
 * Drives a list method of a real client over an injected fetch that answers as the spec says the pages
 * look: page 1 with one item and a next link (in the `Link` header or in `_links`), page 2 with one more.
 */
async function checkTwoPages(op: SpecOperation): Promise<void> {
  const { items, next } = op.list!;
  const urls: URL[] = [];
  const fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(new Request(input, init).url);
    urls.push(url);
    const first = urls.length === 1;
    const nextUrl = new URL(url);
    nextUrl.searchParams.set("after", "cursor-2");
    const item = { id: `item-${urls.length}` };
    const body: unknown = items
      ? { [items]: [item], _links: first && next === "body" ? { next: { href: nextUrl.href } } : {} }
      : [item];
    const headers = new Headers({ "content-type": "application/json" });
    if (first && next === "header") headers.set("link", `<${nextUrl.href}>; rel="next"`);
    return Promise.resolve(new Response(JSON.stringify(body), { headers }));
  };
  const okta = new api.Okta({ orgUrl: "https://example.okta.com", token: "t", fetch, sources: false });
  const namespace = (okta as unknown as Record<string, Record<string, Method>>)[propertyOf(op.tag)];
  const args: unknown[] = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => sample(m[1]));
  const required = op.params.filter((p) => p.required && p.in !== "path");
  if (required.length) {
    args.push(
      Object.fromEntries(required.map((p) => [p.name, p.in === "header" ? "h" : sampleQueryValue(p)])),
    );
  }
  const list = namespace[op.id](...args) as Paginated<{ id: string }>;
  const numbers: number[] = [];
  const seen: string[] = [];
  for await (const page of list.pages()) {
    numbers.push(page.number);
    seen.push(...page.items.map((i) => i.id));
    if (page.number === 1) assert.equal(page.after, "cursor-2", "the next page's after cursor");
  }
  assert.deepEqual(numbers, [1, 2]);
  assert.deepEqual(seen, ["item-1", "item-2"]);
  assert.equal(urls.length, 2);
  assert.equal(urls[1].searchParams.get("after"), "cursor-2");
  assert.equal(urls[1].pathname, urls[0].pathname);
}

/** The client property of a tag's namespace (`UserFactor` → `userFactor`, `CAPTCHA` → `captcha`). */
function propertyOf(tag: string): string {
  const name = tag.replace(/[^A-Za-z0-9]/g, "");
  const caps = /^[A-Z]+(?=[A-Z][a-z]|[0-9]|$)/.exec(name)?.[0] ?? "";
  return caps.length > 1
    ? caps.toLowerCase() + name.slice(caps.length)
    : name[0].toLowerCase() + name.slice(1);
}
