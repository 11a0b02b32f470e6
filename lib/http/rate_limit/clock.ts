/**
 * The machine's clock, the scheduler's default {@linkcode RateLimitClock}.
 *
 * @module
 */
import type { RateLimitClock } from "../../seams.ts";

/** The machine's clock and timers. */
export const systemClock: RateLimitClock = {
  now: () => Date.now(),
  schedule(ms, callback) {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
};
