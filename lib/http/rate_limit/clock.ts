/**
 * The machine's clock, the scheduler's default {@linkcode RateLimitClock}.
 *
 * @module
 */
import type { RateLimitClock } from "../../seams.ts";
import { timerMs } from "../../sleep.ts";

/** The machine's clock and timers (a delay past `setTimeout`'s maximum is cut to it, never overflowed). */
export const systemClock: RateLimitClock = {
  now: () => Date.now(),
  schedule(ms, callback) {
    const timer = setTimeout(callback, timerMs(ms));
    return () => clearTimeout(timer);
  },
};
