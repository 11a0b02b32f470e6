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
}

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
  const options: Options = {
    fetch: config.fetch,
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
  return { ky: ky.create(options), needsContext: beforeRequest.length > 0 };
}
