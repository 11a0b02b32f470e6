/**
 * The rate-limit scheduler: every attempt of every call asks it for a permit before it is sent (in the send
 * loop, or in ky's `beforeRetry` hook for the retries ky makes; the call's signal and deadline bound the
 * wait) and hands the permit back with the response. Calls queue FIFO per bucket; a bucket releases only what its
 * window has left beyond the reserve ({@linkcode take}), learns from every answer, retries and 429s included
 * ({@linkcode observe}), and re-checks after each reset with one probe. At most `maxConcurrent` requests are
 * in flight; a concurrent-limit 429 halves that bound, and answers restore it one step at a time.
 *
 * @module
 */
import { RateLimitError, TimeoutError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { observe, take, type Verdict } from "./bucket_budget.ts";
import { memoryRateLimitStore, type RateLimitStore } from "./rate_limit_store.ts";
import { type RateLimitHeaders, readRateLimit } from "./retry_policy.ts";

/** The time the scheduler reads and waits on. The fake org's `org.clock` is one, for tests. */
export interface RateLimitClock {
  /** The current time, epoch milliseconds. */
  now(): number;
  /** Calls `callback` once `ms` have passed on this clock; returns a function that cancels it. */
  schedule(ms: number, callback: () => void): () => void;
}

/** The machine's clock and timers. */
export const systemClock: RateLimitClock = {
  now: () => Date.now(),
  schedule(ms, callback) {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
};

/** A wait imposed by rate limiting, as `onRateLimit` is told of it. */
export interface RateLimitWait {
  /** The bucket, such as `GET /api/v1/users/{idOrLogin}`. */
  bucket: string;
  /** How long the call would wait, in milliseconds. */
  waitMs: number;
  /** `bucket`: its window is spent until the reset; `429`: a retry after a 429; `concurrency`: Okta's concurrent limit. */
  reason: "bucket" | "429" | "concurrency";
}

/** What limits a single wait: `rateLimit.maxWait` and `onRateLimit`. */
export interface WaitPolicy {
  /** The longest single wait allowed, in ms; longer ones fail at once with a {@linkcode RateLimitError}. */
  maxWaitMs?: number;
  /** Told of every wait; returning `false` fails the call at once with a {@linkcode RateLimitError}. */
  onRateLimit?: (wait: RateLimitWait) => boolean | void;
}

const REASONS = {
  bucket: "the bucket has no requests left until its window resets",
  "429": "Okta answered 429 and the retry waits for the reset",
  concurrency: "Okta answered with its concurrent-request limit",
};

/** Throws a {@linkcode RateLimitError} when `wait` is longer than allowed or `onRateLimit` declines it. */
export function vetWait(policy: WaitPolicy, wait: RateLimitWait): void {
  const seconds = (wait.waitMs / 1000).toFixed(1);
  const what = `${wait.bucket}: ${REASONS[wait.reason]}`;
  if (policy.maxWaitMs !== undefined && wait.waitMs > policy.maxWaitMs) {
    throw new RateLimitError(
      `Rate limit: ${what}; waiting ${seconds} s would exceed rateLimit.maxWait (${
        policy.maxWaitMs / 1000
      } s).`,
      wait,
    );
  }
  if (policy.onRateLimit?.(wait) === false) {
    throw new RateLimitError(`Rate limit: ${what}; onRateLimit declined to wait ${seconds} s.`, wait);
  }
}

/** Scheduler settings. */
export interface SchedulerOptions extends WaitPolicy {
  /** Requests in flight at once, at most. */
  maxConcurrent: number;
  /** Fraction of each bucket's limit left unused (0 to just under 1). */
  reserve: number;
  /** Where bucket states live; default a private in-memory store. */
  store?: RateLimitStore;
  /** Default: the system clock. */
  clock?: RateLimitClock;
  /** Where waits and concurrency changes are reported. */
  logger?: Logger;
}

/** The permit of one attempt, from release to its answer. */
export interface Permit {
  /** Its bucket. */
  readonly bucket: string;
  /** Whether it is its window's probe. */
  readonly probe: boolean;
  /** The concurrency epoch it was sent in (one halving per epoch). */
  readonly epoch: number;
}

/** The call an attempt belongs to (a `CallState` is one): what cancels its wait, and its permit. */
export interface ScheduledCall {
  /** Cancels a queued wait at once. */
  signal?: AbortSignal;
  /** Epoch ms (system clock) when `requestTimeout` runs out. */
  deadline?: number;
  /** The permit of the attempt in flight, until its answer is settled. */
  permit?: Permit;
}

interface Lane {
  bucket: string;
  queue: Waiter[];
  inFlight: number;
  blocked: boolean;
  /** When a known wait ends (clock ms); 0 while waiting for a probe's answer. */
  until: number;
  cancel?: () => void;
}

interface Waiter {
  seq: number;
  call: ScheduledCall;
  vetted: number;
  resolve(permit: Permit): void;
  fail(error: unknown): void;
}

/** Without `watch` on the store, how often a client waiting for another's probe checks again. */
const POLL_MS = 250;
const isPromise = <T>(value: T | Promise<T>): value is Promise<T> =>
  typeof (value as { then?: unknown })?.then === "function";

/** Schedules the requests of one client; see the module documentation. */
export class RateLimitScheduler {
  readonly #store: RateLimitStore;
  readonly #clock: RateLimitClock;
  readonly #options: SchedulerOptions;
  readonly #lanes = new Map<string, Lane>();
  readonly #waiting = new Set<Lane>();
  #bound: number;
  #inFlight = 0;
  #epoch = 0;
  #answered = 0;
  #seq = 0;
  #pumping = false;
  #again = false;
  #unwatch?: () => void;
  // The server clock's offset from ours (ours minus theirs), estimated from below by `Date` headers.
  #offset = 0;
  #offsetNow = Infinity;
  #offsetBefore = Infinity;
  #offsetSince = 0;
  #lastDate = "";
  #lastDateMs = 0;

  /** Creates a scheduler. */
  constructor(options: SchedulerOptions) {
    this.#options = options;
    this.#store = options.store ?? memoryRateLimitStore();
    this.#clock = options.clock ?? systemClock;
    this.#bound = options.maxConcurrent;
  }

  /** The current bound on requests in flight (lowered after a concurrent-limit 429). */
  get concurrency(): number {
    return this.#bound;
  }

  /**
   * A permit for the next attempt of `call` to `bucket`: at once when the bucket and the concurrency bound
   * allow, otherwise after queueing. `retry` puts the call at the head of its bucket's queue.
   */
  acquire(bucket: string, call: ScheduledCall, retry = false): Permit | Promise<Permit> {
    let lane = this.#lanes.get(bucket);
    if (!lane) this.#lanes.set(bucket, lane = { bucket, queue: [], inFlight: 0, blocked: false, until: 0 });
    if (lane.queue.length > 0 || lane.blocked || this.#inFlight >= this.#bound) {
      return this.#enqueue(lane, call, retry);
    }
    const found = lane;
    this.#inFlight++;
    lane.inFlight++;
    const decide = (verdict: Verdict): Permit | Promise<Permit> => {
      if (verdict.go) return { bucket, probe: verdict.probe, epoch: this.#epoch };
      this.#inFlight--;
      found.inFlight--;
      this.#block(found, verdict);
      return this.#enqueue(found, call, retry);
    };
    let verdict: Verdict | Promise<Verdict>;
    try {
      verdict = this.#take(bucket);
    } catch (error) {
      this.#inFlight--;
      found.inFlight--;
      throw error;
    }
    return isPromise(verdict) ? verdict.then(decide) : decide(verdict);
  }

  /** Settles the attempt in flight of `call` (once; later calls do nothing) with its response, if any. */
  settle(call: ScheduledCall, response?: Response): void {
    const permit = call.permit;
    if (!permit) return;
    call.permit = undefined;
    const lane = this.#lanes.get(permit.bucket)!;
    this.#inFlight--;
    lane.inFlight--;
    let seen: RateLimitHeaders | "untracked" | undefined;
    if (response) {
      // Read once, here, for every answer: this is on every call's path.
      const { limit, remaining, reset } = readRateLimit(response.headers);
      this.#sampleOffset(response.headers.get("date"));
      if (limit === 0 && remaining === 0) {
        this.#lower(permit); // the concurrent-request limit, not the bucket
      } else {
        if (this.#bound < this.#options.maxConcurrent) this.#raise();
        if (limit !== undefined && remaining !== undefined && reset !== undefined) {
          seen = { limit, remaining, reset };
        } else if (response.status < 500 && response.status !== 429) seen = "untracked";
      }
    }
    if (seen === undefined && !permit.probe) {
      if (this.#waiting.size > 0) this.#pump();
      return;
    }
    const serverNow = this.#clock.now() - this.#offset;
    const result = this.#store.update(permit.bucket, (state) => {
      const next = observe(state, seen, permit.probe, lane.inFlight, serverNow);
      return [next, next.reset !== state?.reset || next.untracked !== state?.untracked];
    });
    const after = (changed: boolean) => {
      if (lane.blocked && (lane.until === 0 || changed)) this.#unblock(lane);
      else if (this.#waiting.size > 0) this.#pump();
    };
    if (isPromise(result)) result.then(after, () => after(true));
    else after(result);
  }

  #take(bucket: string): Verdict | Promise<Verdict> {
    const serverNow = this.#clock.now() - this.#offset;
    return this.#store.update(bucket, (state) => take(state, serverNow, this.#options.reserve));
  }

  #enqueue(lane: Lane, call: ScheduledCall, retry: boolean): Promise<Permit> {
    return new Promise<Permit>((resolve, reject) => {
      const { signal, deadline } = call;
      if (signal?.aborted) {
        this.#emptied(lane);
        return reject(signal.reason);
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const abort = () => drop(signal!.reason);
      const done = () => {
        signal?.removeEventListener("abort", abort);
        if (timer !== undefined) clearTimeout(timer);
      };
      const waiter: Waiter = {
        seq: retry ? -++this.#seq : ++this.#seq,
        call,
        vetted: -1,
        resolve: (permit) => {
          done();
          resolve(permit);
        },
        fail: (error) => {
          done();
          reject(error);
        },
      };
      // Cancelled while queued: out of the queue at once, nothing taken from the bucket.
      const drop = (error: unknown) => this.#drop(lane, waiter, error);
      signal?.addEventListener("abort", abort, { once: true });
      if (deadline !== undefined) {
        timer = setTimeout(
          () =>
            drop(
              new TimeoutError(
                `requestTimeout ran out while the call waited in the rate-limit queue of ${lane.bucket}.`,
              ),
            ),
          Math.max(0, deadline - Date.now()),
        );
      }
      if (retry) lane.queue.unshift(waiter);
      else lane.queue.push(waiter);
      this.#waiting.add(lane);
      if (lane.blocked && lane.until > 0) this.#vet(lane, waiter);
      else this.#pump();
    });
  }

  #drop(lane: Lane, waiter: Waiter, error: unknown): void {
    const index = lane.queue.indexOf(waiter);
    if (index < 0) return;
    lane.queue.splice(index, 1);
    this.#emptied(lane);
    waiter.fail(error);
  }

  /** A lane nobody waits in keeps no timer (it would hold a process open until the reset) and no block. */
  #emptied(lane: Lane): void {
    if (lane.queue.length > 0) return;
    this.#waiting.delete(lane);
    lane.cancel?.();
    lane.cancel = undefined;
    lane.blocked = false;
  }

  /**
   * Checks a waiter against maxWait, its deadline and onRateLimit, once per known wait (a reset re-read a few
   * milliseconds differently is the same wait).
   */
  #vet(lane: Lane, waiter: Waiter): void {
    if (Math.abs(waiter.vetted - lane.until) < 1000) return;
    waiter.vetted = lane.until;
    const waitMs = Math.max(0, lane.until - this.#clock.now());
    try {
      const { deadline } = waiter.call;
      if (deadline !== undefined && Date.now() + waitMs >= deadline) {
        throw new TimeoutError(
          `${lane.bucket} (throttled until its rate limit resets): requestTimeout runs out before it could be sent (the wait would be ${waitMs} ms).`,
        );
      }
      vetWait(this.#options, { bucket: lane.bucket, waitMs, reason: "bucket" });
    } catch (error) {
      this.#drop(lane, waiter, error);
    }
  }

  #block(lane: Lane, verdict: Verdict & { go: false }): void {
    lane.cancel?.();
    lane.blocked = true;
    const now = this.#clock.now();
    const until = verdict.until + this.#offset;
    if (verdict.probe) {
      // Ends when the probe answers (settle, or the store's watch for another client's probe), when the
      // probe is presumed lost, or, without a watch, at the next look at the store: real time, since it is
      // another client's progress that is awaited, not the bucket's clock.
      lane.until = 0;
      const unblock = () => this.#unblock(lane);
      const expire = this.#clock.schedule(Math.max(0, until - now), unblock);
      if (this.#watch()) {
        lane.cancel = expire;
      } else {
        const poll = setTimeout(unblock, POLL_MS);
        lane.cancel = () => {
          expire();
          clearTimeout(poll);
        };
      }
      return;
    }
    const changed = lane.until !== until;
    lane.until = until;
    lane.cancel = this.#clock.schedule(Math.max(0, until - now), () => this.#unblock(lane));
    if (changed) {
      this.#options.logger?.warn(
        `Rate limit: ${lane.bucket} has no requests left in this window; ${
          Math.max(1, lane.queue.length)
        } call(s) wait ${Math.max(0, until - now)} ms for its reset.`,
      );
    }
    for (const waiter of [...lane.queue]) this.#vet(lane, waiter);
  }

  #unblock(lane: Lane): void {
    lane.cancel?.();
    lane.cancel = undefined;
    lane.blocked = false;
    this.#pump();
  }

  /** Releases queued calls while the bound and their buckets allow, earliest first across buckets. */
  async #pump(): Promise<void> {
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = true;
    try {
      do {
        this.#again = false;
        for (let lane = this.#next(); lane; lane = this.#next()) {
          this.#inFlight++;
          lane.inFlight++;
          let verdict: Verdict;
          try {
            const result = this.#take(lane.bucket);
            verdict = isPromise(result) ? await result : result;
          } catch (error) {
            this.#inFlight--;
            lane.inFlight--;
            const head = lane.queue[0];
            if (head) this.#drop(lane, head, error);
            continue;
          }
          this.#decide(lane, verdict);
        }
      } while (this.#again);
    } finally {
      this.#pumping = false;
      if (this.#waiting.size === 0 && this.#unwatch) {
        this.#unwatch();
        this.#unwatch = undefined;
      }
    }
  }

  #next(): Lane | undefined {
    if (this.#inFlight >= this.#bound) return undefined;
    let best: Lane | undefined;
    for (const lane of this.#waiting) {
      if (!lane.blocked && (!best || lane.queue[0].seq < best.queue[0].seq)) best = lane;
    }
    return best;
  }

  #decide(lane: Lane, verdict: Verdict): void {
    if (verdict.go) {
      const permit = { bucket: lane.bucket, probe: verdict.probe, epoch: this.#epoch };
      const head = lane.queue.shift();
      // The head may have gone away while an asynchronous store answered: hand the slot back.
      if (!head) return this.settle({ permit });
      this.#emptied(lane);
      head.resolve(permit);
      return;
    }
    this.#inFlight--;
    lane.inFlight--;
    this.#block(lane, verdict);
  }

  #lower(permit: Permit): void {
    if (permit.epoch !== this.#epoch) return; // sent before the last halving: already accounted for
    this.#epoch++;
    this.#answered = 0;
    this.#bound = Math.max(1, Math.floor(this.#bound / 2));
    this.#options.logger?.warn(
      `Rate limit: Okta's concurrent-request limit was reached; at most ${this.#bound} request(s) in flight for now.`,
    );
  }

  #raise(): void {
    if (++this.#answered >= this.#bound) {
      this.#bound++;
      this.#answered = 0;
    }
  }

  #sampleOffset(date: string | null): void {
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
    const now = this.#clock.now();
    if (now - this.#offsetSince > 60_000) {
      this.#offsetBefore = this.#offsetNow;
      this.#offsetNow = Infinity;
      this.#offsetSince = now;
    }
    this.#offsetNow = Math.min(this.#offsetNow, now - this.#lastDateMs);
    this.#offset = Math.min(this.#offsetNow, this.#offsetBefore);
  }

  #watch(): boolean {
    if (!this.#store.watch) return false;
    this.#unwatch ??= this.#store.watch((bucket) => {
      const lane = this.#lanes.get(bucket);
      if (lane?.blocked && lane.until === 0) this.#unblock(lane);
    });
    return true;
  }
}
