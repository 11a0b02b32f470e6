/**
 * One API call from start to finish: URL, headers and body, the cache, the attempt loop over the client's
 * one ky instance, logging, and the decoded result or error.
 *
 * @module
 */
import type { Options } from "ky";
import type { HttpError, RateLimitError } from "../errors.ts";
import type { AuthStrategy, Logger } from "../seams.ts";
import type { RequestOptions } from "../transport.ts";
import { type LoopOptions, runAttempts } from "./attempts.ts";
import type { BodyLimits } from "./body.ts";
import type { CacheStamp, ResponseCache } from "./cache.ts";
import type { CallContext } from "./context.ts";
import { assertCustomHeader } from "./headers.ts";
import type { Sender } from "./ky.ts";
import { bucketOf } from "./rate_limit/buckets.ts";
import { rateLimitedError } from "./rate_limited.ts";
import { decodeBody, errorFromBody, readText } from "./response.ts";
import { serverUrl, type ServerUrls } from "./servers.ts";
import { pathOf } from "../path.ts";
import { buildUrl } from "./url.ts";
import { redactUrl } from "../log.ts";

/** What the HTTP layer needs of a client, bound once from its resolved configuration (`lib/bind.ts`). */
export interface HttpCore {
  /** The org URL, without a trailing slash. */
  readonly orgUrl: string;
  /** Base URLs of the servers some operations use instead of the org URL, by name. */
  readonly servers: ServerUrls;
  /** Origins an absolute URL may point at besides the org's: the servers'. */
  readonly trustedOrigins: readonly string[];
  /** The one ky instance. */
  readonly sender: Sender;
  /** What the attempt loop shares across calls: limits, scheduler, logger, wait policy. */
  readonly loop: LoopOptions;
  /** The authentication strategy (asked to mend a 401). */
  readonly auth: AuthStrategy;
  /** The response cache, when enabled. */
  readonly cache?: ResponseCache;
  /** The logger (silent when logging is off). */
  readonly logger: Logger;
  /** Whether logging is on at all. */
  readonly logging: boolean;
  /** Whether DEBUG records are written (request and response details). */
  readonly verbose: boolean;
  /** `user-agent` and `accept`, as the ky instance sends them unless a call says otherwise. */
  readonly defaultHeaders: Readonly<Record<string, string>>;
  /** `maxResponseBytes` and `bodyIdleTimeout`, applied to every body read from the network. */
  readonly bodyLimits: BodyLimits;
}

/** ky's errors for an attempt without an answer. */
function noAnswer(error: unknown): "network" | "timeout" | undefined {
  const name = (error as Error)?.name;
  return name === "NetworkError" ? "network" : name === "TimeoutError" ? "timeout" : undefined;
}

/**
 * Sends `options` and decodes the answer; non-2xx answers throw. `list` marks a page of a list, which is
 * never cached; `onHeaders` is told of a successful answer, and of the URL the request was built with, before
 * its body is read (pagination requests the next page then).
 */
