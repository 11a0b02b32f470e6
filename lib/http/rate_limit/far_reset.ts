/**
 * A recorded reset too far away to believe at once. A wait longer than `maxWait` fails the calls that would
 * make it, but a reset further away than Okta's one-minute windows explain (a day ahead, a value in the wrong
 * unit, a header a proxy cached) may be stale or garbled: one probe asks the server again first, and the
 * bucket's other calls wait for its answer. Calls fail for that reset only once the server has repeated it,
 * and the bucket is probed this way at most once a minute, so a server that keeps saying so is not asked by
 * every call in turn.
 *
 * @module
 */
import { PROBE_TIMEOUT_MS, type Verdict } from "./budget.ts";
import type { Lane } from "./queue.ts";

/** A bucket's wait longer than this (twice Okta's one-minute window) is doubted. */
export const DOUBTFUL_MS = 120_000;
/** At most one probe per bucket per this long checks such a reset (Okta's window). */
export const FAR_PROBE_EVERY_MS = 60_000;

/**
 * `verdict` as it stands, or, for a wait (`until` in server ms) beyond `maxWaitMs` and {@linkcode DOUBTFUL_MS}:
 * a probe to send now, or a wait for the probe already out. `now` is our clock, `offset` ours minus the
 * server's.
 */
export function checkFarReset(
  lane: Lane,
  verdict: Verdict,
  now: number,
  offset: number,
  maxWaitMs: number | undefined,
): Verdict {
  if (verdict.go || verdict.probe || maxWaitMs === undefined) return verdict;
  const wait = verdict.until + offset - now;
  if (wait <= maxWaitMs || wait <= DOUBTFUL_MS) return verdict;
  if (lane.farProbing) return { go: false, until: now - offset + PROBE_TIMEOUT_MS, probe: true };
  if (now - lane.farProbedAt < FAR_PROBE_EVERY_MS) return verdict;
  lane.farProbedAt = now;
  lane.farProbing = true;
  return { go: true, probe: true };
}
