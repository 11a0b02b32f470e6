/**
 * A rate-limit store as the scheduler uses it: whatever the store does (throws, rejects, answers garbage,
 * hangs), an update ends, within a short bound, with a valid answer. A store that fails is replaced by a
 * local in-memory budget for a while (one warning per outage), and asked again after that: a shared store
 * across processes (Redis, Deno KV) will fail, hang and recover in production, and a request in flight must
 * never be lost in it, nor a call's result depend on it.
 *
 * @module
 */
import type { Logger, RateLimitBucketState, RateLimitClock, RateLimitStore } from "../../seams.ts";
import { redactText } from "../../log.ts";
import { timerMs } from "../../sleep.ts";
import { memoryRateLimitStore } from "./store.ts";

/** The longest a store update may take by default before the local budget answers instead, in ms. */
export const STORE_TIMEOUT_MS = 1000;
/** How long a failed store is left alone (the local budget answering) before it is asked again, in ms. */
export const STORE_RETRY_MS = 1000;

/** A change to a bucket's state, as {@linkcode RateLimitStore.update} takes it. */
export type StateChange<T> = (state: RateLimitBucketState | undefined) => [RateLimitBucketState, T];

/** What a {@linkcode GuardedStore} needs besides the store. */
export interface GuardOptions {
  /** The bound on one store update, in ms (default {@linkcode STORE_TIMEOUT_MS}). */
  timeoutMs?: number;
  /** The clock that decides when a failed store is asked again. */
  clock: RateLimitClock;
  /** Where an outage is reported. */
  logger?: Logger;
  /** Told once per outage, after the warning (the scheduler tells `onRateLimit`). */
  onOutage?: (bucket: string) => void;
}

/** The store guarded; see the module documentation. */
export class GuardedStore {
  readonly #store: RateLimitStore;
  readonly #local = memoryRateLimitStore();
  readonly #options: GuardOptions;
  readonly #timeoutMs: number;
  /** Until when (clock ms) the local budget answers without asking the store; 0 while the store is up. */
  #downUntil = 0;
  /** The same pause in real time: a store is asked again once either clock says so (a test's clock may stand still). */
  #downUntilReal = 0;
  #warned = false;
  #watchFailed = false;

  /** Guards `store`; without one, a private in-memory store that needs no guard. */
  constructor(store: RateLimitStore | undefined, options: GuardOptions) {
    this.#store = store ?? this.#local;
    this.#options = options;
    this.#timeoutMs = options.timeoutMs ?? STORE_TIMEOUT_MS;
  }

  /**
   * The store's `watch`, when it has one that works: `undefined` when it has none, or when it throws (the
   * scheduler polls instead; said once).
   */
  watch(listener: (bucket: string) => void): (() => void) | undefined {
    if (!this.#store.watch) return undefined;
    try {
      const unwatch = this.#store.watch(listener);
      return () => {
        try {
          unwatch();
        } catch { /* a store that cannot stop telling us only costs a few wake-ups */ }
      };
    } catch (error) {
      if (!this.#watchFailed) {
        this.#watchFailed = true;
        this.#options.logger?.warn(
          `Rate limit: the rate-limit store's watch failed (${describe(error)}); looking at it every few ` +
            "hundred milliseconds instead while a call waits for another client's probe.",
        );
      }
      return undefined;
    }
  }

  /**
   * `change` applied to `bucket` by the store, or by the local budget when the store fails, times out or
   * answers something `valid` rejects. Never throws or rejects, except with `signal`'s reason when it aborts
   * first (the caller no longer waits; the store's late answer is dropped).
   */
  update<T>(
    bucket: string,
    change: StateChange<T>,
    valid: (result: unknown) => boolean,
    signal?: AbortSignal,
  ): T | Promise<T> {
    const store = this.#store;
    if (store === this.#local || this.#down()) return this.#local.update(bucket, change) as T;
    // A stored value that is not a state (`{}`, a string, a state with missing fields) is read as unknown:
    // the budget is re-learnt from the next answer instead of being computed from garbage.
    const checked: StateChange<T> = (state) => change(isBucketState(state) ? state : undefined);
    let result: unknown;
    try {
      result = store.update(bucket, checked, { signal });
    } catch (error) {
      return this.#fail(bucket, change, error);
    }
    if (!isThenable(result)) return this.#checked(bucket, change, valid, result);
    return this.#bound(result as PromiseLike<unknown>, signal).then(
      (answer) => this.#checked(bucket, change, valid, answer),
      (error) => {
        if (signal?.aborted && error === signal.reason) throw error;
        return this.#fail(bucket, change, error);
      },
    );
  }

