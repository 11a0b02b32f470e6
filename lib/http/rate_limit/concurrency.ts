/**
 * The bound on requests in flight: at most `maxConcurrent`; a concurrent-request 429 halves it (once per
 * epoch, so the answers of requests sent before a halving do not halve it again), and answers restore it
 * one step at a time. A call refused by that limit retries as soon as a request of this client ends (a slot
 * on Okta's side is free again), not at the window's reset, which says nothing about concurrency.
 *
 * @module
 */
import type { Logger } from "../../seams.ts";
import { timerMs } from "../../sleep.ts";

/** The requests in flight of one client and their bound. */
export class ConcurrencyBound {
  /** Requests in flight now. */
  inFlight = 0;
  /** The current bound. */
  bound: number;
  /** Increments with each halving. */
  epoch = 0;
  readonly #max: number;
  readonly #logger: Logger | undefined;
  #answered = 0;
  /** Calls refused by the concurrent-request limit, waiting for a request to end; oldest first. */
  readonly #waiting = new Set<() => void>();

  /** A bound of `max`, reporting changes to `logger`. */
  constructor(max: number, logger?: Logger) {
    this.bound = this.#max = max;
    this.#logger = logger;
  }

  /** Whether another request may go now. */
  get full(): boolean {
    return this.inFlight >= this.bound;
  }

  /** A concurrent-limit 429 to a request sent in `epoch`: halves the bound, once per epoch. */
  lower(epoch: number): void {
    if (epoch !== this.epoch) return; // sent before the last halving: already accounted for
    this.epoch++;
    this.#answered = 0;
    this.bound = Math.max(1, Math.floor(this.bound / 2));
    this.#logger?.warn(
      `Rate limit: Okta's concurrent-request limit was reached; at most ${this.bound} request(s) in flight for now.`,
    );
  }

  /**
   * Resolves when a request of this client ends (its slot is free again) or, when none does, after `ms`
   * (other clients hold the slots); rejects with `signal`'s reason when it aborts first.
   */
  whenFreed(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const wake = () => {
        this.#waiting.delete(wake);
        clearTimeout(timer);
        signal?.removeEventListener("abort", abort);
        resolve();
      };
      const abort = () => {
        this.#waiting.delete(wake);
        clearTimeout(timer);
        reject(signal!.reason);
      };
      const timer = setTimeout(wake, timerMs(ms));
      signal?.addEventListener("abort", abort, { once: true });
      this.#waiting.add(wake);
    });
  }

  /** A request ended and freed its slot: the call that has waited longest for one retries. */
  freed(): void {
    for (const wake of this.#waiting) return wake();
  }

  /** Any other answer: after as many answers as the bound, one more may be in flight, up to the maximum. */
  answered(): void {
    if (this.bound >= this.#max) return;
    if (++this.#answered >= this.bound) {
      this.bound++;
      this.#answered = 0;
    }
  }
}
