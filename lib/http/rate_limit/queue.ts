/**
 * The scheduler's queue of one bucket (a lane): its waiting calls, FIFO with retries at the head, and
 * whether it is blocked until a known time or until its probe answers.
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
}

/** One bucket's queue and state. */
export class Lane {
  /** The bucket. */
  readonly bucket: string;
  /** Waiting calls, in order. */
  readonly queue: Waiter[] = [];
  /** Requests of this bucket in flight. */
  inFlight = 0;
  /** Whether nothing may be released until {@linkcode Lane.until} or the probe's answer. */
  blocked = false;
  /** When a known wait ends (clock ms); 0 while waiting for a probe's answer. */
  until = 0;
  /** Cancels the timer (and poll) that will unblock the lane. */
  cancel: (() => void) | undefined;

  /** A lane for `bucket`. */
  constructor(bucket: string) {
    this.bucket = bucket;
  }

  /** Removes `waiter`; false when it was no longer queued. */
  remove(waiter: Waiter): boolean {
    const index = this.queue.indexOf(waiter);
    if (index < 0) return false;
    this.queue.splice(index, 1);
    return true;
  }

  /** Stops the lane's timer and lifts its block. */
  unblock(): void {
    this.cancel?.();
    this.cancel = undefined;
    this.blocked = false;
  }
}
