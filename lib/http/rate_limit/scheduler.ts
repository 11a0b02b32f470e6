/**
 * The rate-limit scheduler. Its one contract with a call: {@linkcode RateLimitScheduler.acquire} a
 * {@linkcode Permit} for each attempt (the call's signal and deadline bound the wait), and
 * {@linkcode Permit.release} it once, with the answer if there was one. Calls queue FIFO per bucket
 * (`queue.ts`); a bucket releases only what its window has left beyond the reserve (`budget.ts`), learns
 * from every answer, retries and 429s included, and re-checks after each reset with one probe. At most
 * `maxConcurrent` requests are in flight (`concurrency.ts`), across all the store's clients when the store
 * keeps leases (`lease`/`unlease`, as the Deno KV, Redis and Durable Object adapters do); resets are server times, read on our clock
 * through the server's `Date` (`server_clock.ts`). The store is never trusted with a call: it is guarded
 * (`guarded_store.ts`), so a store that fails or hangs costs at most a short bound, never a request counted
 * in flight for ever or a call failed after its answer. A queued call leaves at once, in constant time, when
 * its signal aborts (`cancellation.ts`). A reset too far away to believe is checked with one probe before
 * calls fail for it (`far_reset.ts`).
 *
 * @module
 */
import type { Logger, RateLimitClock, RateLimitStore } from "../../seams.ts";
import { timerMs } from "../../sleep.ts";
import { observe, take, type Verdict } from "./budget.ts";
import { Cancellations } from "./cancellation.ts";
import { priorOf } from "./buckets.ts";
import { systemClock } from "./clock.ts";
import { ConcurrencyBound } from "./concurrency.ts";
import { checkFarReset } from "./far_reset.ts";
import { GuardedStore } from "./guarded_store.ts";
import { type RateLimitHeaders, readRateLimit } from "./headers.ts";
import { Lane, type ScheduledCall, type Waiter } from "./queue.ts";
import { ServerClock } from "./server_clock.ts";
import { vetWait, type WaitPolicy } from "./wait_policy.ts";

/** Scheduler settings. */
export interface SchedulerOptions extends WaitPolicy {
  /** Requests in flight at once, at most. */
  maxConcurrent: number;
  /** Fraction of each bucket's limit left unused (0 to just under 1). */
  reserve: number;
  /**
   * Whether a bucket not yet seen takes a first wave sized by the smallest limit Okta documents for it
   * (`buckets.ts`), rather than one probe. Default true.
   */
  firstWave?: boolean;
  /** Where bucket states live; default a private in-memory store. */
  store?: RateLimitStore;
  /** The bound on one store update before a local budget answers instead, in ms (default 1000). */
  storeTimeoutMs?: number;
  /** Default: the system clock. */
  clock?: RateLimitClock;
  /** Where waits and concurrency changes are reported. */
  logger?: Logger;
}

/** The right to send one attempt; hand it back once with {@linkcode Permit.release}. */
export interface Permit {
  /** Its bucket. */
  readonly bucket: string;
  /**
   * Hands the permit back with the attempt's answer, which teaches the scheduler the bucket's budget (no
   * answer: nothing to learn). Only the first call counts.
   */
  release(response?: Response): void;
}

/** Without `watch` on the store, how often a client waiting for another's probe checks again. */
const POLL_MS = 250;
const isPromise = <T>(value: T | Promise<T>): value is Promise<T> =>
  typeof (value as { then?: unknown })?.then === "function";
/** What a take must answer: a verdict that can be acted on (a store may answer anything). */
const isVerdict = (value: unknown): boolean => {
  const v = value as Verdict | undefined;
  if (typeof v?.probe !== "boolean") return false;
  return v.go === true || (v.go === false && Number.isFinite(v.until));
};
const isBoolean = (value: unknown): boolean => typeof value === "boolean";
/** With shared concurrency leases, how soon a client that found them all out asks again (jittered). */
const LEASE_POLL_MS = 20;

