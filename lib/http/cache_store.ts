/**
 * The default store of the response cache: in memory, private to one client, bounded by a number of entries
 * (least recently used first) and swept of expired ones as it is used.
 *
 * @module
 */
import type { CacheStore } from "../seams.ts";

/** The prefix of the keys of cached responses; every other key is a version or an alias (`cache.ts`). */
export const ENTRY = "oktakit:e:";

/** What the store reads of a cached response: when it was made and last read. */
interface Timed {
  created: number;
  accessed: number;
}

/** Options of {@linkcode memoryStore}. */
export interface MemoryStoreOptions {
  /** Entries kept at most; the least recently used goes first. Default 10,000. */
  maxEntries?: number;
  /** Milliseconds between sweeps of expired entries (made as the store is used, never by a timer). */
  sweepIntervalMs?: number;
  /** The cache's lifetimes in milliseconds: what the sweep drops. */
  ttlMs?: number;
  /** Milliseconds an entry lives without being read. */
  ttiMs?: number;
  /** The clock; `Date.now` by default. */
  now?: () => number;
}

/** An in-memory {@linkcode CacheStore} with its size, for tests and metrics. */
export interface MemoryCacheStore extends CacheStore {
  /** Cached responses held now. */
  readonly size: number;
  /** Versions and aliases held now. */
  readonly metaSize: number;
}

/**
 * The default {@linkcode CacheStore}: in memory, private to one client, bounded. At most `maxEntries`
 * responses are kept (the least recently used goes first), and every `sweepIntervalMs` the entries past their
 * lifetime are dropped, with versions and aliases older than the time-to-live (no entry can rely on them
 * any more). Should versions and aliases still outgrow four times the bound, the oldest quarter of them goes,
 * and with them every entry made before them: forgetting a version while an entry stamped before it lives
 * could serve that entry again.
 */
export function memoryStore(options: MemoryStoreOptions = {}): MemoryCacheStore {
  const { maxEntries = 10_000, sweepIntervalMs = 60_000, ttlMs = Infinity, ttiMs = Infinity } = options;
  const now = options.now ?? Date.now;
  const entries = new Map<string, unknown>();
  const meta = new Map<string, unknown>();
  let swept = now();
  const mapOf = (key: string) => key.startsWith(ENTRY) ? entries : meta;
  const sweep = (time: number) => {
    swept = time;
    for (const [key, value] of entries) {
      const entry = value as Timed;
      if (time - entry.created >= ttlMs || time - entry.accessed >= ttiMs) entries.delete(key);
    }
    for (const [key, value] of meta) if (time - (value as { at: number }).at >= ttlMs) meta.delete(key);
  };
  // Drops the oldest quarter of the versions and aliases (the Map's order is the order they were written)
  // and, with them, every entry made before the last one dropped: none can rely on a forgotten version.
  const trimMeta = () => {
    let newest = -Infinity;
    let drop = Math.ceil(meta.size / 4);
    for (const [key, value] of meta) {
      if (drop-- <= 0) break;
      newest = Math.max(newest, (value as { at: number }).at);
      meta.delete(key);
    }
    for (const [key, value] of entries) if ((value as Timed).created <= newest) entries.delete(key);
  };
  return {
    get(key) {
      const map = mapOf(key);
      const value = map.get(key);
      if (value !== undefined && map === entries) {
        // Most recently used last: Map keeps insertion order.
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    add(key, value) {
      const map = mapOf(key);
      map.delete(key);
      map.set(key, value);
      const time = now();
      if (time - swept >= sweepIntervalMs) sweep(time);
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      if (meta.size > maxEntries * 4) {
        sweep(time);
        if (meta.size > maxEntries * 4) trimMeta();
      }
    },
    contains: (key) => mapOf(key).has(key),
    delete: (key) => void mapOf(key).delete(key),
    get size() {
      return entries.size;
    },
    get metaSize() {
      return meta.size;
    },
  };
}
