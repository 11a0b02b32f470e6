/**
 * Drives every generated API method against a recording transport and compares the request it builds
 * with the operation in Okta's OpenAPI description, read from the YAML at test time (not from the
 * generated code). Where the spec cannot be read (workerd has no file system), the tests skip and say why.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parse } from "@std/yaml";
import * as api from "../api/mod.ts";
import type { Paginated } from "../lib/paginate.ts";
import type { RequestOptions, Transport } from "../lib/transport.ts";

// ---- the spec, read independently of the generator ------------------------------------------------

type Json = Record<string, unknown>;
const g = globalThis as unknown as {
  Deno?: {
    readTextFile(path: URL | string): Promise<string>;
    env: { get(name: string): string | undefined };
  };
  Bun?: { file(path: URL | string): { text(): Promise<string> } };
  process?: { env?: Record<string, string | undefined>; versions?: { node?: string } };
};

/** Where files can be read: Deno, Bun and Node, but not workerd (which may still expose `process`). */
function canReadFiles(): boolean {
  const agent = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent ?? "";
  if (agent.startsWith("Cloudflare-Workers")) return false;
  return Boolean(g.Deno || g.Bun || g.process?.versions?.node);
}

async function loadSpec(): Promise<Json | string> {
  if (!canReadFiles()) return "no file system in this runtime, so the OpenAPI file cannot be read";
  let location: URL | string = "../shared/spec/okta-management.yaml";
  try {
    location = new URL("../../shared/spec/okta-management.yaml", import.meta.url);
    location = (g.Deno ? g.Deno.env.get("OKTA_SPEC") : g.process?.env?.OKTA_SPEC) ?? location;
  } catch { /* Deno without --allow-env: keep the default location */ }
  try {
    if (g.Deno) return parse(await g.Deno.readTextFile(location)) as Json;
    if (g.Bun) return parse(await g.Bun.file(location).text()) as Json;
    // A computed specifier keeps bundlers for file-less runtimes from pulling in node:fs.
    const specifier = "node:fs/promises";
    const fs = await import(specifier) as { readFile(p: URL | string, e: string): Promise<string> };
    return parse(await fs.readFile(location, "utf8")) as Json;
  } catch (error) {
    return `OpenAPI file not readable at ${String(location)}: ${(error as Error).message} (set OKTA_SPEC)`;
  }
}

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
  paginated: boolean;
  scopes: string[];
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
        responseType: media.some(isJson) ? "json" : media.length ? "text" : "none",
        paginated: schema?.type === "array",
        scopes: [...new Set(security.flatMap((s) => s.oauth2 ?? []))],
      });
    }
  }
  return out;
}

// ---- a transport that records what it is asked to send --------------------------------------------

function recorder(): { transport: Transport; calls: { kind: string; options: RequestOptions }[] } {
  const calls: { kind: string; options: RequestOptions }[] = [];
  const transport: Transport = {
    request<T>(options: RequestOptions) {
      calls.push({ kind: "request", options });
      return Promise.resolve(undefined as T);
    },
    requestWithResponse<T>(options: RequestOptions) {
      calls.push({ kind: "requestWithResponse", options });
      return Promise.resolve({ data: undefined as T, response: new Response(null) });
    },
    paginate<T>(options: RequestOptions) {
      calls.push({ kind: "paginate", options });
      return {} as Paginated<T>;
    },
  };
  return { transport, calls };
}

/** A path parameter value that needs encoding, unique per parameter. */
const sample = (name: string) => `${name} x/y?z#1`;

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

const spec = await loadSpec();
const skip = typeof spec === "string" ? spec : false;
const operations = typeof spec === "string" ? [] : operationsOf(spec);

describe("generated API namespaces", () => {
  it("have one method per operation, 732 in all, named by operationId", { skip }, () => {
    const owners = new Map<string, string[]>();
    for (const [name, cls] of classes) {
      for (const method of Object.getOwnPropertyNames(cls.prototype)) {
        if (method === "constructor") continue;
        owners.set(method, [...(owners.get(method) ?? []), name]);
      }
    }
    assert.equal(operations.length, 732);
    assert.equal(operations.filter((op) => op.paginated).length, 119);
    assert.equal(owners.size, 732);
    for (const op of operations) {
      assert.deepEqual(owners.get(op.id), [`${op.tag.replace(/[^A-Za-z0-9]/g, "")}Api`], op.id);
    }
  });

  it("are reachable lazily from the Okta client, one instance per namespace", { skip }, () => {
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
if (skip) {
  describe("generated API methods", () =>
    it(`match the OpenAPI description (skipped: ${skip})`, { skip }, () => {}));
}

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
  const args: unknown[] = pathParams.map(sample);
  if (op.hasBody) args.push(body);
  if (query.length || headers.length) args.push(params);
  args.push({ headers: { "X-Probe": op.id } });
  instance[op.id](...args);

  assert.equal(calls.length, 1);
  const { kind, options } = calls[0];
  assert.equal(
    kind,
    op.paginated ? "paginate" : "requestWithResponse",
    "paginates exactly when the 200 response is an array",
  );
  assert.equal(options.method, op.method);
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(sample(name)));
  assert.equal(options.path, path);
  assert.equal(options.operationId, op.id);
  assert.deepEqual([...(options.scopes ?? [])].sort(), [...op.scopes].sort());
  assert.equal(options.body !== undefined, op.hasBody, "body presence");
  if (op.hasBody) assert.deepEqual(options.body, body);
  assert.equal(options.bodyType ?? (op.hasBody ? "json" : undefined), op.bodyType, "body encoding");
  assert.equal(options.responseType ?? "json", op.responseType, "response reading");
  const sent = Object.entries(options.query ?? {}).filter(([, v]) => v !== undefined);
  assert.deepEqual(sent.map(([k]) => k).sort(), query.map((p) => p.name).sort(), "query parameter names");
  for (const p of query) {
    const expected = p.schema?.type === "array" && p.explode === false ? "a,b" : params[p.name];
    assert.deepEqual(options.query?.[p.name], expected, `query ${p.name}`);
  }
  for (const p of headers) assert.equal(options.headers?.[p.name], `h-${p.name}`, `header ${p.name}`);
  assert.equal(options.headers?.["X-Probe"], op.id, "call options pass through");

  // With only the required arguments, nothing optional is sent.
  if (!query.some((p) => p.required)) {
    const minimal: unknown[] = pathParams.map(sample);
    if (op.hasBody) minimal.push(body);
    instance[op.id](...minimal);
    const again = calls[1].options;
    assert.deepEqual(Object.entries(again.query ?? {}).filter(([, v]) => v !== undefined), []);
    assert.equal(again.method, op.method);
  }
}
