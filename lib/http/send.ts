/**
 * One call from start to finish: URL, headers and body, the cache, the ky instance, redirects, the body
 * read (retried like a network failure for idempotent methods when the connection fails mid-body),
 * logging, and the decoded result or error.
 *
 * @module
 */
import type { ClientCore } from "../client_core.ts";
import type { RequestOptions } from "../transport.ts";
import { assertCustomHeader } from "./headers.ts";
import type { CallState } from "./ky_instance.ts";
import { decodeBody, type Decoded, errorFromBody, readText, untilAborted } from "./response.ts";
import type { HTTPError, Options } from "ky";
import { isOktaError } from "../error_guards.ts";
import { type HttpError, NetworkError } from "../errors.ts";
import { redactText } from "../log.ts";
import { bucketOf } from "./buckets.ts";
import { retryAfterFailure, retryNote, schedule } from "./call_context.ts";
import { isRedirect, redirectTarget } from "./redirect.ts";
import { serverUrl } from "./servers.ts";
import { buildUrl, pathOf } from "./url.ts";

/**
 * Sends `options` through `core` and decodes the answer; non-2xx answers throw. `list` marks a page of
 * a list, which is never cached.
 */
export async function sendOnce<T>(
  core: ClientCore,
  customHeaders: Record<string, string>,
  options: RequestOptions,
  state: CallState,
  list = false,
): Promise<{ data: T; response: Response }> {
  const { config, logger, cache } = core;
  const method = options.method.toUpperCase();
  const base = options.server === undefined ? config.client.orgUrl : serverUrl(core.servers, options.server);
  const url = buildUrl(base, options.path, options.query, core.trustedOrigins, config.client.orgUrl);
  const path = pathOf(url);
  // Only the headers that differ from the ky instances' (the credentials, User-Agent and Accept:
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
  if (cacheable) {
    const hit = await untilAborted(cache.get(url), state.signal);
    if (hit) {
      if (core.verbose) logger.debug(`GET ${path} served from cache`);
      return { data: (await decodeBody(hit, "json", method, url, state.signal)).data as T, response: hit };
    }
  }

  const started = Date.now();
  // Built only when DEBUG is on: redacting a body costs more than the call's own overhead. The leveled
  // logger redacts what it is given.
  if (core.verbose) {
    const sent = { ...core.defaultHeaders, ...headers };
    logger.debug(`${method} ${url}`, { headers: sent, body: options.body });
  }
  // Hooks read the call's state from the options ky hands to fetch (see lib/hooks.ts).
  const hooked = core.hooked ? { oktaCall: state } : undefined;
  if (hooked) state.operationId = options.operationId;
  state.bucket = bucketOf(method, path);
  const body = encodeBody(options, headers);
  // ky clones a request before each attempt whenever it may retry it, which for a body is a copy of its
  // stream. The loop below makes every retry itself (a body that is not a stream can simply be sent again),
  // so ky never has to clone; only a stream body goes through the instance whose retries ky makes.
  const once = !(body.body instanceof ReadableStream);
  const ky = once ? core.http.once : core.http.ky;
  const context = once && !core.http.onceNeedsContext ? undefined : { okta: state };
  let target = url;
  let retry = false;
  try {
    for (let hops = 0;;) {
      let response: Response;
      // This attempt's permit and count (ky's beforeRetry takes care of the retries it makes itself).
      if (core.scheduler) await schedule(core.scheduler, state, retry);
      state.sent++;
      if (retry && state.retryFor) {
        headers["x-okta-retry-for"] = state.retryFor;
        headers["x-okta-retry-count"] = String(state.rateLimited);
      }
      try {
        // Only the options this call needs: ky merges each one into the instance's on every call.
        const kyOptions: Options = { method, ...body };
        for (const _ in headers) {
          kyOptions.headers = headers;
          break;
        }
        if (state.signal) kyOptions.signal = state.signal;
        if (context) kyOptions.context = context;
        response = await ky(target, hooked ? { ...kyOptions, ...hooked } : kyOptions);
      } catch (error) {
        // Statuses that may be retried throw inside ky, with the body read; so do network failures and timeouts.
        if ((error as Error)?.name !== "HTTPError") {
          if (once && await failedToSend(core, method, path, state, error)) {
            retry = true;
            continue;
          }
          throw error;
        }
        const { response: failed, data, request } = error as HTTPError;
        if (once && await core.http.retryAgain(state, request, failed)) {
          await core.http.waitBeforeRetry(state, `${method} ${path}`, error, state.sent);
          retry = true;
          continue;
        }
        core.scheduler?.settle(state, failed);
        const text = typeof data === "string" ? data : data === undefined ? "" : JSON.stringify(data);
        throw logged(core, errorFromBody(failed, text, method, target, options.scopes), state, started);
      }
      core.scheduler?.settle(state, response);
      if (isRedirect(response)) {
        const next = redirectTarget(response, target, method, hops++, url);
        await response.body?.cancel().catch(() => {});
        if (core.logging) logger.warn(`${method} ${pathOf(target)} redirected to ${pathOf(next)}; following`);
        target = next;
        continue;
      }
      if (core.logging) {
        logger.info(`${method} ${path} ${response.status} in ${Date.now() - started} ms`, {
          requestId: response.headers.get("x-okta-request-id"),
          rateLimitRemaining: response.headers.get("x-rate-limit-remaining"),
          retries: state.rateLimited + state.failed + state.auth,
        });
      }
      if (!response.ok) {
        const text = await readText(response, state.signal).catch(() => "");
        throw logged(core, errorFromBody(response, text, method, target, options.scopes), state, started);
      }
      let decoded: Decoded;
      try {
        decoded = await decodeBody(response, type, method, target, state.signal);
      } catch (error) {
        // A typed error (an unusable body) or the call's own abort ends the call; anything else is the
        // connection failing mid-body, which is a network failure like any other.
        if (isOktaError(error) || state.signal?.aborted) throw error;
        await bodyFailed(core, method, path, state, error);
        continue;
      }
      if (cache && method !== "GET" && method !== "HEAD") await cache.evict(url, decoded.data);
      if (cacheable && decoded.text !== undefined) await cache.put(url, response, decoded.text, decoded.data);
      return { data: decoded.data as T, response };
    }
  } finally {
    // A permit the scheduler grants after the call ended goes straight back.
    state.done = true;
    core.scheduler?.settle(state);
  }
}

