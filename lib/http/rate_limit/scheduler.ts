/**
 * The rate-limit scheduler. Its one contract with a call: {@linkcode RateLimitScheduler.acquire} a
 * {@linkcode Permit} for each attempt (the call's signal and deadline bound the wait), and
 * {@linkcode Permit.release} it once, with the answer if there was one. Calls queue FIFO per bucket
 * (`queue.ts`); a bucket releases only what its window has left beyond the reserve (`budget.ts`), learns
 * from every answer, retries and 429s included, and re-checks after each reset with one probe. At most
 * `maxConcurrent` requests are in flight (`concurrency.ts`), across all the store's clients when the store
 * keeps leases (`lease`/`unlease`); resets are server times, read on our clock through the server's `Date`
 * (`server_clock.ts`). A store that throws or rejects leaves calls on a local budget for a while.
 *
 * @module
 */
import type { Logger, RateLimitClock, RateLimitStore } from "../../seams.ts";
import { observe, take, type Verdict } from "./budget.ts";
import { systemClock } from "./clock.ts";
import { ConcurrencyBound } from "./concurrency.ts";
import { type RateLimitHeaders, readRateLimit } from "./headers.ts";
import { Lane, type ScheduledCall, type Waiter } from "./queue.ts";
import { ServerClock } from "./server_clock.ts";
import { memoryRateLimitStore } from "./store.ts";
import { vetWait, type WaitPolicy } from "./wait_policy.ts";

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
/** With shared concurrency leases (`store.lease`), how soon a client finding them all out asks again. */
const LEASE_POLL_MS = 20;
/** A failing store is reported at most this often. */
const STORE_WARN_MS = 60_000;
/** After the store fails, calls use the local budget for this long (real time) before asking it again. */
const STORE_RETRY_MS = 1000;
const isPromise = <T>(value: T | Promise<T>): value is Promise<T> =>
  typeof (value as { then?: unknown })?.then === "function";

/** Schedules the requests of one client; see the module documentation. */
export class RateLimitScheduler {
  readonly #store: RateLimitStore;
  readonly #clock: RateLimitClock;
  readonly #options: SchedulerOptions;
  readonly #lanes = new Map<string, Lane>();
  readonly #waiting = new Set<Lane>();
  readonly #concurrency: ConcurrencyBound;
  readonly #server = new ServerClock();
  #seq = 0;
  #pumping = false;
  #again = false;
  #unwatch?: () => void;
  /** The store, when it shares the concurrency bound too (`lease` and `unlease`). */
  readonly #leases: RateLimitStore | undefined;
  /** While every shared lease is out: the timer that asks again. */
  #leaseWait: ReturnType<typeof setTimeout> | undefined;
  /** Where buckets go while the store fails (the call proceeds on this client's own budget). */
  #local: RateLimitStore | undefined;
  #storeWarned = -Infinity;
  /** Until when (Date.now()) the store is left alone after a failure: one slow failure, not one per call. */
  #storeDownUntil = 0;

