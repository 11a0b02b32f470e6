/**
 * Waiting that a caller's `AbortSignal` can cut short.
 *
 * @module
 */
import { RateLimitError, TimeoutError } from "../errors.ts";
import { MAX_WAIT_MS } from "./retry_policy.ts";

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const done = () => {
      signal?.removeEventListener("abort", abort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", abort, { once: true });
  });
}

/**
 * Waits `ms` before sending `what` (a retry, a throttled call), or fails at once: with a
 * {@linkcode RateLimitError} when the wait is longer than `maxMs` (default {@linkcode MAX_WAIT_MS}) or not
 * a number, and with a {@linkcode TimeoutError} when the call's `deadline` (epoch ms, from
 * `requestTimeout`) would pass first: there is no point sleeping through the rest of the budget. Both
 * say how long the wait would have been. `signal` cuts the wait short with its reason.
 */
export async function waitToSend(
  ms: number,
  what: string,
  deadline: number | undefined,
  signal: AbortSignal | undefined,
  maxMs: number = MAX_WAIT_MS,
): Promise<void> {
  if (deadline !== undefined && !(Date.now() + ms < deadline)) {
    throw new TimeoutError(
      `${what}: requestTimeout runs out before it could be sent (the wait would be ${
        Number.isFinite(ms) ? `${ms} ms` : "unbounded"
      }, ` +
        `${Math.max(0, deadline - Date.now())} ms are left).`,
    );
  }
  if (!(ms <= maxMs)) {
    const shown = Number.isFinite(ms) ? `${Math.round(ms / 1000)} s` : "unbounded";
    throw new RateLimitError(
      `${what}: the server asked for a wait of ${shown}, longer than the ${maxMs / 1000} s the client ` +
        "waits at most; failing now instead. Try again later or slow down.",
      { waitMs: ms, maxWaitMs: maxMs },
    );
  }
  await sleep(ms, signal);
}
