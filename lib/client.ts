/**
 * The client core: configuration, authentication and HTTP bound together, sending any request with
 * Okta's retry, rate-limit and error behaviour. The typed API namespaces sit on top of it.
 *
 * @module
 */
import { copyOptions, type OktaClientOptions } from "./config/options.ts";
import { resolveConfig } from "./config/load.ts";
import { bind, type Bound, loadSending } from "./bind.ts";
import { invalid } from "./errors.ts";
import { CallContext } from "./http/context.ts";
import { CustomHeaders } from "./http/headers.ts";
import { sendRequest } from "./http/request.ts";
import { withCallerQuery } from "./http/url.ts";
import { REDACTED } from "./log.ts";
import { type PageShape, type Paginated, paginated } from "./paginate.ts";
import { pageOf } from "./page_shape.ts";
import type { RequestOptions, Transport } from "./transport.ts";
import { isLogPolling, type LogTail, tailLogs, type TailLogsOptions } from "./system_log.ts";

/**
 * The core client: sends any request to the Management API with authentication, retries, rate-limit
 * handling, errors and pagination. `Okta` (the full client) extends it with a typed namespace per API tag;
 * use `OktaClient` with individual namespace classes to keep bundles small.
 *
 * Configuration is read lazily: problems surface as a `ConfigError` from the first call, or from
 * {@linkcode OktaClient.ready} if you call it first.
 *
 * @example Any endpoint, with the same auth, retries and errors
 * ```ts ignore
 * import { OktaClient } from "@oktakit/management";
 * const okta = new OktaClient({ orgUrl: "https://dev-123456.okta.com", token: "00abc..." });
 * const user = await okta.request<{ id: string }>({ method: "GET", path: "/api/v1/users/me" });
 * for await (const group of okta.paginate<{ id: string }>({ method: "GET", path: "/api/v1/groups" })) {
 *   console.log(group.id);
 * }
 * ```
 */
export class OktaClient implements Transport {
  /** Headers sent with every request; see {@linkcode CustomHeaders}. */
  readonly headers: CustomHeaders;
  #options: OktaClientOptions;
  #core: Promise<Bound> | undefined;

  /**
   * Creates a client. Options take precedence over the environment and `okta.yaml` files. They are copied
   * now (functions, stores and other objects are kept as given): changing the object afterwards does not
   * change the client.
   */
  constructor(options: OktaClientOptions = {}) {
    // From JavaScript, `new Okta(null)` or `new Okta("https://...")` would otherwise fail deep inside with
    // "Cannot read properties of null": say what the constructor takes instead.
    if (options === null || typeof options !== "object" || Array.isArray(options)) {
      throw new TypeError(
        `The Okta client takes an options object, such as { orgUrl: "https://dev-123456.okta.com", token: "..." }, ` +
          `or nothing (to read okta.yaml and the environment); it was given ${describe(options)}.`,
      );
    }
    this.#options = copyOptions(options);
    this.headers = new CustomHeaders(this.#options.headers);
  }

  /** Resolves and validates the configuration now, throwing `ConfigError` listing every problem. */
  async ready(): Promise<void> {
    await this.#getCore();
  }

  /**
   * The headers every request carries, as lower-case names: `user-agent` (with your `userAgent`),
   * `accept` and `content-type` (`application/json`; a call may send another), and your custom headers.
   * Never `Authorization` or `DPoP`, which are made per attempt. Async because the `userAgent` may come
   * from a configuration file or the environment, read on first use.
   *
   * @example
   * ```ts ignore
   * console.log(await okta.getDefaultHeaders()); // { "user-agent": "oktakit/0.1.0 deno/2.9.6", ... }
   * ```
   */
  async getDefaultHeaders(): Promise<Record<string, string>> {
    const core = await this.#getCore();
    return {
      ...this.headers.toObject(),
      ...core.defaultHeaders,
      "content-type": "application/json",
    };
  }

  /** Sends one request and returns its decoded body. Non-2xx answers throw an `OktaError` subclass. */
  async request<T>(options: RequestOptions): Promise<T> {
    return (await this.requestWithResponse<T>(options)).data;
  }

  /** Sends one request and returns its decoded body and the `Response` (headers, status). */
  requestWithResponse<T>(options: RequestOptions): Promise<{ data: T; response: Response }> {
    return this.#send<T>(options, false);
  }

  /**
   * One call; `list` marks a page of a list (never cached), and `headers` is told of a page's answer as soon
   * as its headers are in, before its body is read.
   */
  async #send<T>(
    options: RequestOptions,
    list: boolean,
    headers?: (response: Response, url: string) => void,
  ): Promise<{ data: T; response: Response }> {
    const core = await this.#getCore();
    const context = new CallContext(core.requestTimeoutMs, options.signal);
    try {
      return await sendRequest<T>(core, this.headers.toObject(), options, context, list, headers);
    } catch (error) {
      throw context.fail(error, options.method, options.path, core.loop.maxRetries);
    } finally {
      context.close();
    }
  }