  /** The store's answer when `valid` takes it (the store is up again, if it was down), else the local one. */
  #checked<T>(
    bucket: string,
    change: StateChange<T>,
    valid: (result: unknown) => boolean,
    answer: unknown,
  ): T {
    if (!valid(answer)) return this.#fail(bucket, change, invalid(answer));
    if (this.#warned) {
      this.#warned = false;
      this.#options.logger?.info("Rate limit: the rate-limit store answers again.");
    }
    return answer as T;
  }

  /** Whether the store failed lately; once its pause is over it is asked again. */
  #down(): boolean {
    if (this.#downUntil === 0) return false;
    if (this.#options.clock.now() < this.#downUntil && Date.now() < this.#downUntilReal) return true;
    this.#downUntil = 0;
    return false;
  }

  /** Records the failure (one warning per outage) and answers from the local budget. */
  #fail<T>(bucket: string, change: StateChange<T>, error: unknown): T {
    this.#failed(bucket, error);
    return this.#local.update(bucket, change) as T;
  }

  /** Leaves the store alone for a while; the first failure of an outage is reported. */
  #failed(bucket: string, error: unknown): void {
    this.#downUntil = this.#options.clock.now() + STORE_RETRY_MS;
    this.#downUntilReal = Date.now() + STORE_RETRY_MS;
    if (this.#warned) return;
    this.#warned = true;
    this.#options.logger?.warn(
      `Rate limit: the rate-limit store failed (${describe(error)}); budgets are kept in this process ` +
        `until it answers again, asked again every ${STORE_RETRY_MS / 1000} s.`,
    );
    try {
      this.#options.onOutage?.(bucket);
    } catch { /* a report, not a decision: nothing to fail */ }
  }

  /** Whether the store shares the concurrency bound too (`lease` and `unlease`). */
  get leases(): boolean {
    return typeof this.#store.lease === "function" && typeof this.#store.unlease === "function";
  }

  /**
   * One of the store's shared leases, among at most `max` out: its id; `null` when all are out; `undefined`
   * when the store is down or fails now (the call then goes on without one, on this process's own bound).
   */
  async lease(max: number): Promise<string | null | undefined> {
    if (this.#down()) return undefined;
    try {
      const id = await this.#bound(Promise.resolve(this.#store.lease!(max)), undefined);
      return typeof id === "string" ? id : null;
    } catch (error) {
      this.#failed("concurrency", error);
      return undefined;
    }
  }

  /** Gives a lease back; a lease that cannot be given back expires on its own. */
  unlease(id: string): Promise<void> {
    try {
      return this.#bound(Promise.resolve(this.#store.unlease!(id)), undefined).then(() => {}, () => {});
    } catch {
      return Promise.resolve();
    }
  }

  /** `answer`, or a rejection after the bound or when `signal` aborts. */
  #bound(answer: PromiseLike<unknown>, signal: AbortSignal | undefined): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", abort);
      };
      const abort = () => {
        done();
        reject(signal!.reason);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no answer within ${this.#timeoutMs} ms`));
      }, timerMs(this.#timeoutMs));
      signal?.addEventListener("abort", abort, { once: true });
      answer.then((value) => {
        done();
        resolve(value);
      }, (error) => {
        done();
        reject(error);
      });
    });
  }
}

/** Whether `value` is a bucket state the budget arithmetic can use: every field present and sensible. */
export function isBucketState(value: unknown): value is RateLimitBucketState {
  if (typeof value !== "object" || value === null) return false;
  const s = value as Record<string, unknown>;
  return isCount(s.limit) && isCount(s.remaining) && isCount(s.reset) && isCount(s.probeUntil) &&
    typeof s.untracked === "boolean";
}

const isCount = (n: unknown): boolean => typeof n === "number" && Number.isFinite(n) && n >= 0;
const isThenable = (value: unknown): boolean => typeof (value as { then?: unknown })?.then === "function";
const invalid = (value: unknown) => new TypeError(`it answered ${describe(value)}, not what was asked`);

function describe(value: unknown): string {
  // A store's errors may quote its connection string, password included.
  if (value instanceof Error) return redactText(value.message);
  if (value === undefined) return "undefined";
  try {
    return JSON.stringify(value)?.slice(0, 80) ?? String(value);
  } catch {
    return String(value);
  }
}
