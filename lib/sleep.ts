/**
 * Waiting that an `AbortSignal` can cut short, and timer delays every runtime honours.
 *
 * @module
 */

/**
 * The longest delay `setTimeout` honours: 2³¹ − 1 ms, about 24.8 days. A longer one (a reset given in
 * microseconds, say) fires after 1 ms on every runtime, with a `TimeoutOverflowWarning` on Node.
 */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * `ms` as a delay `setTimeout` keeps: at least 0, at most {@linkcode MAX_TIMER_MS}. An unreadable delay
 * (`NaN`) is the longest, never 0: a timer that fires at once and re-arms would spin. A timer cut to the
 * maximum fires early; whoever set it looks again then.
 */
export function timerMs(ms: number): number {
  if (!(ms <= MAX_TIMER_MS)) return MAX_TIMER_MS;
  return ms > 0 ? ms : 0;
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const done = () => {
      signal?.removeEventListener("abort", abort);
      resolve();
    };
    const timer = setTimeout(done, timerMs(ms));
    const abort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", abort, { once: true });
  });
}

/**
 * `promise`, or a rejection with `signal`'s reason as soon as it aborts. A real fetch's body read stops
 * by itself when its request's signal aborts; a body from an injected fetch may not, and the call must not
 * wait for it past its deadline.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => {}); // its own failure, later, is of no interest any more
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
