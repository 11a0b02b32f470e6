/**
 * The server clock's offset from ours, estimated from the `Date` headers of its answers, so that bucket
 * resets (server time) are waited for on our clock. One answer with a wild `Date` (a proxy's clock, a cached
 * response) must not move the estimate: a far-future one would make every window look past, and every
 * bucket wait for a probe at a time.
 *
 * @module
 */

/** How long a sample counts: a server clock that is set back is followed within this. */
const KEEP_MS = 120_000;
/** Samples kept at most (the latest). */
const KEEP = 16;
/**
 * Two samples within this of each other agree: `Date` has whole seconds, and an answer takes a while to
 * come back.
 */
const AGREE_MS = 2000;

/** Our clock minus the server's, estimated robustly from recent `Date` headers. */
export class ServerClock {
  /** The current estimate, in ms (ours minus theirs). */
  offset = 0;
  /** Recent samples: ours minus the `Date`, and when each was taken (our clock). */
  readonly #samples: { offset: number; at: number }[] = [];
  #lastDate = "";

  /** Takes a sample: the answer's `Date` header, received at `now` (our clock, epoch ms). */
  sample(date: string | null, now: number): void {
    // One sample per distinct `Date`: the first receipt of a second is its smallest, so closest, reading,
    // and a busy client parses and weighs a header once a second rather than on every answer.
    if (!date || date === this.#lastDate) return;
    const ms = Date.parse(date);
    if (!Number.isFinite(ms)) return;
    this.#lastDate = date;
    const samples = this.#samples;
    while (samples.length > 0 && (samples.length >= KEEP || now - samples[0].at > KEEP_MS)) samples.shift();
    samples.push({ offset: now - ms, at: now });
    this.offset = estimate(samples.map((s) => s.offset));
  }
}

/**
 * The offset the samples support. `Date` is stamped before we receive it and has whole seconds, so ours
 * minus it is never below the true offset and the smallest sample is the closest; but only a sample that
 * another agrees with is believed. When none agree (one sample, or a lone outlier against one other), the
 * one nearest our own clock wins.
 */
export function estimate(offsets: readonly number[]): number {
  let best: number | undefined;
  for (const [i, a] of offsets.entries()) {
    if (best !== undefined && a >= best) continue;
    if (offsets.some((b, j) => j !== i && Math.abs(a - b) <= AGREE_MS)) best = a;
  }
  if (best !== undefined) return best;
  let nearest = 0;
  for (const [i, a] of offsets.entries()) if (i === 0 || Math.abs(a) < Math.abs(nearest)) nearest = a;
  return nearest;
}
