/**
 * The budget arithmetic of one bucket, as pure functions over {@linkcode RateLimitBucketState} so that any
 * store can run them atomically. Times are the server's (epoch ms).
 *
 * The rule: requests are released only while the window has some left beyond the reserve, and each release
 * is counted at once, so requests in flight are never counted twice as available; each answer can only
 * lower the count within its window (`min(ours, the server's)`); a later window replaces it, less the
 * requests still in flight. When the window has passed (or was never seen), its budget is unknown: one
 * probe goes out and the rest wait for its answer.
 *
 * @module
 */
import type { RateLimitBucketState } from "../../seams.ts";
import type { RateLimitHeaders } from "./headers.ts";

/** How long past its reset a window still counts as current: Okta's resets are whole seconds. */
export const RESET_MARGIN_MS = 100;
/** A probe whose answer has not come within this long is presumed lost, and another may go. */
export const PROBE_TIMEOUT_MS = 30_000;

/** A take's verdict: send now (as the window's probe, or not), or wait until a server time. */
export type Verdict =
  | { go: true; probe: boolean }
  | { go: false; until: number; probe: boolean };

const UNKNOWN: RateLimitBucketState = { limit: 0, remaining: 0, reset: 0, probeUntil: 0, untracked: false };

/**
 * Takes one request from the bucket, if its window allows: `reserve` is the fraction of the limit kept
 * unused. Waiting on a probe (`probe: true`) ends when it answers, or at `until` if it never does.
 */
export function take(
  state: RateLimitBucketState | undefined,
  serverNow: number,
  reserve: number,
): [RateLimitBucketState, Verdict] {
  const s = state ?? UNKNOWN;
  if (s.untracked) return [s, { go: true, probe: false }];
  if (s.reset === 0 || serverNow >= s.reset + RESET_MARGIN_MS) {
    if (s.probeUntil > serverNow) return [s, { go: false, until: s.probeUntil, probe: true }];
    return [{ ...s, probeUntil: serverNow + PROBE_TIMEOUT_MS }, { go: true, probe: true }];
  }
  if (s.remaining - Math.floor(s.limit * reserve) > 0) {
    return [{ ...s, remaining: s.remaining - 1 }, { go: true, probe: false }];
  }
  return [s, { go: false, until: s.reset + RESET_MARGIN_MS, probe: false }];
}

/**
 * Records an answer: `seen` is what its headers say (`"untracked"` when a non-error answer carried none,
 * `undefined` when there is nothing to learn: no answer, or the concurrent-request limit); `probe` whether
 * it answers the window's probe; `inFlight` how many other requests to the bucket are still out.
 */
export function observe(
  state: RateLimitBucketState | undefined,
  seen: RateLimitHeaders | "untracked" | undefined,
  probe: boolean,
  inFlight: number,
  serverNow: number,
): RateLimitBucketState {
  let s = state ?? UNKNOWN;
  if (probe && s.probeUntil !== 0) s = { ...s, probeUntil: 0 };
  if (seen === undefined) return s;
  if (seen === "untracked") return s.reset === 0 && !s.untracked ? { ...s, untracked: true } : s;
  // "None left" with a reset already past by our reading: assume a second more rather than probe at once.
  const reset = seen.remaining === 0 && seen.reset * 1000 + RESET_MARGIN_MS <= serverNow
    ? serverNow + 1000
    : seen.reset * 1000;
  // A probe's answer is the server's word on the window now, even one sooner than recorded: a far reset
  // (stale, or garbled by a proxy) is re-checked with a probe, and its answer must be able to correct it.
  if (reset > s.reset || (probe && reset !== s.reset)) {
    // A new window: the server's count, less ours still in flight (some of them may already be in it).
    return {
      limit: seen.limit,
      remaining: Math.max(0, seen.remaining - inFlight),
      reset,
      probeUntil: 0,
      untracked: false,
    };
  }
  if (reset < s.reset) return s; // a late answer from an earlier window
  if (seen.remaining >= s.remaining && seen.limit === s.limit && !s.untracked) return s;
  return { ...s, limit: seen.limit, remaining: Math.min(s.remaining, seen.remaining), untracked: false };
}
