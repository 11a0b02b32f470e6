/**
 * How queued calls learn that they were cancelled: one `abort` listener per signal, however many queued calls
 * share it. A runtime searches a signal's listener list on each add and remove, so tens of thousands of calls
 * under one signal, each with a listener of its own, would cost the square of their number to queue and to
 * cancel (measured: 10.9 s for 40,000 inside one synchronous `abort()`).
 *
 * @module
 */
import type { Lane, Waiter } from "./queue.ts";

/** The queued calls of each signal, and its one listener. */
export class Cancellations {
  readonly #bySignal = new WeakMap<AbortSignal, { waiters: Map<Waiter, Lane>; abort: () => void }>();
  readonly #drop: (lane: Lane, waiter: Waiter, reason: unknown) => void;

  /** `drop` takes a cancelled waiter out of its lane and fails it with the signal's reason. */
  constructor(drop: (lane: Lane, waiter: Waiter, reason: unknown) => void) {
    this.#drop = drop;
  }

  /** Starts watching `signal` for `waiter`, queued in `lane`. */
  listen(signal: AbortSignal, lane: Lane, waiter: Waiter): void {
    let group = this.#bySignal.get(signal);
    if (!group) {
      const waiters = new Map<Waiter, Lane>();
      const abort = () => {
        this.#bySignal.delete(signal);
        for (const [waiter, lane] of waiters) this.#drop(lane, waiter, signal.reason);
      };
      this.#bySignal.set(signal, group = { waiters, abort });
      signal.addEventListener("abort", abort, { once: true });
    }
    group.waiters.set(waiter, lane);
  }

  /** Stops watching for `waiter` (it got its permit or was dropped); the last one removes the listener. */
  unlisten(waiter: Waiter): void {
    const signal = waiter.call.signal;
    const group = signal && this.#bySignal.get(signal);
    if (!group || !group.waiters.delete(waiter) || group.waiters.size > 0) return;
    this.#bySignal.delete(signal);
    signal.removeEventListener("abort", group.abort);
  }
}
