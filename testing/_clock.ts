/**
 * The fake org's clock: frozen at a start time and moved only by the test, or the real time.
 *
 * @module
 */

/** Controls over the time the fake org stamps on resources, events and `Date` headers. */
export interface FakeClock {
  /** The current time in epoch milliseconds. */
  now(): number;
  /** Moves a frozen clock forward by `milliseconds` (ignored by a real clock). */
  advance(milliseconds: number): void;
  /** Sets a frozen clock to `time` (ignored by a real clock). */
  set(time: Date | string | number): void;
  /**
   * Calls `callback` once `ms` have passed on this clock, and returns a function that cancels it. On a frozen
   * clock it fires when {@linkcode FakeClock.advance} or {@linkcode FakeClock.set} reaches it (at once, on
   * the next turn of the event loop, if `ms` is 0 or less); on the real clock it is `setTimeout`. Pass
   * `org.clock` as the client's `rateLimit.clock` and the client's rate-limit waits follow the org's time.
   */
  schedule(ms: number, callback: () => void): () => void;
}

/** The default start time: fixed so that timestamps in tests are reproducible. */
export const DEFAULT_START = "2026-01-01T00:00:00.000Z";

/** Creates a frozen clock starting at `start`, or the real clock when `start` is `"real"`. */
export function createClock(start: Date | string | number | "real" = DEFAULT_START): FakeClock {
  if (start === "real") {
    return {
      now: () => Date.now(),
      advance() {},
      set() {},
      schedule(ms, callback) {
        const timer = setTimeout(callback, ms);
        return () => clearTimeout(timer);
      },
    };
  }
  let current = toMillis(start);
  const timers: { due: number; callback: () => void }[] = [];
  const fire = () => {
    for (;;) {
      let next = -1;
      for (let i = 0; i < timers.length; i++) {
        const t = timers[i];
        // The earliest due first; among equals, the first scheduled.
        if (t.due <= current && (next < 0 || t.due < timers[next].due)) next = i;
      }
      if (next < 0) return;
      timers.splice(next, 1)[0].callback();
    }
  };
  return {
    now: () => current,
    advance(milliseconds) {
      if (!Number.isFinite(milliseconds) || milliseconds < 0) {
        throw new RangeError("clock.advance() takes a non-negative number of milliseconds.");
      }
      current += milliseconds;
      fire();
    },
    set(time) {
      current = toMillis(time);
      fire();
    },
    schedule(ms, callback) {
      if (!(ms > 0)) {
        const timer = setTimeout(callback, 0);
        return () => clearTimeout(timer);
      }
      const timer = { due: current + ms, callback };
      timers.push(timer);
      return () => {
        const index = timers.indexOf(timer);
        if (index >= 0) timers.splice(index, 1);
      };
    },
  };
}

function toMillis(time: Date | string | number): number {
  const ms = time instanceof Date ? time.getTime() : typeof time === "number" ? time : Date.parse(time);
  if (!Number.isFinite(ms)) throw new RangeError(`Not a valid time: ${String(time)}`);
  return ms;
}

/** Formats epoch milliseconds the way Okta writes timestamps (`2026-01-01T00:00:00.000Z`). */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