/**
 * After an attempt of a call that ky does not retry failed to get an answer (a network failure or the
 * per-attempt timeout): true, once the wait is over, when the method is idempotent and retries are left.
 * The call's own deadline or the caller's abort, and a POST whose request may have arrived, end the call.
 */
async function failedToSend(
  core: ClientCore,
  method: string,
  path: string,
  state: CallState,
  error: unknown,
): Promise<boolean> {
  if (isOktaError(error) || state.signal?.aborted) return false;
  const name = (error as Error)?.name ?? "";
  if (name !== "NetworkError" && name !== "TimeoutError") return false;
  if (!retryAfterFailure(state, method, core.maxRetries, name)) return false;
  core.scheduler?.settle(state);
  await core.http.waitBeforeRetry(state, `${method} ${path}`, error, state.sent);
  return true;
}

/**
 * After a connection failed while the body was read: waits to send again when the method is idempotent
 * and retries are left (the same budget, wait and deadline as any network failure), else throws a
 * {@linkcode NetworkError}.
 */
async function bodyFailed(
  core: ClientCore,
  method: string,
  path: string,
  state: CallState,
  error: unknown,
): Promise<void> {
  const what = `${method} ${path}`;
  const message = redactText((error as Error)?.message ?? String(error));
  if (retryAfterFailure(state, method, core.maxRetries, `The connection failed mid-body (${message})`)) {
    await core.http.waitBeforeRetry(state, what, error, state.sent);
    return;
  }
  throw new NetworkError(
    `${what}: the connection failed while the response body was read ${
      retryNote(method, state, core.maxRetries)
    }: ${message}`,
    { cause: error, attempts: state.sent },
  );
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

/** The body for a call's `bodyType` (a JSON body is serialised here, once, and its content type set). */
function encodeBody(options: RequestOptions, headers: Record<string, string>): { body?: BodyInit } {
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
      // Serialised once, here, rather than by ky on every attempt.
      headers["content-type"] ??= "application/json";
      return { body: JSON.stringify(body) };
  }
}
