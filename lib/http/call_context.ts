/**
 * One call's context: the caller's signal and the `requestTimeout` deadline combined into the one signal
 * that every part of the call honours (the throttle, token requests, ky's attempts, waits between retries,
 * body reads, cache reads), and the translation of whatever ends the call into oktakit's errors.
 *
 * @module
 */
import { isOktaError } from "../error_guards.ts";
import { NetworkError, OktaError, TimeoutError } from "../errors.ts";
import { redactText } from "../log.ts";
import type { RequestOptions } from "../transport.ts";
import type { CallState } from "./ky_instance.ts";
import type { RateLimitScheduler } from "./scheduler.ts";
import { backoffDelay, IDEMPOTENT_METHODS } from "./retry_policy.ts";

/** A call's state and the function that releases its timer. */
export interface OpenCall {
  /** The state ky's hooks and the send loop share. */
  state: CallState;
  /** Clears the deadline timer and aborts what is left of the call; call it when the call is over. */
  close(): void;
}

/**
 * Opens a call: `state.signal` aborts when the caller's `signal` does (with its reason) or when
 * `requestTimeoutMs` runs out (with a {@linkcode TimeoutError}), whichever comes first.
 */
export function openCall(requestTimeoutMs: number | undefined, caller: AbortSignal | undefined): OpenCall {
  const state: CallState = { rateLimited: 0, failed: 0, auth: 0, sent: 0, caller };
  if (requestTimeoutMs === undefined) {
    state.signal = caller;
    return { state, close() {} };
  }
  state.deadline = Date.now() + requestTimeoutMs;
  const controller = new AbortController();
  state.signal = controller.signal;
  const onAbort = () => controller.abort(caller!.reason);
  if (caller?.aborted) onAbort();
  else caller?.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(
    () => controller.abort(new TimeoutError(`requestTimeout (${requestTimeoutMs} ms) ran out.`)),
    requestTimeoutMs,
  );
  return {
    state,
    close() {
      clearTimeout(timer);
      caller?.removeEventListener("abort", onAbort);
      // Whatever still works for this call (a token request no other call waits for) can stop now.
      if (!controller.signal.aborted) controller.abort(new TimeoutError("The call is over."));
    },
  };
}

/**
 * Turns whatever ended a call into what the caller sees: the caller's own abort reason when they
 * aborted; a {@linkcode TimeoutError} when the deadline did; oktakit's errors as they are; ky's and the
 * runtime's errors as {@linkcode TimeoutError}, {@linkcode NetworkError} or {@linkcode OktaError} with
 * redacted causes. Argument mistakes (`TypeError`s raised before sending) stay `TypeError`s.
 */
export function callFailure(
  error: unknown,
  options: RequestOptions,
  state: CallState,
  limits: { requestTimeoutMs?: number; maxRetries: number },
): unknown {
  if (state.caller?.aborted) return state.caller.reason ?? error;
  const what = `${options.method.toUpperCase()} ${options.path.split("?")[0]}`;
  // Past the deadline every failure is the deadline's doing, except an answer that arrived with it.
  const timedOut = state.signal?.aborted === true;
  if (isOktaError(error) && error !== state.signal?.reason) return error;
  const name = (error as Error)?.name;
  if (timedOut || name === "TimeoutError") {
    // ky's own whole-call timeout may fire a moment before the deadline's timer does.
    const spent = timedOut || (state.deadline !== undefined && Date.now() >= state.deadline - 50);
    const limit = spent
      ? `requestTimeout (${limits.requestTimeoutMs} ms)`
      : "connectionTimeout (per attempt)";
    return new TimeoutError(`${what} did not finish within ${limit}; ${attempts(state)}.`, { cause: error });
  }
  if (name === "NetworkError") {
    return new NetworkError(
      `${what} failed without an HTTP answer ${retryNote(options.method, state, limits.maxRetries)}: ${
        rootMessage(error)
      }`,
      { cause: error, attempts: state.sent },
    );
  }
  // Argument mistakes (a header the client owns, an unsafe path parameter) stay TypeErrors.
  if (error instanceof TypeError && state.sent === 0) return error;
  return new OktaError(`${what} failed: ${redactText((error as Error)?.message ?? String(error))}`, {
    cause: error,
  });
}

/** "1 attempt", "3 attempts". */
export function attempts(state: CallState): string {
  return `${state.sent} attempt${state.sent === 1 ? "" : "s"} made`;
}

/**
 * How often a failed call was sent and why not more, for messages: "(3 attempts made)",
 * "(1 attempt made; not retried: POST is not idempotent)", "(1 attempt made; maxRetries is 0)".
 */
export function retryNote(method: string, state: CallState, maxRetries: number): string {
  if (!IDEMPOTENT_METHODS.includes(method.toLowerCase())) {
    return `(${attempts(state)}; not retried: ${method.toUpperCase()} is not idempotent)`;
  }
  return maxRetries === 0 ? `(${attempts(state)}; maxRetries is 0)` : `(${attempts(state)})`;
}

/** The message of the innermost cause: the runtime's own words about a connection failure. */
function rootMessage(error: unknown): string {
  let current = error as { message?: string; cause?: unknown } | undefined;
  while (current?.cause instanceof Error) current = current.cause;
  return redactText(current?.message ?? String(error));
}

/**
 * Okta's policy for a failure that may have reached the server (a 502/503/504, a network failure, a timeout,
 * a connection lost mid-body): another attempt only for an idempotent `method` and only while `maxRetries`
 * allows. When it does, the failure is counted and the wait (`wait`, else backoff) and `reason` are set on
 * `state`.
 */
export function retryAfterFailure(
  state: CallState,
  method: string,
  maxRetries: number,
  reason: string,
  wait?: number,
): boolean {
  if (!IDEMPOTENT_METHODS.includes(method.toLowerCase()) || state.failed >= maxRetries) return false;
  state.failed++;
  state.wait = wait ?? backoffDelay(state.failed);
  state.reason = reason;
  return true;
}

/**
 * Waits for the scheduler's permit for the next attempt; a permit that arrives after the call ended goes back.
 * Here rather than beside ky's instances: the send loop imports it, and ky must not load before the first call.
 */
export async function schedule(
  scheduler: RateLimitScheduler,
  state: CallState,
  retry: boolean,
): Promise<void> {
  const permit = scheduler.acquire(state.bucket!, state, retry);
  state.permit = permit instanceof Promise ? await permit : permit;
  if (state.done) scheduler.settle(state);
}
