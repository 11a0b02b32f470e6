/**
 * The client's one ky instance: it makes each attempt, and never retries (the attempt loop decides). It
 * carries the fetch, the per-attempt timeout (`connectionTimeout`), `redirect: "manual"` (the loop follows
 * same-origin redirects itself), the default and static-auth headers, the auth hook, and the user's hooks.
 * Per-call data reaches the hooks through ky's `context` option. Every status comes back as a `Response`
 * (`throwHttpErrors: false`), so ky reads no body and clones no request.
 *
 * @module
 */
import ky, { type BeforeRequestHook, type KyInstance, type Options } from "ky";
import type { AuthStrategy, Hooks } from "../seams.ts";
import type { CallContext } from "./context.ts";
import { kyHooks } from "./hooks.ts";

/** What the instance is built from. */
export interface KyOptions {
  /** The fetch to send with (already wrapped for proxies and TLS). */
  fetch: typeof fetch;
  /** Authorizes each attempt, unless `staticHeaders` carry the credential. */
  auth: AuthStrategy;
  /** Headers every request carries whatever the attempt (a static token's `Authorization`). */
  staticHeaders?: Record<string, string>;
  /** The headers a call sends unless it says otherwise (`User-Agent`, `Accept: application/json`). */
  defaultHeaders: Record<string, string>;
  /** Per-attempt timeout in ms, or `false`. */
  timeout: number | false;
  /** The user's hooks, if any. */
  hooks?: Hooks;
}

/** The instance, and whether calls must pass their context (a hook reads it). */
export interface Sender {
  /** Sends one attempt. */
  ky: KyInstance;
  /** Whether calls must pass `context: { okta: CallContext }`. */
  needsContext: boolean;
  /**
   * The option a call's text body may go as rather than ky's `body` ({@linkcode TEXT_BODY}); absent when a
   * hook of the user's would see the `Request` (whose body would then be empty).
   */
  textBody?: string;
}

/**
 * The ky option that carries a call's text body (serialised JSON) past ky, to fetch as it is. ky forwards
 * every option it does not know to `fetch` as its second argument; the instance's fetch sends the text with
 * the `Request` ky built without a body. A `Request` built with a text body, then re-read by `fetch`, costs
 * a POST about 20 µs on Node (`bench/README.md`).
 */
export const TEXT_BODY = "oktakitTextBody";

/** Builds the one ky instance of a client. */
export function createSender(config: KyOptions): Sender {
  const { auth } = config;
  const authorize: BeforeRequestHook | undefined = config.staticHeaders
    ? undefined
    : async ({ request, options }) => {
      const context = options.context.okta as CallContext;
      context.request = request;
      await auth.authorize(request, context.signal);
    };
  const user = config.hooks ? kyHooks(config.hooks) : undefined;
  const beforeRequest = [...(authorize ? [authorize] : []), ...(user?.beforeRequest ?? [])];
  const send = config.fetch;
  const textBody = user ? undefined : TEXT_BODY;
  const options: Options = {
    fetch: textBody
      ? (input, init) => {
        const body = (init as Record<string, unknown> | undefined)?.[TEXT_BODY];
        if (typeof body !== "string") return send(input, init);
        const { url, method, headers, signal, redirect } = input as Request;
        return send(url, { method, headers, body, signal, redirect });
      }
      : send,
    // Redirects are followed by the attempt loop, same origin and safe methods only: a runtime following a
    // 307 to another origin would re-send the body and the DPoP proof there.
    redirect: "manual",
    timeout: config.timeout,
    throwHttpErrors: false,
    retry: 0,
    headers: { ...config.defaultHeaders, ...config.staticHeaders },
  };
  // ky merges every instance option into every call's: only the hooks a client needs are set.
  if (beforeRequest.length > 0 || user) {
    options.hooks = {
      beforeRequest,
      ...(user && { afterResponse: user.afterResponse, beforeError: user.beforeError }),
    };
  }
  return { ky: ky.create(options), needsContext: beforeRequest.length > 0, textBody };
}
