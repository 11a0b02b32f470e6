/**
 * A {@linkcode RateLimitStore} over any engine that can compare-and-set one key: Deno KV (versionstamps),
 * Redis (a Lua script) and a Durable Object each supply {@linkcode CasEngine}'s two operations, and this
 * module does the rest the same way for all three: the atomic `update` of a bucket (read, `change`, write
 * if nobody wrote in between, else again), expiry per window, and the org-wide concurrency leases.
 *
 * Types only from the core: importing an adapter loads nothing of the client.
 *
 * @module
 */
import type { RateLimitBucketState, RateLimitStore } from "../seams.ts";

/** A key's value as last read or written, with the token that a write must match. */
export interface Versioned {
  /** The stored value; `undefined` when the key holds none. */
  readonly value: unknown;
  /** The engine's version of it (a versionstamp, the stored text); `null` when the key holds none. */
  readonly version: string | null;
}

/** What a write did: `ok` with the key's new version, or not (with the current value when the engine knows it). */
export type CasOutcome = { ok: true; current: Versioned } | { ok: false; current?: Versioned };

/** The two operations an engine supplies. Keys are arrays of parts; the engine joins them as it likes. */
export interface CasEngine {
  /** The key's value and version. */
  read(key: readonly string[]): Promise<Versioned>;
  /** Writes `value` under `key`, expiring after `ttlMs`, only if the key is still at `expected.version`. */
  write(key: readonly string[], expected: Versioned, value: unknown, ttlMs: number): Promise<CasOutcome>;
}

/** Options every adapter takes. */
export interface SharedStoreOptions {
  /**
   * Put before every key, so that two orgs, or two environments of one org, never share a budget: use one
   * prefix per org (its host name, say). Default `"oktakit"`.
   */
  prefix?: string;
  /**
   * How long a concurrency lease lives unless given back first (a process that dies mid-request does not
   * hold its slot for ever), in ms. Default 30,000.
   */
  leaseTtlMs?: number;
}

/** How long a bucket's entry outlives its window: long enough to be read by a process starting late. */
const KEEP_MS = 60_000;
/** Writers racing for one key give up after this many tries (the store then fails; the client goes on). */
const MAX_TRIES = 100;

/** `Date.now()` on the store's side (epoch ms): lease expiry needs a clock all processes share. */
type Now = () => number;

/** The store, over `engine`. */
export function casStore(
  engine: CasEngine,
  options: SharedStoreOptions = {},
  now: Now = Date.now,
): RateLimitStore {
  const prefix = options.prefix ?? "oktakit";
  const leaseTtlMs = options.leaseTtlMs ?? 30_000;
  const leasesKey = [prefix, "leases"];
  // The last version seen of each key: a write is tried against it first, which saves a read when this
  // process was the last writer (the usual case); a stale one fails the write and is read again.
  const known = new Map<string, Versioned>();

  async function cas<S, T>(
    key: readonly string[],
    change: (value: S | undefined) => [S, T],
    ttl: (value: S) => number,
  ) {
    const id = key.join("\u0000");
    let current = known.get(id);
    let fresh = current === undefined;
    current ??= await engine.read(key);
    for (let tries = 0; tries < MAX_TRIES; tries++) {
      const [next, result] = change(current.value as S | undefined);
      if (next === current.value) {
        // Nothing to write: the answer holds only if it was computed from what the engine has now.
        if (fresh) return result;
      } else {
        const outcome = await engine.write(key, current, next, Math.max(1000, ttl(next)));
        if (outcome.ok) {
          known.set(id, outcome.current);
          return result;
        }
        if (outcome.current) {
          known.set(id, current = outcome.current);
          fresh = true;
          continue;
        }
      }
      known.set(id, current = await engine.read(key));
      fresh = true;
    }
    throw new Error(`rate-limit store: gave up on ${key.join(":")} after ${MAX_TRIES} conflicting writes`);
  }

  type Leases = Record<string, number>;
  const leasesTtl = (leases: Leases) => Math.max(0, ...Object.values(leases)) - now() + 1000;
  return {
    update<T>(
      bucket: string,
      change: (state: RateLimitBucketState | undefined) => [RateLimitBucketState, T],
    ) {
      return cas(
        [prefix, "bucket", bucket],
        change,
        (s) => Math.max(KEEP_MS, Math.max(s.reset, s.probeUntil) - now() + KEEP_MS),
      );
    },
    lease(max: number) {
      const id = crypto.randomUUID();
      return cas<Leases, string | undefined>(leasesKey, (value) => {
        const at = now();
        const live = Object.entries(value ?? {}).filter(([, expires]) => expires > at);
        if (live.length >= max) {
          // Full: write only to drop expired leases.
          const all = value ?? {};
          return [live.length === Object.keys(all).length ? all : Object.fromEntries(live), undefined];
        }
        return [{ ...Object.fromEntries(live), [id]: at + leaseTtlMs }, id];
      }, leasesTtl);
    },
    unlease(id: string) {
      return cas<Leases, void>(leasesKey, (value) => {
        if (!value || !(id in value)) return [value as Leases, undefined];
        const { [id]: _, ...rest } = value;
        return [rest, undefined];
      }, leasesTtl);
    },
  };
}

/** A promise for `promise`'s outcome that rejects after `ms` if it has not settled by then. */
export function bounded<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  if (!(ms > 0) || !Number.isFinite(ms)) return promise;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`rate-limit store: ${what} did not answer within ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
