/**
 * The budget arithmetic of one bucket, as pure functions over {@linkcode RateLimitBucketState} so that any
 * store can run them atomically. Times are the server's (epoch ms).
 *
 * The rule: requests are released only while the window has some left beyond the reserve, and each release
 * is counted at once, so requests in flight are never counted twice as available; each answer can only
 * lower the count within its window (`min(ours, the server's)`); a later window replaces it, less the
 * requests still in flight. When the window has passed (or was never seen), its budget is unknown: a probe
 * goes out, and with it a first wave that cannot exceed the bucket's prior (the smallest limit Okta documents
 * for it, or the limit a past window showed, less the reserve); the rest wait for the first answer. Right
 * after a known reset (within {@linkcode WAVE_AFTER_MS}, where reading the server's clock through its
 * whole-second `Date` could be early) the probe goes alone.
 *
 * @module
 */
import type { RateLimitBucketState } from "../../seams.ts";
import type { RateLimitHeaders } from "./headers.ts";

/** How long past its reset a window still counts as current: Okta's resets are whole seconds. */
export const RESET_MARGIN_MS = 100;
/** A probe whose answer has not come within this long is presumed lost, and another may go. */
export const PROBE_TIMEOUT_MS = 30_000;
/**
 * How long past a known reset a first wave may go with the probe: the server's clock is read through `Date`,
 * whole seconds, so until a second has passed the server may not have reset yet.
 */
export const WAVE_AFTER_MS = 1000 + RESET_MARGIN_MS;

/** A take's verdict: send now (as the window's probe, or not), or wait until a server time. */
export type Verdict =
  | { go: true; probe: boolean }
  | { go: false; until: number; probe: boolean };

const UNKNOWN: RateLimitBucketState = { limit: 0, remaining: 0, reset: 0, probeUntil: 0, untracked: false };

/**
 * Takes one request from the bucket, if its window allows: `reserve` is the fraction of the limit kept
 * unused; `prior` the smallest limit Okta documents for the bucket (0: none known). Waiting on a probe
 * (`probe: true`) ends when an answer comes, or at `until` if none does.
 *
 * While the window is unknown, a state with `reset` 0 and a `limit` is a first wave under way: `remaining`
 * counts what is left of it.
 */
export function take(
  state: RateLimitBucketState | undefined,
  serverNow: number,
  reserve: number,
  prior = 0,
): [RateLimitBucketState, Verdict] {
  const s = state ?? UNKNOWN;
  if (s.untracked) return [s, { go: true, probe: false }];
  if (s.reset === 0 || serverNow >= s.reset + RESET_MARGIN_MS) {
    const wave = s.reset === 0 && s.limit > 0;
    if (s.probeUntil > serverNow) {
      if (wave && s.remaining > 0) return [{ ...s, remaining: s.remaining - 1 }, { go: true, probe: false }];
      return [s, { go: false, until: s.probeUntil, probe: true }];
    }
    const probeUntil = serverNow + PROBE_TIMEOUT_MS;
    // A wave whose probe went unanswered: the new probe comes out of what is left of it.
    if (wave) {
      return [{ ...s, remaining: Math.max(0, s.remaining - 1), probeUntil }, { go: true, probe: true }];
    }
    const limit = firstWaveLimit(s, serverNow, prior);
    const size = Math.floor(limit * (1 - reserve));
    if (size <= 1) return [{ ...s, probeUntil }, { go: true, probe: true }];
    return [{ limit, remaining: size - 1, reset: 0, probeUntil, untracked: false }, {
      go: true,
      probe: true,
    }];
  }
  if (s.remaining - Math.floor(s.limit * reserve) > 0) {
    return [{ ...s, remaining: s.remaining - 1 }, { go: true, probe: false }];
  }
  return [s, { go: false, until: s.reset + RESET_MARGIN_MS, probe: false }];
}

/**
 * The limit a first wave may rely on: the prior for a bucket never seen; for one whose window has passed,
 * the smaller of the prior and the limit it showed, once the reset is surely past; otherwise none.
 */
function firstWaveLimit(s: RateLimitBucketState, serverNow: number, prior: number): number {
  if (s.reset === 0) return prior;
  if (serverNow < s.reset + WAVE_AFTER_MS) return 0;
  return prior > 0 ? Math.min(prior, s.limit) : s.limit;
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
  // An answer from a window that has already passed, while a first wave is out: it says nothing of this one.
  if (s.reset === 0 && s.limit > 0 && seen.remaining > 0 && reset + RESET_MARGIN_MS <= serverNow) return s;
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
