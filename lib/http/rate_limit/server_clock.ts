/**
 * The server clock's offset from ours, estimated from the `Date` headers of its answers, so that bucket
 * resets (server time) are waited for on our clock.
 *
 * @module
 */

/** Our clock minus the server's, estimated from below. */
export class ServerClock {
  /** The current estimate, in ms (ours minus theirs). */
  offset = 0;
  #now = Infinity;
  #before = Infinity;
  #since = 0;
  #lastDate = "";
  #lastDateMs = 0;

  /** Takes a sample: the answer's `Date` header, received at `now` (our clock, epoch ms). */
  sample(date: string | null, now: number): void {
    if (!date) return;
    if (date !== this.#lastDate) {
      const ms = Date.parse(date);
      if (!Number.isFinite(ms)) return;
      this.#lastDate = date;
      this.#lastDateMs = ms;
    }
    // `Date` has whole seconds and is stamped before we receive it, so ours minus it is never below the
    // true offset: the smallest sample is the closest safe estimate. Two minutes of samples are kept, so a
    // server clock that is set back is followed within that.
    if (now - this.#since > 60_000) {
      this.#before = this.#now;
      this.#now = Infinity;
      this.#since = now;
    }
    this.#now = Math.min(this.#now, now - this.#lastDateMs);
    this.offset = Math.min(this.#now, this.#before);
  }
}
