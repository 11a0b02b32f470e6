/**
 * Turns responses into data or into the right error: Okta's JSON errors, OAuth errors, and anything else
 * a proxy in front of an org may answer.
 *
 * @module
 */
import { HttpError, OktaApiError } from "../errors.ts";
import type { ResponseType } from "../transport.ts";
import { pathOf } from "./url.ts";

/** Reads a successful response's body as `type` asks. A body that should be JSON but is not throws. */
export async function readBody(response: Response, type: ResponseType, method: string): Promise<unknown> {
  if (type === "none" || response.status === 204 || method === "HEAD") {
    await response.body?.cancel();
    return undefined;
  }
  if (type === "binary") return new Uint8Array(await response.arrayBuffer());
  const text = await response.text();
  if (type === "text") return text;
  // Not `text.trim()`: that copies the whole body (a 200-user page is ~100 KB) just to test for blankness.
  if (!/\S/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new HttpError({
      status: response.status,
      method,
      url: response.url,
      headers: response.headers,
      body: text,
      cause,
      message:
        `${method} ${pathOf(response.url)} answered HTTP ${response.status} with a body that is not JSON ` +
        `(content type ${response.headers.get("content-type") ?? "none"}); a proxy may be in the way.`,
    });
  }
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
  const snippet = body.replace(/\s+/g, " ").trim().slice(0, 120);
  return new HttpError({
    ...facts,
    message: `${method} ${pathOf(url)} failed with HTTP ${response.status}` +
      (snippet ? ` and a non-JSON body: ${snippet}` : " and an empty body") + ".",
  });
}
