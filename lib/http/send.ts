/**
 * One call from start to finish: URL, headers and body, the cache, the ky instance, logging, and the
 * decoded result or error.
 *
 * @module
 */
import type { ClientCore } from "../client.ts";
import type { RequestOptions } from "../transport.ts";
import { assertCustomHeader } from "./headers.ts";
import { type CallState, retryOptions } from "./ky_instance.ts";
import { errorFor, readBody } from "./response.ts";
import { buildUrl } from "./url.ts";

/** Sends `options` through `core` and decodes the answer; non-2xx answers throw. */
export async function sendOnce<T>(
  core: ClientCore,
  customHeaders: Record<string, string>,
  options: RequestOptions,
  state: CallState,
): Promise<{ data: T; response: Response }> {
  const { config, logger, cache } = core;
  const method = options.method.toUpperCase();
  const target = buildUrl(config.client.orgUrl, options.path, options.query);
  const url = target.href;
  const path = target.pathname;
  const headers = new Headers(customHeaders);
  headers.set("user-agent", core.userAgent);
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    assertCustomHeader(name, value, true);
    headers.set(name, value);
  }
  const type = options.responseType ?? "json";
  headers.set("accept", type === "json" || type === "none" ? "application/json" : "*/*");

  const cacheable = cache && method === "GET" && (options.responseType ?? "json") === "json";
  if (cacheable) {
    const hit = await cache.get(url);
    if (hit) {
      if (core.verbose) logger.debug(`GET ${path} served from cache`);
      return { data: await readBody(hit, "json", method) as T, response: hit };
    }
  }

  const started = Date.now();
  // Built only when DEBUG is on: redacting a body costs more than the call's own overhead. The leveled
  // logger redacts what it is given.
  if (core.verbose) {
    logger.debug(`${method} ${url}`, { headers: Object.fromEntries(headers), body: options.body });
  }
  const response = await core.ky(url, {
    method,
    headers,
    ...encodeBody(options),
    signal: options.signal,
    retry: retryOptions(core.maxRetries, state),
    context: { okta: state },
  });
  const requestId = response.headers.get("x-okta-request-id");
  if (core.logging) {
    logger.info(`${method} ${path} ${response.status} in ${Date.now() - started} ms`, {
      requestId,
      rateLimitRemaining: response.headers.get("x-rate-limit-remaining"),
      retries: state.rateLimited + state.failed + state.auth,
    });
  }
  if (!response.ok) {
    const error = await errorFor(response, method, url, options.scopes);
    logger.error(error.message, { requestId, status: response.status });
    throw error;
  }
  if (cache && method !== "GET" && method !== "HEAD") await cache.evict(url);
  if (cacheable) await cache.put(url, response.clone());
  return { data: await readBody(response, options.responseType ?? "json", method) as T, response };
}

/** The ky body options for a call's `bodyType`. */
function encodeBody(options: RequestOptions): { json?: unknown; body?: BodyInit } {
  const { body } = options;
  if (body === undefined) return {};
  switch (options.bodyType ?? "json") {
    case "form":
      return {
        body: body instanceof URLSearchParams ? body : new URLSearchParams(body as Record<string, string>),
      };
    case "multipart": {
      if (body instanceof FormData) return { body };
      const form = new FormData();
      for (const [name, value] of Object.entries(body as Record<string, string | Blob>)) {
        form.append(name, value);
      }
      return { body: form };
    }
    case "binary":
      return { body: body as BodyInit };
    default:
      return { json: body };
  }
}
