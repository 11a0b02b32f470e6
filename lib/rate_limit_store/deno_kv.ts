/**
 * The rate-limit store over Deno KV: a local file shared by the processes of one machine
 * (`Deno.openKv(path)`, or `openKv(path)` of the `@deno/kv` npm package on Node and Bun), Deno Deploy's KV,
 * or a self-hosted KV Connect server.
 *
 * @module
 */
import type { RateLimitStore } from "../seams.ts";
import { bounded, casStore, type SharedStoreOptions } from "./cas_store.ts";

/** One entry as {@linkcode DenoKvLike.get} gives it. */
export interface DenoKvEntryLike {
  /** The value, `null` when there is none. */
  readonly value: unknown;
  /** Its versionstamp, `null` when there is no value. */
  readonly versionstamp: string | null;
}

/** An atomic operation, as far as the store uses one. */
export interface DenoKvAtomicLike {
  /** Makes the commit fail unless `key` is still at `versionstamp`. */
  check(check: { key: string[]; versionstamp: string | null }): DenoKvAtomicLike;
  /** Sets `key`, expiring after `expireIn` ms. */
  set(key: string[], value: unknown, options: { expireIn: number }): DenoKvAtomicLike;
  /** Commits; `ok` is false when a check failed. */
  commit(): Promise<{ ok: boolean; versionstamp?: string }>;
}

/** The part of `Deno.Kv` (and of `@deno/kv`'s `Kv`) the store uses. */
export interface DenoKvLike {
  /** Reads one key. */
  get(key: string[]): Promise<DenoKvEntryLike>;
  /** Starts an atomic operation. */
  atomic(): DenoKvAtomicLike;
}

/** Options of {@linkcode denoKvRateLimitStore}. */
export interface DenoKvRateLimitStoreOptions extends SharedStoreOptions {
  /** How long one read or commit may take before the store gives up on it, in ms. Default 1,000. */
  timeoutMs?: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Runs `operation` again while a local KV file answers "database is locked" (SQLite's busy: another process,
 * or another handle, is writing), after a short random pause; the caller's time bound ends it.
 */
async function busy<T>(operation: () => Promise<T>): Promise<T> {
  for (let pause = 1;; pause = Math.min(pause * 2, 20)) {
    try {
      return await operation();
    } catch (error) {
      if (!/database is locked|SQLITE_BUSY/i.test(String((error as Error)?.message))) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause * (0.5 + Math.random())));
    }
  }
}

/**
 * A store over Deno KV: each bucket is the entry `[prefix, "bucket", bucket]`, updated with an atomic
 * check-and-set on its versionstamp and expiring a minute after its window; the concurrency leases are the
 * entry `[prefix, "leases"]`. Values are JSON as bytes, which KV stores as they are (not V8-serialized,
 * which differs between runtimes' V8 versions), so Deno, Node and Bun processes can share one file. On Bun,
 * `@deno/kv` wants a serializer all the same: `openKv(path, makeLimitedV8Serializer())`.
 *
 * @example Processes of one machine sharing a KV file
 * ```ts ignore
 * import { Okta } from "@oktakit/management";
 * import { denoKvRateLimitStore } from "@oktakit/management/rate-limit/deno-kv";
 *
 * const kv = await Deno.openKv("/var/tmp/okta-rate-limits.sqlite");
 * const okta = new Okta({ rateLimit: { store: denoKvRateLimitStore(kv, { prefix: "example.okta.com" }) } });
 * ```
 */
export function denoKvRateLimitStore(
  kv: DenoKvLike,
  options: DenoKvRateLimitStoreOptions = {},
): RateLimitStore {
  const timeoutMs = options.timeoutMs ?? 1000;
  return casStore({
    async read(key) {
      const entry = await bounded(busy(() => kv.get([...key])), timeoutMs, "get");
      const bytes = entry.value;
      const value = bytes instanceof Uint8Array ? JSON.parse(decoder.decode(bytes)) : undefined;
      return { value, version: entry.versionstamp };
    },
    async write(key, expected, value, ttlMs) {
      const commit = busy(() =>
        kv.atomic().check({ key: [...key], versionstamp: expected.version })
          .set([...key], encoder.encode(JSON.stringify(value)), { expireIn: Math.ceil(ttlMs) }).commit()
      );
      const result = await bounded(commit, timeoutMs, "commit");
      return result.ok && result.versionstamp
        ? { ok: true, current: { value, version: result.versionstamp } }
        : { ok: false };
    },
  }, options);
}