  /**
   * Lists a collection lazily, following `Link: rel="next"` (relative targets and saved cursors are
   * resolved against the response's URL or the org URL). The caller's query parameters are kept on later
   * pages even when the server's next link leaves them out. The next page is requested while the current
   * one is read (the client's `prefetch` option; {@linkcode PagesOptions.prefetch} per iteration). The System
   * Log without `until` (a polling stream, whose next link never ends) stops at its first empty page and is
   * never requested ahead; {@linkcode OktaClient.tailLogs} keeps polling.
   */
  paginate<T>(options: RequestOptions, shape?: PageShape): Paginated<T> {
    const polling = isLogPolling(options);
    const bodyLinks = shape?.next === "body";
    return paginated<T>(async (cursor, page) => {
      const orgUrl = (await this.#getCore()).orgUrl;
      const next = cursor === undefined
        ? undefined
        : /^https?:\/\//i.test(cursor)
        ? cursor
        : new URL(cursor, `${orgUrl}/`).href;
      let call = next === undefined
        ? options
        : { ...options, path: withCallerQuery(next, options.query), query: undefined };
      if (page?.signal) {
        // A page requested ahead: the consumer's stopping aborts it, as does the caller's own signal.
        call = {
          ...call,
          signal: options.signal ? AbortSignal.any([options.signal, page.signal]) : page.signal,
        };
      }
      const early = page?.headers && !bodyLinks ? page.headers : undefined;
      // The page's own URL: the cursor's, or for the first page the one the request was built with (told with
      // the answer's headers, so it is built once).
      let url = next;
      const { data, response } = await this.#send<unknown>(call, true, (response, sent) => {
        url ??= sent;
        early?.(response, url);
      });
      if (shape) return { ...pageOf<T>(data, response, shape, options), url: url! };
      if (!Array.isArray(data)) {
        throw invalid(
          response,
          options.method,
          response.url || options.path,
          JSON.stringify(data) ?? "",
          "with JSON that is not an array, where a page of a list (a JSON array) was expected",
        );
      }
      return { items: data as T[], response, url: url! };
    }, {
      stopOnEmptyPage: polling,
      prefetch: polling ? 0 : options.prefetch ?? (async () => (await this.#getCore()).prefetch),
    });
  }

  /**
   * Follows the System Log as it grows: yields events from `since` (default: now), and once caught up
   * (an empty page) waits `interval` seconds and asks again, through the client's usual path (auth,
   * rate limits, retries). Ends, without an error, when `signal` aborts.
   *
   * @example
   * ```ts ignore
   * const stop = new AbortController();
   * for await (const event of okta.tailLogs({ filter: 'eventType eq "user.session.start"', signal: stop.signal })) {
   *   console.log(event.published, event.displayMessage);
   * }
   * ```
   */
  tailLogs<E = Record<string, unknown>>(options: TailLogsOptions = {}): LogTail<E> {
    return tailLogs<E>(this, options);
  }

  /** A redacted summary: serializing a client never reveals its credentials. */
  toJSON(): Record<string, unknown> {
    return {
      orgUrl: this.#options.orgUrl,
      authorizationMode: this.#options.authorizationMode,
      token: this.#options.token === undefined ? undefined : REDACTED,
      privateKey: this.#options.privateKey === undefined ? undefined : REDACTED,
      headers: this.headers.toObject(),
    };
  }

  /** Deno's and Node's inspection show the same redacted summary. */
  [Symbol.for("Deno.customInspect")](): string {
    return `OktaClient ${JSON.stringify(this.toJSON())}`;
  }

  /** Node's `util.inspect` hook. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `OktaClient ${JSON.stringify(this.toJSON())}`;
  }

  #getCore(): Promise<Bound> {
    if (this.#core) return this.#core;
    // ky and the scheduler load while the configuration is read; a failure to load surfaces from bind,
    // which waits for the same imports.
    loadSending().catch(() => {});
    // A failed resolution is not cached, so a corrected environment or file is picked up by the next call.
    this.#core = resolveConfig(this.#options).then(bind).catch((error) => {
      this.#core = undefined;
      throw error;
    });
    return this.#core;
  }
}

/** How an argument that is not an options object is named in the constructor's error (never its value). */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? "a string" : typeof value;
}
