/**
 * Turns responses into data or into the right error: Okta's JSON errors, OAuth errors, and anything else
 * a proxy in front of an org may answer, including successful statuses whose body cannot be used.
 *
 * @module
 */
import { HttpError, invalid, OktaApiError, withoutPeriod } from "../errors.ts";
import { pathOf } from "../path.ts";
import { untilAborted } from "../sleep.ts";
import type { ResponseType } from "../transport.ts";
import { type BodyLimits, readBytes, readTextWithin } from "./body.ts";

/** A decoded body, with its text when it was read as text (for the cache). */
export interface Decoded {
  /** The value the call resolves to. */
  data: unknown;
  /** The body as text, for JSON and text responses. */
  text?: string;
}

/** Statuses that may come without a body even where the operation declares one. */
const EMPTY_ALLOWED = [202, 204, 205];

/**
 * Reads a successful response's body as `type` asks, within `limits`, giving up when `signal` aborts. A JSON
 * body that is empty (unless `allowEmpty`: the operation may answer without one), garbled or HTML throws an
 * {@linkcode InvalidResponseError}, and so does one past `limits.maxBytes`; a stalled body a `TimeoutError`. A
 * connection that fails mid-body rejects with the runtime's error (the caller decides on a retry).
 */
export async function decodeBody(
  response: Response,
  type: ResponseType,
  method: string,
  url: string,
  signal: AbortSignal | undefined,
  limits: BodyLimits = {},
  allowEmpty = false,
): Promise<Decoded> {
  if (type === "none" || response.status === 204 || method === "HEAD") {
    await response.body?.cancel().catch(() => {});
    return { data: undefined };
  }
  if (type === "binary") {
    const bytes = await untilAborted(readBytes(response, limits, { method, url }), signal);
    // A view of exactly the body: callers may hand `.buffer` on.
    return {
      data: bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice(),
    };
  }
  const text = await readText(response, signal, limits, method, url);
  if (type === "text") return { data: text, text };
  // Not `text.trim()`: that copies the whole body (a 200-user page is ~100 KB) just to test for blankness.
  if (!/\S/.test(text)) {
    if (allowEmpty || EMPTY_ALLOWED.includes(response.status)) return { data: undefined, text };
    throw invalid(
      response,
      method,
      url,
      text,
      'with an empty body where JSON was expected (use responseType "none" for an endpoint without one)',
    );
  }
  try {
    return { data: JSON.parse(text), text };
  } catch (cause) {
    throw invalid(
      response,
      method,
      url,
      text,
      `with a body that is not JSON (content type ${
        response.headers.get("content-type") ?? "none"
      }); a proxy may be in the way`,
      cause,
    );
  }
}

/** The body as text within `limits`, read until `signal` aborts (then rejecting with its reason). */
export function readText(
  response: Response,
  signal: AbortSignal | undefined,
  limits: BodyLimits = {},
  method = "GET",
  url: string = response.url,
): Promise<string> {
  // Without limits (a cached entry's body, already in memory), the runtime's own reader is the fastest.
  if (limits.maxBytes === undefined && limits.idleMs === undefined) {
    return untilAborted(response.text(), signal);
  }
  return untilAborted(readTextWithin(response, limits, { method, url }), signal);
}

/**
 * Builds the error for a non-2xx response whose body has been read as `body`; `scopes` are the
 * operation's required OAuth scopes.
 */
export function errorFromBody(
  response: Response,
  body: string,
  method: string,
  url: string,
  scopes?: readonly string[],
): HttpError {
  const facts = { status: response.status, method, url, headers: response.headers, body };
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    // Not JSON: an HTML error page from a proxy or a plain-text answer.
  }
  if (data && typeof data === "object" && "errorCode" in data) {
    return new OktaApiError({ ...facts, data: data as Record<string, unknown>, scopes });
  }
  if (data && typeof data === "object" && "error" in data) {
    const oauth = data as { error: unknown; error_description?: unknown };
    const code = String(oauth.error);
    const description = oauth.error_description ? `: ${oauth.error_description}` : "";
    return new OktaApiError({
      ...facts,
      data: { errorCode: code, errorSummary: `${code}${description}` },
      scopes,
    });
  }
  if (isEdgePage(data)) {
    // Okta's edge (`Server: Apache`) answers some 404s itself, as JSON without a content type.
    return new HttpError({
      ...facts,
      message: `${method} ${pathOf(url)} failed with HTTP ${response.status} from Okta's edge, not its API: ${
        withoutPeriod(String(data.message)).slice(0, 120)
      } (check the path and the org URL).`,
    });
  }
  const snippet = body.replace(/\s+/g, " ").trim().slice(0, 120);
  return new HttpError({
    ...facts,
    message: `${method} ${pathOf(url)} failed with HTTP ${response.status}` +
      (snippet ? ` and a non-JSON body: ${snippet}` : " and an empty body") + ".",
  });
}

/** Okta's edge's own error page: `{"status":404,"message":"Resource not found"}`. */
function isEdgePage(data: unknown): data is { status: number; message: string } {
  return typeof data === "object" && data !== null &&
    typeof (data as { status?: unknown }).status === "number" &&
    typeof (data as { message?: unknown }).message === "string";
}
