/**
 * Where every generated method becomes a request. A namespace holds one {@linkcode Operation} row per
 * method (what the API description says about it, as data) and each method is one line that passes its
 * row and its arguments here; {@linkcode call} and {@linkcode list} build the `RequestOptions` and hand
 * them to the transport. With the code in one place and the rows made only when a namespace is first
 * constructed, loading the 121 namespaces costs little beyond declaring their classes.
 *
 * @module
 */
import { OktaCall } from "./call.ts";
import type { PageShape, Paginated } from "./paginate.ts";
import { encodePathParam } from "./path.ts";
import { nearest } from "./nearest.ts";
import type { BodyType, RequestOptions, Transport } from "./transport.ts";
import { getUserByLogin, needsLoginSearch } from "./user_lookup.ts";

/**
 * The run-time facts of one operation, as the generator writes them. A method's arguments are, in order:
 * one per `{name}` of {@linkcode Operation.path}, the body when {@linkcode Operation.body} is set, the
 * parameters object when {@linkcode Operation.query} or {@linkcode Operation.headers} is set, and the call
 * options. A parameter or call option the operation does not have is a `TypeError` before anything is sent:
 * from JavaScript, or through a cast, a misspelled `search` would otherwise list every user.
 */
export interface Operation {
  /** The `operationId`, for logs and error messages. */
  readonly id: string;
  /** HTTP method, upper case. */
  readonly method: string;
  /** The path template; each `{name}` is filled, percent-encoded, from the leading arguments in order. */
  readonly path: string;
  /** The OAuth 2.0 scopes the operation requires, named in 403 errors. */
  readonly scopes: readonly string[];
  /** Set when the method takes a body: how it is encoded (`json` is the transport's default). */
  readonly body?: BodyType;
  /** The `Content-Type` a body goes as when it is neither JSON nor multipart (the caller's header wins). */
  readonly contentType?: string;
  /** The names of the query parameters, when the parameters object has any. */
  readonly query?: readonly string[];
  /** Members of the parameters object sent as headers rather than in the query. */
  readonly headers?: readonly string[];
  /** Array query parameters sent as one comma-separated value (`style: form, explode: false`). */
  readonly joined?: readonly string[];
  /** How the response is read when it is not JSON. */
  readonly response?: "text" | "none";
  /**
   * True when a 2xx answer may come without a body (the API description or its overlay says so): the call
   * then resolves to `undefined` rather than failing (`RequestOptions.allowEmpty`).
   */
  readonly empty?: true;
  /** Media types besides JSON the caller may ask for with `accept`, and how each is read. */
  readonly accept?: Readonly<Record<string, "text" | "binary">>;
  /** The server the operation goes to instead of the org URL, by name (`drapp`). */
  readonly server?: string;
  /** Where the items and the next link are when a list's pages are objects rather than arrays. */
  readonly page?: PageShape;
}

/** The call options as a method receives them (`accept` only where the operation has alternatives). */
type Options = Partial<RequestOptions> | undefined;

/** A row once used: its path template split into literal parts and parameter names, alternately. */
interface Used extends Operation {
  segments?: string[];
}

/** Builds the request a method's arguments describe; a bad path parameter throws a `TypeError`. */
export function requestOf(op: Operation, args: readonly unknown[]): RequestOptions {
  // `"/users/{id}/roles"` → `["/users/", "id", "/roles"]`, once per operation.
  const segments = (op as Used).segments ??= op.path.split(/\{([^}]+)\}/);
  let path = segments[0];
  let at = 0; // the next argument
  for (let i = 1; i < segments.length; i += 2) {
    path += encodePathParam(segments[i], args[at++] as string) + segments[i + 1];
  }
  const body = op.body === undefined ? undefined : args[at++];
  const params = op.query || op.headers ? args[at++] as Record<string, unknown> | undefined : undefined;
  const options = args[at] as Options;
  // `for...in` over a few own keys and `includes` over a short list: well under a microsecond a call.
  if (params != null) {
    for (const name in params) {
      if (!op.query?.includes(name) && !op.headers?.includes(name)) unknownName(op, name, "parameter");
    }
  }
  if (options != null) {
    for (const name in options) {
      if (name !== "signal" && name !== "headers" && (name !== "accept" || op.accept === undefined)) {
        unknownName(op, name, "option");
      }
    }
  }
  const request: RequestOptions = {
    ...options,
    method: op.method,
    path,
    operationId: op.id,
    scopes: op.scopes,
  };
  let query = params;
  let headers: Record<string, string> | undefined;
  if (op.headers !== undefined) {
    query = {};
    headers = {};
    for (const name in params) {
      if (!Object.hasOwn(params, name)) continue;
      const value = params[name];
      if (!op.headers.includes(name)) query[name] = value;
      else if (value !== undefined) headers[name] = value as string;
    }
  }
  if (op.contentType !== undefined) (headers ??= {})["Content-Type"] = op.contentType;
  // Header parameters first, then the body's media type, then the caller's own headers, which win.
  if (headers !== undefined) request.headers = { ...headers, ...options?.headers };
  if (op.server !== undefined) request.server = op.server;
  if (op.query) {
    if (op.joined !== undefined && query) {
      query = { ...query };
      for (const name of op.joined) query[name] = (query[name] as unknown[] | undefined)?.join(",");
    }
    request.query = query as RequestOptions["query"];
  }
  if (op.body !== undefined) {
    request.body = body;
    if (op.body !== "json") request.bodyType = op.body;
  }
  if (op.response !== undefined) request.responseType = op.response;
  if (op.empty) request.allowEmpty = true;
  if (op.accept !== undefined) {
    const accept = options?.accept;
    request.responseType = accept !== undefined && Object.hasOwn(op.accept, accept)
      ? op.accept[accept]
      : undefined;
  }
  return request;
}

/** Throws the `TypeError` for a name `op` does not have, with the nearest one it has. */
function unknownName(op: Operation, name: string, kind: "parameter" | "option"): never {
  const known = kind === "parameter"
    ? [...op.query ?? [], ...op.headers ?? []]
    : ["signal", "headers", ...op.accept === undefined ? [] : ["accept"]];
  const guess = nearest(name, known);
  const has = known.length ? `it has ${known.join(", ")}` : "it has none";
  throw new TypeError(
    `${op.id}: unknown ${kind === "parameter" ? "query parameter" : "call option"} "${name}"` +
      `${guess ? `: did you mean "${guess}"?` : ""} (${has}). Nothing was sent.`,
  );
}

/**
 * Sends a non-list operation: `args` are the method's arguments. A bad path parameter rejects the call
 * rather than throwing at the caller.
 */
export function call<T>(transport: Transport, op: Operation, ...args: unknown[]): OktaCall<T> {
  let request: RequestOptions;
  try {
    request = requestOf(op, args);
  } catch (error) {
    return new OktaCall<T>(Promise.reject(error));
  }
  // Okta cannot take a login with a `/` in the path: such a getUser is a search on profile.login.
  if (needsLoginSearch(op.id, args[0])) {
    return new OktaCall<T>(getUserByLogin<T>(transport, request, args[0]));
  }
  return new OktaCall<T>(transport.requestWithResponse<T>(request));
}

/** Lists a collection lazily: `args` are the method's arguments. A bad path parameter throws at once. */
export function list<T>(transport: Transport, op: Operation, ...args: unknown[]): Paginated<T> {
  const request = requestOf(op, args);
  return op.page === undefined ? transport.paginate<T>(request) : transport.paginate<T>(request, op.page);
}