/** Schedules the requests of one client; see the module documentation. */
export class RateLimitScheduler {
  readonly #store: GuardedStore;
  readonly #clock: RateLimitClock;
  readonly #options: SchedulerOptions;
  readonly #lanes = new Map<string, Lane>();
  readonly #waiting = new Set<Lane>();
  /** Cancelled while queued (the caller's abort, the deadline): out of the queue at once, nothing taken. */
  readonly #cancellations = new Cancellations((lane, waiter, reason) => this.#drop(lane, waiter, reason));
  readonly #concurrency: ConcurrencyBound;
  readonly #server = new ServerClock();
  #seq = 0;
  #pumping = false;
  #again = false;
  #unwatch?: () => void;
  /** While every shared lease is out: the timer that asks again. */
  #leaseWait: ReturnType<typeof setTimeout> | undefined;
  /**
   * Whether a lease request is under way. They go one at a time: a store that hangs then costs one bound,
   * not one per queued call, before the guard turns to the local budget.
   */
  #leasing = false;

  /** Creates a scheduler. */
  constructor(options: SchedulerOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#store = new GuardedStore(options.store, {
      clock: this.#clock,
      logger: options.logger,
      timeoutMs: options.storeTimeoutMs,
      // An outage is a rate-limit event users may want to see: the calls go on, on a local budget.
      onOutage: (bucket) => options.onRateLimit?.({ bucket, waitMs: 0, reason: "store" }),
    });
    this.#concurrency = new ConcurrencyBound(options.maxConcurrent, options.logger);
  }

  /** The current bound on requests in flight (lowered after a concurrent-limit 429). */
  get concurrency(): number {
    return this.#concurrency.bound;
  }

  /**
   * A permit for the next attempt of `call` to `bucket`: at once when the bucket and the concurrency bound
   * allow, otherwise after queueing. `retry` puts the call at the head of its bucket's queue. Whatever the
   * store does, the request is counted in flight only while it holds a permit.
   */
  acquire(bucket: string, call: ScheduledCall, retry = false): Permit | Promise<Permit> {
    let lane = this.#lanes.get(bucket);
    if (!lane) this.#lanes.set(bucket, lane = new Lane(bucket));
    if (lane.queue.length > 0 || lane.blocked || this.#concurrency.full || this.#store.leases) {
      return this.#enqueue(lane, call, retry);
    }
    const found = lane;
    this.#out(lane, 1);
    const decide = (taken: Verdict): Permit | Promise<Permit> => {
      const verdict = this.#far(found, taken);
      if (verdict.go) return this.#permit(found, verdict.probe);
      this.#out(found, -1);
      this.#block(found, verdict);
      return this.#enqueue(found, call, retry);
    };
    let verdict: Verdict | Promise<Verdict>;
    try {
      verdict = this.#take(bucket, call.signal);
    } catch (error) {
      this.#out(found, -1);
      throw error;
    }
    if (!isPromise(verdict)) return decide(verdict);
    return verdict.then(
      decide,
      (error) => {
        // Only the call's own signal ends a take this way (the guarded store answers everything else).
        this.#out(found, -1);
        this.#pump();
        throw error;
      },
    );
  }

  /**
   * Resolves when a request of this client ends (a slot is free again after a concurrent-limit 429), or
   * after `ms` when none does; rejects when `signal` aborts.
   */
  whenFreed(ms: number, signal?: AbortSignal): Promise<void> {
    return this.#concurrency.whenFreed(ms, signal);
  }

  /** Counts a request of `lane` in or out of flight. */
  #out(lane: Lane, n: 1 | -1): void {
    this.#concurrency.inFlight += n;
    lane.inFlight += n;
  }

  #permit(lane: Lane, probe: boolean, lease?: string): Permit {
    const epoch = this.#concurrency.epoch;
    let released = false;
    return {
      bucket: lane.bucket,
      release: (response) => {
        if (released) return;
        released = true;
        if (lease !== undefined) this.#unlease(lease);
        try {
          this.#settle(lane, probe, epoch, response);
        } catch (error) {
          // Recording an answer never fails the call that got it: the server has processed the request.
          this.#options.logger?.warn(`Rate limit: could not record an answer for ${lane.bucket}: ${error}`);
        }
      },
    };
  }

  /** An attempt's answer (or none): counts it out of flight and records what its headers say. */
  #settle(lane: Lane, probe: boolean, epoch: number, response: Response | undefined): void {
    this.#out(lane, -1);
    if (probe) lane.farProbing = false;
    let seen: RateLimitHeaders | "untracked" | undefined;
    let concurrencyLimit = false;
    if (response) {
      const { limit, remaining, reset } = readRateLimit(response.headers);
      this.#server.sample(response.headers.get("date"), this.#clock.now());
      // Okta sends Limit 0 with Remaining 0 only on a 429 for its concurrent-request limit; on any other
      // answer the pair is a proxy's or a gateway's noise, and halving the bound for it would be wrong.
      if (limit === 0 && remaining === 0 && response.status === 429) {
        concurrencyLimit = true;
        this.#concurrency.lower(epoch); // the concurrent-request limit, not the bucket
      } else {
        this.#concurrency.answered();
        if (limit !== undefined && remaining !== undefined && reset !== undefined) {
          if (limit > 0) seen = { limit, remaining, reset };
        } else if (response.status < 500 && response.status !== 429) seen = "untracked";
      }
    }
    // A refusal by the concurrent-request limit held no slot on Okta's side: only other endings free one.
    if (!concurrencyLimit) this.#concurrency.freed();
    if (seen === undefined && !probe) {
      if (this.#waiting.size > 0) this.#pump();
      return;
    }
    const serverNow = this.#clock.now() - this.#server.offset;
    const result = this.#store.update(lane.bucket, (state) => {
      const next = observe(state, seen, probe, lane.inFlight, serverNow);
      return [next, next.reset !== state?.reset || next.untracked !== state?.untracked];
    }, isBoolean);
    const after = (changed: boolean) => {
      if (lane.blocked && (lane.until === 0 || changed)) this.#unblock(lane);
      else if (this.#waiting.size > 0) this.#pump();
    };
    if (isPromise(result)) result.then(after, () => after(true));
    else after(result);
  }

  #take(bucket: string, signal?: AbortSignal): Verdict | Promise<Verdict> {
    const serverNow = this.#clock.now() - this.#server.offset;
    const prior = this.#options.firstWave === false ? 0 : priorOf(bucket);
    return this.#store.update(
      bucket,
      (state) => take(state, serverNow, this.#options.reserve, prior),
      isVerdict,
      signal,
    );
  }

  /** A reset too far away to believe is checked with one probe first (`far_reset.ts`). */
  #far(lane: Lane, verdict: Verdict): Verdict {
    return checkFarReset(lane, verdict, this.#clock.now(), this.#server.offset, this.#options.maxWaitMs);
  }

  #enqueue(lane: Lane, call: ScheduledCall, retry: boolean): Promise<Permit> {
    return new Promise<Permit>((resolve, reject) => {
      const { signal } = call;
      if (signal?.aborted) {
        this.#emptied(lane);
        return reject(signal.reason);
      }
      const waiter: Waiter = {
        seq: retry ? -++this.#seq : ++this.#seq,
        call,
        vetted: -1,
        resolve: (permit) => {
          this.#cancellations.unlisten(waiter);
          resolve(permit as Permit);
        },
        fail: reject,
      };
      if (signal) this.#cancellations.listen(signal, lane, waiter);
      if (retry) lane.queue.unshift(waiter);
      else lane.queue.push(waiter);
      this.#waiting.add(lane);
      if (lane.blocked && lane.until > 0) this.#vet(lane, waiter);
      else this.#pump();
    });
  }

  #drop(lane: Lane, waiter: Waiter, error: unknown): void {
    if (!lane.remove(waiter)) return;
    this.#cancellations.unlisten(waiter);
    this.#emptied(lane);
    waiter.fail(error);
  }

  /** A lane nobody waits in keeps no timer (it would hold a process open until the reset) and no block. */
  #emptied(lane: Lane): void {
    if (lane.queue.length > 0) return;
    this.#waiting.delete(lane);
    lane.unblock();
  }

  /**
   * Checks a waiter against its deadline, maxWait and onRateLimit, once per known wait (a reset re-read a
   * few milliseconds differently is the same wait).
   */
  #vet(lane: Lane, waiter: Waiter): void {
    if (Math.abs(waiter.vetted - lane.until) < 1000) return;
    waiter.vetted = lane.until;
    const waitMs = Math.max(0, lane.until - this.#clock.now());
    try {
      waiter.call.check(waitMs, `${lane.bucket} (throttled until its rate limit resets)`);
      vetWait(this.#options, { bucket: lane.bucket, waitMs, reason: "bucket" });
    } catch (error) {
      this.#drop(lane, waiter, error);
    }
  }

  #block(lane: Lane, verdict: Verdict & { go: false }): void {
    lane.cancel?.();
    lane.blocked = true;
    const now = this.#clock.now();
    const until = verdict.until + this.#server.offset;
    // Every timer is cut to what setTimeout keeps: an overflowing one fires at once, and would re-arm at once.
    const delay = timerMs(until - now);
    if (verdict.probe) {
      // Ends when the probe answers (its release, or the store's watch for another client's probe), when the
      // probe is presumed lost, or, without a watch, at the next look at the store: real time, since it is
      // another client's progress that is awaited, not the bucket's clock.
      lane.until = 0;
      const unblock = () => this.#unblock(lane);
      const expire = this.#clock.schedule(delay, unblock);
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
    lane.cancel = this.#clock.schedule(delay, () => this.#unblock(lane));
    if (changed) {
      this.#options.logger?.warn(
        `Rate limit: ${lane.bucket} has no requests left in this window; ${
          Math.max(1, lane.queue.length)
        } call(s) wait ${Math.max(0, until - now)} ms for its reset.`,
      );
    }
    for (const waiter of lane.queue) this.#vet(lane, waiter);
  }

  #unblock(lane: Lane): void {
    lane.unblock();
    this.#pump();
  }

  /**
   * Releases queued calls while the bound and their buckets allow, earliest first across buckets. Store
   * updates are not awaited one after another: a bucket has at most as many under way as it has calls
   * waiting, and a bucket whose store is slow to answer does not hold up the others.
   */
  #pump(): void {
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = true;
    try {
      do {
        this.#again = false;
        for (let lane = this.#next(); lane; lane = this.#next()) {
          this.#out(lane, 1);
          if (this.#store.leases) this.#leaseFor(lane);
          else this.#serve(lane);
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

  /** Takes from `lane`'s bucket for its head and acts on the verdict; a lease, if any, goes with the permit. */
  #serve(lane: Lane, lease?: string): void {
    const result = this.#take(lane.bucket);
    if (!isPromise(result)) return this.#decide(lane, result, lease);
    lane.taking++;
    result.then((verdict) => {
      lane.taking--;
      this.#decide(lane, verdict, lease);
      this.#pump();
    }, () => {
      lane.taking--;
      this.#out(lane, -1);
      if (lease !== undefined) this.#unlease(lease);
      this.#pump();
    });
  }

  /**
   * With a store that shares the concurrency bound: one of its leases first. When all are out (other
   * processes' requests), the lane asks again shortly; when the store fails, the call goes on without one.
   */
  #leaseFor(lane: Lane): void {
    lane.taking++;
    this.#leasing = true;
    this.#store.lease(this.#concurrency.bound).then((lease) => {
      this.#leasing = false;
      lane.taking--;
      if (lease === null) {
        this.#out(lane, -1);
        this.#leaseWait ??= setTimeout(() => {
          this.#leaseWait = undefined;
          this.#pump();
        }, LEASE_POLL_MS * (0.5 + Math.random())); // jittered: many clients must not ask in step
        return;
      }
      this.#serve(lane, lease);
      this.#pump();
    });
  }

  #unlease(id: string): void {
    this.#store.unlease(id).then(() => {
      if (this.#waiting.size > 0) this.#pump();
    });
  }

  #next(): Lane | undefined {
    if (this.#concurrency.full || this.#leaseWait !== undefined || this.#leasing) return undefined;
    let best: Lane | undefined;
    for (const lane of this.#waiting) {
      if (
        !lane.blocked && lane.taking < lane.queue.length &&
        (!best || lane.queue.first!.seq < best.queue.first!.seq)
      ) {
        best = lane;
      }
    }
    return best;
  }

  #decide(lane: Lane, taken: Verdict, lease?: string): void {
    const verdict = this.#far(lane, taken);
    if (verdict.go) {
      const permit = this.#permit(lane, verdict.probe, lease);
      const head = lane.queue.shift();
      // The head may have gone away while an asynchronous store answered: hand the slot back.
      if (!head) return permit.release();
      this.#emptied(lane);
      head.resolve(permit);
      return;
    }
    this.#out(lane, -1);
    if (lease !== undefined) this.#unlease(lease);
    this.#block(lane, verdict);
  }

  #watch(): boolean {
    this.#unwatch ??= this.#store.watch((bucket) => {
      const lane = this.#lanes.get(bucket);
      if (lane?.blocked && lane.until === 0) this.#unblock(lane);
    });
    return this.#unwatch !== undefined;
  }
}
