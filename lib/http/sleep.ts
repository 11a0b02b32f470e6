/**
 * Waiting that a caller's `AbortSignal` can cut short.
 *
 * @module
 */
import { TimeoutError } from "../errors.ts";

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
 * Waits `ms` before sending `what` (a retry, a throttled call), or fails at once with a `TimeoutError`
 * when the call's `deadline` (epoch ms, from `requestTimeout`) would pass first: there is no point
 * sleeping through the rest of the budget.
 */
export async function waitToSend(
  ms: number,
  what: string,
  deadline: number | undefined,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (deadline !== undefined && Date.now() + ms >= deadline) {
    throw new TimeoutError(
      `${what}: requestTimeout runs out before it could be sent (the wait would be ${ms} ms).`,
    );
  }
  await sleep(ms, signal);
}
