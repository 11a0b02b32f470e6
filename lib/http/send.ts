/**
 * One call from start to finish: URL, headers and body, the cache, the ky instance, logging, and the
 * decoded result or error.
 *
 * @module
 */
import type { ClientCore } from "../client_core.ts";
import type { RequestOptions } from "../transport.ts";
import { assertCustomHeader } from "./headers.ts";
import type { CallState } from "./ky_instance.ts";
import { errorFromBody, readBody } from "./response.ts";
import type { HTTPError } from "ky";
import type { HttpError } from "../errors.ts";
import { bucketOf } from "./buckets.ts";
import { buildUrl, pathOf } from "./url.ts";

/** Sends `options` through `core` and decodes the answer; non-2xx answers throw. */
export async function sendOnce<T>(
  core: ClientCore,
  customHeaders: Record<string, string>,
  options: RequestOptions,
  state: CallState,
): Promise<{ data: T; response: Response }> {
  const { config, logger, cache } = core;
  const method = options.method.toUpperCase();
  const url = buildUrl(config.client.orgUrl, options.path, options.query);
  const path = pathOf(url);
  // A plain object: ky copies headers into a Headers of its own anyway.
  const headers: Record<string, string> = { ...customHeaders, "user-agent": core.userAgent };
  if (options.headers) {
    for (const [name, value] of Object.entries(options.headers)) {
      assertCustomHeader(name, value, true);
      headers[name.toLowerCase()] = value;
    }
  }
  const type = options.responseType ?? "json";
  headers.accept = type === "json" || type === "none" ? "application/json" : "*/*";

  const cacheable = cache && method === "GET" && type === "json";
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
    logger.debug(`${method} ${url}`, { headers, body: options.body });
  }
  state.signal = options.signal;
  if (core.requestTimeoutMs) state.deadline = started + core.requestTimeoutMs;
  state.bucket = bucketOf(method, path);
  let response: Response;
  try {
    response = await core.ky(url, {
      method,
      headers,
      ...encodeBody(options),
      signal: options.signal,
      context: { okta: state },
    });
  } catch (error) {
    state.done = true;
    // Retryable statuses throw inside ky; once retries are spent, they arrive here with the body read.
    if ((error as Error)?.name !== "HTTPError") {
      core.scheduler?.settle(state);
      throw error;
    }
    const { response: failed, data } = error as HTTPError;
    response = failed;
    core.scheduler?.settle(state, response);
    const body = typeof data === "string" ? data : data === undefined ? "" : JSON.stringify(data);
    throw logged(core, errorFromBody(response, body, method, url, options.scopes), state, started);
  }
  core.scheduler?.settle(state, response);
  const requestId = response.headers.get("x-okta-request-id");
  if (core.logging) {
    logger.info(`${method} ${path} ${response.status} in ${Date.now() - started} ms`, {
      requestId,
      rateLimitRemaining: response.headers.get("x-rate-limit-remaining"),
      retries: state.rateLimited + state.failed + state.auth,
    });
  }
  if (!response.ok) {
    const body = await response.text().catch(() => "");
    throw logged(core, errorFromBody(response, body, method, url, options.scopes), state, started);
  }
  if (cache && method !== "GET" && method !== "HEAD") await cache.evict(url);
  if (cacheable) await cache.put(url, response.clone());
  return { data: await readBody(response, type, method) as T, response };
}

/** Logs a failed call (when logging is on) and returns its error. */
function logged(core: ClientCore, error: HttpError, state: CallState, started: number): HttpError {
  if (core.logging) {
    core.logger.error(`${error.message} (${Date.now() - started} ms)`, {
      requestId: error.requestId,
      retries: state.rateLimited + state.failed + state.auth,
    });
  }
  return error;
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
