/**
 * The scheduler's queue of one bucket (a lane): its waiting calls, FIFO with retries at the head, and
 * whether it is blocked until a known time or until its probe answers. The waiters form a doubly linked
 * list, so a cancelled call leaves it in constant time: aborting tens of thousands of queued calls at once
 * (one signal shared by a whole batch) must not cost the square of their number.
 *
 * @module
 */

/** What the scheduler needs of a call: the signal that cancels its wait, and a deadline check. */
export interface ScheduledCall {
  /** Cancels a queued wait at once. */
  readonly signal?: AbortSignal;
  /** Throws when waiting `ms` before sending `what` would pass the call's deadline. */
  check(ms: number, what: string): void;
}

/** A call waiting in a lane. */
export interface Waiter {
  /** Its place: retries get negative numbers, ahead of every first attempt. */
  readonly seq: number;
  /** The call. */
  readonly call: ScheduledCall;
  /** The known wait it was last vetted against (clock ms), or -1. */
  vetted: number;
  /** Hands it its permit. */
  resolve(permit: unknown): void;
  /** Fails its wait. */
  fail(error: unknown): void;
  /** The waiter before it in its lane (set by {@linkcode WaiterList}). */
  prev?: Waiter;
  /** The waiter after it in its lane (set by {@linkcode WaiterList}). */
  next?: Waiter;
  /** Whether it is in a lane's list. */
  queued?: boolean;
}

/** The waiters of one lane, in order: add at either end, take the first, remove any, each in O(1). */
export class WaiterList {
  /** The first waiter, or `undefined`. */
  first: Waiter | undefined;
  #last: Waiter | undefined;
  /** How many wait. */
  length = 0;

  /** Adds `waiter` at the end. */
  push(waiter: Waiter): void {
    waiter.prev = this.#last;
    waiter.next = undefined;
    if (this.#last) this.#last.next = waiter;
    else this.first = waiter;
    this.#last = waiter;
    waiter.queued = true;
    this.length++;
  }

  /** Adds `waiter` at the head (a retry). */
  unshift(waiter: Waiter): void {
    waiter.next = this.first;
    waiter.prev = undefined;
    if (this.first) this.first.prev = waiter;
    else this.#last = waiter;
    this.first = waiter;
    waiter.queued = true;
    this.length++;
  }

  /** Takes the first waiter out. */
  shift(): Waiter | undefined {
    const head = this.first;
    if (head) this.remove(head);
    return head;
  }

  /** Takes `waiter` out; false when it was not in the list. */
  remove(waiter: Waiter): boolean {
    if (!waiter.queued) return false;
    if (waiter.prev) waiter.prev.next = waiter.next;
    else this.first = waiter.next;
    if (waiter.next) waiter.next.prev = waiter.prev;
    else this.#last = waiter.prev;
    waiter.prev = waiter.next = undefined;
    waiter.queued = false;
    this.length--;
    return true;
  }

  /** The waiters in order; one may remove the waiter it is given while iterating. */
  *[Symbol.iterator](): IterableIterator<Waiter> {
    for (let waiter = this.first; waiter;) {
      const next = waiter.next;
      yield waiter;
      waiter = next;
    }
  }
}

/** One bucket's queue and state. */
export class Lane {
  /** The bucket. */
  readonly bucket: string;
  /** Waiting calls, in order. */
  readonly queue: WaiterList = new WaiterList();
  /** Requests of this bucket in flight. */
  inFlight = 0;
  /** Whether nothing may be released until {@linkcode Lane.until} or the probe's answer. */
  blocked = false;
  /** When a known wait ends (clock ms); 0 while waiting for a probe's answer. */
  until = 0;
  /** Store updates under way for its waiters (at most one per waiter; the pump moves on to other lanes). */
  taking = 0;
  /**
   * When (clock ms) a probe was last let through to check a reset further away than `maxWait`: at most one
   * per minute, so a server that keeps saying so is not asked by every call in turn.
   */
  farProbedAt = -Infinity;
  /** Whether that probe is in flight. */
  farProbing = false;
  /** Cancels the timer (and poll) that will unblock the lane. */
  cancel: (() => void) | undefined;

  /** A lane for `bucket`. */
  constructor(bucket: string) {
    this.bucket = bucket;
  }

  /** Removes `waiter`; false when it was no longer queued. */
  remove(waiter: Waiter): boolean {
    return this.queue.remove(waiter);
  }

  /** Stops the lane's timer and lifts its block. */
  unblock(): void {
    this.cancel?.();
    this.cancel = undefined;
    this.blocked = false;
  }
}
