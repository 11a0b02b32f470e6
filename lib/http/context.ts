/**
 * One call's context: the one place that knows its deadline. The caller's signal and the `requestTimeout`
 * deadline are combined into one signal that every part of the call honours (the rate-limit queue, token
 * requests, each attempt, waits between retries, body and cache reads); the counts of its attempts and
 * retries; and the translation of whatever ends the call into oktakit's errors.
 *
 * @module
 */
import { isOktaError } from "../error_guards.ts";
import { NetworkError, OktaError, RateLimitError, TimeoutError } from "../errors.ts";
import { redactText } from "../log.ts";
import { sleep, timerMs, untilAborted } from "../sleep.ts";
import { attemptsMade, MAX_WAIT_MS, type RetryCounts, retryNote } from "./retry.ts";

/** Facts a hook learns about the attempt in flight (see `hooks.ts`). */
export interface AttemptMark {
  /** When it was sent (epoch ms) and its `performance.now()`. */
  startedAt: number;
  started: number;
  /** Whether the request left (hooks before it passed) and whether an answer came. */
  sent: boolean;
  answered: boolean;
}

/** One call's signal, deadline and counts; see the module documentation. */
export class CallContext implements RetryCounts {
  /** Aborts when the caller's signal does (with its reason) or the deadline passes (with a `TimeoutError`). */
  readonly signal: AbortSignal | undefined;
  /** When `requestTimeout` runs out (epoch ms), if it is set. */
  readonly deadline: number | undefined;
  /** Retries after a 429 (sent as `X-Okta-Retry-Count`). */
  rateLimited = 0;
  /** Retries after a 5xx, a network failure, a timeout or a lost body. */
  failed = 0;
  /** Retries an auth strategy asked for. */
  auth = 0;
  /** How many times the request has been sent (first attempt, retries and followed redirects). */
  sent = 0;
  /** The `X-Okta-Request-Id` of the first 429, sent back as `X-Okta-Retry-For`. */
  retryFor: string | undefined;
  /** The operation, for hooks. */
  operationId: string | undefined;
  /** The attempt in flight, for hooks. */
  attempt: AttemptMark | undefined;
  /** The request of the latest attempt as the auth strategy authorized it (asked about a 401). */
  request: Request | undefined;
  readonly #caller: AbortSignal | undefined;
  readonly #timeoutMs: number | undefined;
  readonly #controller: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #onAbort: (() => void) | undefined;

  /** Opens a call with `requestTimeoutMs` (or none) and the caller's `signal`. */
  constructor(requestTimeoutMs: number | undefined, caller: AbortSignal | undefined) {
    this.#caller = caller;
    this.#timeoutMs = requestTimeoutMs;
    if (requestTimeoutMs === undefined) {
      this.signal = caller;
      this.deadline = undefined;
      return;
    }
    this.deadline = Date.now() + requestTimeoutMs;
    const controller = this.#controller = new AbortController();
    this.signal = controller.signal;
    const onAbort = this.#onAbort = () => controller.abort(caller!.reason);
    if (caller?.aborted) onAbort();
    else caller?.addEventListener("abort", onAbort, { once: true });
    this.#timer = setTimeout(
      () => controller.abort(new TimeoutError(`requestTimeout (${requestTimeoutMs} ms) ran out.`)),
      timerMs(requestTimeoutMs),
    );
  }

  /** Retries of every kind so far. */
  get retries(): number {
    return this.rateLimited + this.failed + this.auth;
  }

  /**
   * Throws a {@linkcode TimeoutError} when waiting `ms` before sending `what` would pass the deadline:
   * there is no point sleeping through the rest of the budget.
   */
  check(ms: number, what: string): void {
    const { deadline } = this;
    if (deadline === undefined || Date.now() + ms < deadline) return;
    throw new TimeoutError(
      `${what}: requestTimeout runs out before it could be sent (the wait would be ${
        Number.isFinite(ms) ? `${ms} ms` : "unbounded"
      }, ${Math.max(0, deadline - Date.now())} ms are left).`,
    );
  }

  /**
   * Waits `ms` before sending `what`, or fails at once: a {@linkcode TimeoutError} when the deadline would
   * pass first, a {@linkcode RateLimitError} when the wait is longer than {@linkcode MAX_WAIT_MS}. The
   * call's signal cuts the wait short.
   */
  async wait(ms: number, what: string): Promise<void> {
    this.check(ms, what);
    if (!(ms <= MAX_WAIT_MS)) {
      const shown = Number.isFinite(ms) ? `${Math.round(ms / 1000)} s` : "unbounded";
      throw new RateLimitError(
        `${what}: the server asked for a wait of ${shown}, longer than the ${
          MAX_WAIT_MS / 1000
        } s the client ` +
          "waits at most; failing now instead. Try again later or slow down.",
        { waitMs: ms, maxWaitMs: MAX_WAIT_MS, attempts: this.sent },
      );
    }
    await sleep(ms, this.signal);
  }

  /**
   * `promise`, or a rejection with the signal's reason as soon as it aborts. A real fetch's body read stops
   * by itself when its request's signal aborts; a body from an injected fetch or a store may not.
   */
  race<T>(promise: Promise<T>): Promise<T> {
    return untilAborted(promise, this.signal);
  }

  /**
   * Turns whatever ended the call into what the caller sees: the caller's own abort reason when they
   * aborted; a {@linkcode TimeoutError} when the deadline passed or an attempt timed out; oktakit's errors
   * as they are; the runtime's and ky's errors as {@linkcode NetworkError} or {@linkcode OktaError} with
   * redacted causes. Argument mistakes (`TypeError`s raised before sending) stay `TypeError`s.
   */
  fail(error: unknown, method: string, path: string, maxRetries: number): unknown {
    if (this.#caller?.aborted) return this.#caller.reason ?? error;
    const what = `${method.toUpperCase()} ${path.split("?")[0]}`;
    const timedOut = this.signal?.aborted === true;
    if (isOktaError(error) && error !== this.signal?.reason) return error;
    const name = (error as Error)?.name;
    if (timedOut || name === "TimeoutError") {
      const limit = timedOut ? `requestTimeout (${this.#timeoutMs} ms)` : "connectionTimeout (per attempt)";
      return new TimeoutError(`${what} did not finish within ${limit}; ${attemptsMade(this.sent)}.`, {
        cause: error,
      });
    }
    if (name === "NetworkError") {
      return new NetworkError(
        `${what} failed without an HTTP answer ${retryNote(method, this.sent, maxRetries)}: ${
          rootMessage(error)
        }`,
        { cause: error, attempts: this.sent },
      );
    }
    if (error instanceof TypeError && this.sent === 0) return error;
    return new OktaError(`${what} failed: ${redactText((error as Error)?.message ?? String(error))}`, {
      cause: error,
    });
  }

  /** Clears the deadline timer and aborts what is left of the call; call it once the call is over. */
  close(): void {
    const controller = this.#controller;
    if (!controller) return;
    clearTimeout(this.#timer);
    if (this.#onAbort) this.#caller?.removeEventListener("abort", this.#onAbort);
    // Whatever still works for this call (a token request no other call waits for) can stop now.
    if (!controller.signal.aborted) controller.abort(new TimeoutError("The call is over."));
  }
}

/** The message of the innermost cause: the runtime's own words about a connection failure. */
function rootMessage(error: unknown): string {
  let current = error as { message?: string; cause?: unknown } | undefined;
  while (current?.cause instanceof Error) current = current.cause;
  return redactText(current?.message ?? String(error));
}
