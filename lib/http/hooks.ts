/**
 * The user's {@linkcode Hooks} as ky hooks on the client's one ky instance: each attempt is seen, retries
 * included, with the operation it belongs to, its retry count and its timing, read from the call's context
 * (ky's `context` option). A client without hooks installs none of this.
 *
 * @module
 */
import type { Hooks as KyHooks } from "ky";
import type { AttemptInfo, Hooks } from "../seams.ts";
import type { AttemptMark, CallContext } from "./context.ts";

/** The attempt facts hooks are given. */
function infoOf(context: CallContext, request: Request): AttemptInfo {
  return {
    operationId: context.operationId,
    method: request.method,
    url: request.url,
    retryCount: context.retries,
    startedAt: context.attempt!.startedAt,
  };
}

/**
 * ky hooks that run `hooks` around each attempt: `beforeRequest` once the request is authorized,
 * `afterResponse` for every HTTP answer, `onError` for an attempt that left and got no answer.
 */
export function kyHooks(
  hooks: Hooks,
): Required<Pick<KyHooks, "beforeRequest" | "afterResponse" | "beforeError">> {
  return {
    beforeRequest: [async ({ request, options }) => {
      const context = options.context.okta as CallContext;
      const mark: AttemptMark = { startedAt: Date.now(), started: 0, sent: false, answered: false };
      context.attempt = mark;
      await hooks.beforeRequest?.(request, infoOf(context, request));
      mark.started = performance.now();
      mark.sent = true;
    }],
    afterResponse: [async ({ request, options, response }) => {
      const context = options.context.okta as CallContext;
      const mark = context.attempt!;
      mark.answered = true;
      // ky hands hooks a clone: the body stays the client's.
      await hooks.afterResponse?.(response, {
        ...infoOf(context, request),
        durationMs: performance.now() - mark.started,
      });
    }],
    beforeError: [async ({ request, options, error }) => {
      const context = options.context.okta as CallContext;
      const mark = context.attempt;
      // Only an attempt that left and got no answer: not an auth failure or a hook's own error.
      if (!mark?.sent || mark.answered) return error;
      mark.answered = true;
      const cause = error.name === "NetworkError" && error.cause !== undefined ? error.cause : error;
      await hooks.onError?.(cause, {
        ...infoOf(context, request),
        durationMs: performance.now() - mark.started,
      });
      return error;
    }],
  };
}