export async function sendRequest<T>(
  core: HttpCore,
  customHeaders: Record<string, string>,
  options: RequestOptions,
  context: CallContext,
  list = false,
  onHeaders?: (response: Response, url: string) => void,
): Promise<{ data: T; response: Response }> {
  const { logger, cache } = core;
  const method = options.method.toUpperCase();
  const base = options.server === undefined ? core.orgUrl : serverUrl(core.servers, options.server);
  const url = buildUrl(base, options.path, options.query, core.trustedOrigins, core.orgUrl);
  const path = pathOf(url);
  // Only the headers that differ from the ky instance's (the credentials, User-Agent and Accept:
  // application/json): on most calls none, and then ky has no headers of the call's to merge.
  const headers: Record<string, string> = { ...customHeaders };
  if (options.headers) {
    for (const [name, value] of Object.entries(options.headers)) {
      assertCustomHeader(name, value, true);
      headers[name.toLowerCase()] = value;
    }
  }
  const type = options.responseType ?? "json";
  const accept = options.accept ?? (type === "json" || type === "none" ? undefined : "*/*");
  if (accept !== undefined || "accept" in headers) headers.accept = accept ?? "application/json";

  const cacheable = cache && method === "GET" && type === "json" && !list;
  let stamp: CacheStamp | undefined;
  if (cacheable) {
    const hit = await context.race(cache.get(url));
    if (hit) {
      if (core.verbose) logger.debug(`GET ${path} served from cache`);
      return { data: (await decodeBody(hit, "json", method, url, context.signal)).data as T, response: hit };
    }
    // Taken before the request leaves: a write evicting the resource meanwhile keeps this answer out.
    stamp = await context.race(cache.stamp(url));
  }

  const started = Date.now();
  // Built only when DEBUG is on: redacting a body costs more than the call's own overhead. The leveled
  // logger redacts what it is given.
  if (core.verbose) {
    logger.debug(`${method} ${redactUrl(url)}`, {
      headers: { ...core.defaultHeaders, ...headers },
      body: options.body,
    });
  }
  context.operationId = options.operationId;
  // Only the options this call needs: ky merges each one into the instance's on every call.
  const kyOptions: Options = { method };
  const encoded = encodeBody(options, headers, context);
  const body = encoded instanceof Promise ? await encoded : encoded;
  const { textBody } = core.sender;
  if (typeof body === "string" && textBody) {
    (kyOptions as Record<string, unknown>)[textBody] = body;
  } else if (body !== undefined) kyOptions.body = body;
  for (const _ in headers) {
    kyOptions.headers = headers;
    break;
  }
  if (context.signal) kyOptions.signal = context.signal;
  if (core.sender.needsContext) kyOptions.context = { okta: context };
  const what = `${method} ${path}`;
  let target = url;
  const { auth } = core;
  const bucket = bucketOf(method, path);
  const failed = (response: Response, text: string) => {
    // A 429 reaches here only when the policy retries no more: every 429 that ends a call is a
    // RateLimitError, so "rate limited" is caught with one type.
    const error = response.status === 429
      ? rateLimitedError(response, text, method, target, {
        bucket,
        attempts: context.sent,
        retried: context.rateLimited,
        maxRetries: core.loop.maxRetries,
      })
      : errorFromBody(response, text, method, target, options.scopes);
    return logged(core, error, context, started);
  };
  return await runAttempts(core.loop, context, {
    method,
    url,
    what,
    bucket,
    orgUrl: core.orgUrl,
    send(to, retry) {
      target = to;
      if (retry && context.retryFor) {
        headers["x-okta-retry-for"] = context.retryFor;
        headers["x-okta-retry-count"] = String(context.rateLimited);
        kyOptions.headers = headers;
      }
      context.attempt = undefined;
      return core.sender.ky(to, kyOptions);
    },
    noAnswer,
    // A 401, or a 400 carrying a DPoP-Nonce (a `use_dpop_nonce` demand can come with either).
    mend: auth.onResponse &&
      (async (response) =>
        (response.status === 401 || response.status === 400 && response.headers.has("dpop-nonce")) &&
        context.request !== undefined &&
        await auth.onResponse!(context.request, response, context.auth) === "retry"),
    async read(response) {
      if (core.logging) {
        logger.info(`${method} ${path} ${response.status} in ${Date.now() - started} ms`, {
          requestId: response.headers.get("x-okta-request-id"),
          rateLimitRemaining: response.headers.get("x-rate-limit-remaining"),
          retries: context.retries,
        });
      }
      const limits = core.bodyLimits;
      if (!response.ok) {
        throw failed(
          response,
          await readText(response, context.signal, limits, method, target).catch(() => ""),
        );
      }
      onHeaders?.(response, url);
      const decoded = await decodeBody(
        response,
        type,
        method,
        target,
        context.signal,
        limits,
        options.allowEmpty,
      );
      if (cache && method !== "GET" && method !== "HEAD") await cache.evict(url, decoded.data);
      if (cacheable && stamp && decoded.text !== undefined) {
        await cache.put(url, response, decoded.text, decoded.data, stamp);
      }
      return { data: decoded.data as T, response };
    },
  });
}

/** Logs a failed call (when logging is on) and returns its error. */
function logged<E extends HttpError | RateLimitError>(
  core: HttpCore,
  error: E,
  context: CallContext,
  started: number,
): E {
  if (core.logging) {
    core.logger.error(`${error.message} (${Date.now() - started} ms)`, {
      requestId: error.requestId,
      retries: context.retries,
    });
  }
  return error;
}

/**
 * The body for a call's `bodyType`. A JSON body is serialised here, once, and its content type set; a stream
 * is read once into a `Blob`, so that every attempt can send it whole.
 */
function encodeBody(
  options: RequestOptions,
  headers: Record<string, string>,
  context: CallContext,
): BodyInit | undefined | Promise<Blob> {
  const { body } = options;
  if (body === undefined) return undefined;
  switch (options.bodyType ?? "json") {
    case "form":
      return body instanceof URLSearchParams ? body : new URLSearchParams(body as Record<string, string>);
    case "multipart": {
      if (body instanceof FormData) return body;
      const form = new FormData();
      for (const [name, value] of Object.entries(body as Record<string, string | Blob>)) {
        form.append(name, value);
      }
      return form;
    }
    case "binary":
      // The one case that waits, and only for a stream: every other call encodes without a microtask.
      return body instanceof ReadableStream ? context.race(new Response(body).blob()) : body as BodyInit;
    default:
      headers["content-type"] ??= "application/json";
      return JSON.stringify(body);
  }
}