  /** Creates a scheduler. */
  constructor(options: SchedulerOptions) {
    this.#options = options;
    this.#store = options.store ?? memoryRateLimitStore();
    this.#clock = options.clock ?? systemClock;
    this.#concurrency = new ConcurrencyBound(options.maxConcurrent, options.logger);
    if (this.#store.lease && this.#store.unlease) this.#leases = this.#store;
  }

  /** The current bound on requests in flight (lowered after a concurrent-limit 429). */
  get concurrency(): number {
    return this.#concurrency.bound;
  }

  /**
   * A permit for the next attempt of `call` to `bucket`: at once when the bucket and the concurrency bound
   * allow, otherwise after queueing. `retry` puts the call at the head of its bucket's queue.
   */
  acquire(bucket: string, call: ScheduledCall, retry = false): Permit | Promise<Permit> {
    let lane = this.#lanes.get(bucket);
    if (!lane) this.#lanes.set(bucket, lane = new Lane(bucket));
    if (lane.queue.length > 0 || lane.blocked || this.#concurrency.full || this.#leases) {
      return this.#enqueue(lane, call, retry);
    }
    const found = lane;
    this.#out(lane, 1);
    const decide = (verdict: Verdict): Permit | Promise<Permit> => {
      if (verdict.go) return this.#permit(found, verdict.probe);
      this.#out(found, -1);
      this.#block(found, verdict);
      return this.#enqueue(found, call, retry);
    };
    let verdict: Verdict | Promise<Verdict>;
    try {
      verdict = this.#take(bucket);
    } catch (error) {
      this.#out(found, -1);
      throw error;
    }
    return isPromise(verdict) ? verdict.then(decide) : decide(verdict);
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
        this.#settle(lane, probe, epoch, response);
      },
    };
  }

  /**
   * The store's `update`, or, when the store throws or rejects, the same change on a local store: the call
   * goes on with this client's own budget for the bucket rather than fail (reported at most once a minute),
   * and the store is left alone for a second, so that a store that answers slowly or not at all delays one
   * call, not every call.
   */
  #update<T>(bucket: string, change: Parameters<RateLimitStore["update"]>[1]): T | Promise<T> {
    const local = (error: unknown) => {
      this.#storeFailed(bucket, error);
      return (this.#local ??= memoryRateLimitStore()).update(bucket, change) as T;
    };
    if (this.#storeDownUntil > Date.now()) {
      return (this.#local ??= memoryRateLimitStore()).update(bucket, change) as T;
    }
    try {
      const result = this.#store.update(bucket, change) as T | Promise<T>;
      return isPromise(result) ? result.catch(local) : result;
    } catch (error) {
      return local(error);
    }
  }

  #storeFailed(bucket: string, error: unknown): void {
    this.#storeDownUntil = Date.now() + STORE_RETRY_MS;
    const now = this.#clock.now();
    if (now - this.#storeWarned < STORE_WARN_MS) return;
    this.#storeWarned = now;
    this.#options.logger?.warn(
      `Rate limit: the rate-limit store failed (${
        error instanceof Error ? error.message : String(error)
      }); calls go on with this client's own budget.`,
    );
    try {
      this.#options.onRateLimit?.({ bucket, waitMs: 0, reason: "store" });
    } catch { /* a report, not a decision: nothing to fail */ }
  }

  /** One of the store's shared leases: its id, `null` when all are out, `undefined` when the store failed. */
  async #lease(): Promise<string | null | undefined> {
    if (this.#storeDownUntil > Date.now()) return undefined;
    try {
      return (await this.#leases!.lease!(this.#concurrency.bound)) ?? null;
    } catch (error) {
      this.#storeFailed("concurrency", error);
      return undefined;
    }
  }

  #unlease(id: string): void {
    const after = () => {
      if (this.#waiting.size > 0) this.#pump();
    };
    try {
      const result = this.#leases!.unlease!(id);
      if (isPromise(result)) result.then(after, after); // a lease not given back expires on its own
    } catch { /* it expires on its own */ }
  }

  /** An attempt's answer (or none): counts it out of flight and records what its headers say. */
  #settle(lane: Lane, probe: boolean, epoch: number, response: Response | undefined): void {
    this.#out(lane, -1);
    let seen: RateLimitHeaders | "untracked" | undefined;
    if (response) {
      const { limit, remaining, reset } = readRateLimit(response.headers);
      this.#server.sample(response.headers.get("date"), this.#clock.now());
      if (limit === 0 && remaining === 0) {
        this.#concurrency.lower(epoch); // the concurrent-request limit, not the bucket
      } else {
        this.#concurrency.answered();
        if (limit !== undefined && remaining !== undefined && reset !== undefined) {
          seen = { limit, remaining, reset };
        } else if (response.status < 500 && response.status !== 429) seen = "untracked";
      }
    }
    if (seen === undefined && !probe) {
      if (this.#waiting.size > 0) this.#pump();
      return;
    }
    const serverNow = this.#clock.now() - this.#server.offset;
    const result = this.#update<boolean>(lane.bucket, (state) => {
      const next = observe(state, seen, probe, lane.inFlight, serverNow);
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
    const serverNow = this.#clock.now() - this.#server.offset;
    return this.#update(bucket, (state) => take(state, serverNow, this.#options.reserve));
  }

  #enqueue(lane: Lane, call: ScheduledCall, retry: boolean): Promise<Permit> {
    return new Promise<Permit>((resolve, reject) => {
      const { signal } = call;
      if (signal?.aborted) {
        this.#emptied(lane);
        return reject(signal.reason);
      }
      const abort = () => drop(signal!.reason);
      const waiter: Waiter = {
        seq: retry ? -++this.#seq : ++this.#seq,
        call,
        vetted: -1,
        resolve: (permit) => {
          signal?.removeEventListener("abort", abort);
          resolve(permit as Permit);
        },
        fail: (error) => {
          signal?.removeEventListener("abort", abort);
          reject(error);
        },
      };
      // Cancelled while queued (the caller's abort, the deadline): out of the queue at once, nothing taken.
      const drop = (error: unknown) => this.#drop(lane, waiter, error);
      signal?.addEventListener("abort", abort, { once: true });
      if (retry) lane.queue.unshift(waiter);
      else lane.queue.push(waiter);
      this.#waiting.add(lane);
      if (lane.blocked && lane.until > 0) this.#vet(lane, waiter);
      else this.#pump();
    });
  }

  #drop(lane: Lane, waiter: Waiter, error: unknown): void {
    if (!lane.remove(waiter)) return;
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
    if (verdict.probe) {
      // Ends when the probe answers (its release, or the store's watch for another client's probe), when the
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
    lane.unblock();
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
          this.#out(lane, 1);
          let lease: string | null | undefined;
          if (this.#leases) {
            lease = await this.#lease();
            if (lease === null) {
              // Every shared lease is out (other processes' requests): ask again shortly.
              this.#out(lane, -1);
              this.#leaseWait = setTimeout(() => {
                this.#leaseWait = undefined;
                this.#pump();
              }, LEASE_POLL_MS * (0.5 + Math.random())); // jittered: many clients must not ask in step
              break;
            }
          }
          let verdict: Verdict;
          try {
            const result = this.#take(lane.bucket);
            verdict = isPromise(result) ? await result : result;
          } catch (error) {
            this.#out(lane, -1);
            if (lease) this.#unlease(lease);
            const head = lane.queue[0];
            if (head) this.#drop(lane, head, error);
            continue;
          }
          this.#decide(lane, verdict, lease ?? undefined);
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
    if (this.#concurrency.full || this.#leaseWait) return undefined;
    let best: Lane | undefined;
    for (const lane of this.#waiting) {
      if (!lane.blocked && (!best || lane.queue[0].seq < best.queue[0].seq)) best = lane;
    }
    return best;
  }

  #decide(lane: Lane, verdict: Verdict, lease?: string): void {
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
    if (!this.#store.watch) return false;
    this.#unwatch ??= this.#store.watch((bucket) => {
      const lane = this.#lanes.get(bucket);
      if (lane?.blocked && lane.until === 0) this.#unblock(lane);
    });
    return true;
  }
}
