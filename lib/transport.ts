/**
 * The contract between the hand-written core and the generated API namespaces: a namespace turns a
 * typed call into a {@linkcode RequestOptions} and hands it to a {@linkcode Transport}.
 *
 * @module
 */
import type { PageShape, Paginated } from "./paginate.ts";

/** A value accepted in a query string; arrays repeat the parameter, `undefined` omits it. */
export type QueryValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly (string | number | boolean)[];

/** How a request body is encoded. */
export type BodyType = "json" | "form" | "multipart" | "binary";

/** How a response body is read. */
export type ResponseType = "json" | "text" | "binary" | "none";

/** Per-call options every method accepts as its last argument. */
export interface CallOptions {
  /** Cancels the call, including any wait between retries. */
  signal?: AbortSignal;
  /** Extra headers for this call only; they cannot replace `Authorization`, `User-Agent` or `Accept`. */
  headers?: Record<string, string>;
}

/** One request, described independently of how it is sent. */
export interface RequestOptions extends CallOptions {
  /** HTTP method, upper case: `GET`, `POST`, `PUT`, `PATCH`, `DELETE`, `HEAD`. */
  method: string;
  /**
   * The path below the org URL, starting with `/` (for example `/api/v1/users/00u1`), with every path
   * parameter already percent-encoded. An absolute URL on the org's origin is accepted too (pagination
   * follows `Link` URLs that way); any other origin is refused.
   */
  path: string;
  /** Query parameters; `undefined` values are left out. */
  query?: Record<string, QueryValue>;
  /** The body: a JSON value, a form record, a `FormData`, or a `Blob`/`Uint8Array` for binary uploads. */
  body?: unknown;
  /** How {@linkcode RequestOptions.body} is encoded. Default `"json"`. */
  bodyType?: BodyType;
  /**
   * How the response is read. Default `"json"`: an empty body reads as `undefined` on a 202, 204 or 205,
   * and is an `InvalidResponseError` on any other status unless {@linkcode RequestOptions.allowEmpty} is set.
   */
  responseType?: ResponseType;
  /**
   * An empty body on any successful status reads as `undefined` instead of throwing an
   * `InvalidResponseError`. Generated methods set it where the API description or its real-world overlay
   * (`spec/overlay.json`) says a 2xx answer may come without a body.
   */
  allowEmpty?: boolean;
  /**
   * The media type to ask for (the `Accept` header), for operations that answer several, such as
   * `application/pkcs10` for a certificate signing request. Default: `application/json` for JSON and
   * `none`, `*\/*` otherwise. Pair it with the `responseType` the media type is read as.
   */
  accept?: string;
  /**
   * Send to a server of the API description other than the org URL, by name: `"drapp"` (disaster
   * recovery; see the `drappUrl` option). `path` is then below that server's URL.
   */
  server?: string;
  /** The OpenAPI `operationId`, for logs and error messages. */
  operationId?: string;
  /** The OAuth 2.0 scopes the operation requires, named in 403 errors. */
  scopes?: readonly string[];
  /**
   * For {@linkcode Transport.paginate} only: pages requested ahead of the one being read, for this list
   * (`0` turns prefetching off); default the client's `prefetch` option. `pages({ prefetch })` and
   * `toArray({ prefetch })` override it for one iteration.
   */
  prefetch?: number;
}

/** Something that sends {@linkcode RequestOptions}; the client implements it. */
export interface Transport {
  /** Sends one request and returns its decoded body; non-2xx answers throw. */
  request<T>(options: RequestOptions): Promise<T>;
  /** Sends one request and returns its decoded body together with the raw `Response`. */
  requestWithResponse<T>(options: RequestOptions): Promise<{ data: T; response: Response }>;
  /**
   * Lists a collection lazily, following `Link: rel="next"` headers. Without `shape` each page is a JSON
   * array; with it, a page is an object whose `shape.items` member holds the items.
   */
  paginate<T>(options: RequestOptions, shape?: PageShape): Paginated<T>;
}
