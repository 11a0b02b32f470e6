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
}

/** The default start time: fixed so that timestamps in tests are reproducible. */
export const DEFAULT_START = "2026-01-01T00:00:00.000Z";

/** Creates a frozen clock starting at `start`, or the real clock when `start` is `"real"`. */
export function createClock(start: Date | string | number | "real" = DEFAULT_START): FakeClock {
  if (start === "real") return { now: () => Date.now(), advance() {}, set() {} };
  let current = toMillis(start);
  return {
    now: () => current,
    advance(milliseconds) {
      if (!Number.isFinite(milliseconds) || milliseconds < 0) {
        throw new RangeError("clock.advance() takes a non-negative number of milliseconds.");
      }
      current += milliseconds;
    },
    set(time) {
      current = toMillis(time);
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
