/**
 * The response cache: off by default, single-resource GETs only, evicted by writes to the resource or
 * its collection, with time-to-live and time-to-idle.
 *
 * @module
 */

/**
 * Where cached responses live. Implement it over Redis, KV or anything else; each method may be sync or
 * async. Values are plain JSON-serializable objects.
 *
 * @example A store over a Map
 * ```ts
 * import type { CacheStore } from "./cache.ts";
 * const map = new Map<string, unknown>();
 * const store: CacheStore = {
 *   get: (key) => map.get(key),
 *   add: (key, value) => void map.set(key, value),
 *   contains: (key) => map.has(key),
 *   delete: (key) => void map.delete(key),
 * };
 * ```
 */
export interface CacheStore {
  /** The value stored under `key`, or `undefined`. */
  get(key: string): unknown | Promise<unknown>;
  /** Stores `value` under `key`, replacing any older value. */
  add(key: string, value: unknown): void | Promise<void>;
  /** Whether `key` holds a value. */
  contains(key: string): boolean | Promise<boolean>;
  /** Removes `key`. */
  delete(key: string): void | Promise<void>;
}

/** An in-memory {@linkcode CacheStore}, the default. */
export function memoryStore(): CacheStore {
  const map = new Map<string, unknown>();
  return {
    get: (key) => map.get(key),
    add: (key, value) => void map.set(key, value),
    contains: (key) => map.has(key),
    delete: (key) => void map.delete(key),
  };
}

/** A cached response. */
interface Entry {
  status: number;
  headers: [string, string][];
  body: string;
  created: number;
  accessed: number;
}

/** The cache as the HTTP layer uses it: responses in, responses out, expiry and eviction handled. */
export class ResponseCache {
  #store: CacheStore;
  #ttl: number;
  #tti: number;
  #now: () => number;
  // Keys this client added, so a write can evict query variants and sub-resources of what it touched.
  #keys = new Set<string>();

  /** Creates a cache over `store` with lifetimes in seconds. */
  constructor(store: CacheStore, ttlSeconds: number, ttiSeconds: number, now: () => number = Date.now) {
    this.#store = store;
    this.#ttl = ttlSeconds * 1000;
    this.#tti = ttiSeconds * 1000;
    this.#now = now;
  }

  /** A fresh copy of the cached response for `url`, or `undefined`. */
  async get(url: string): Promise<Response | undefined> {
    const entry = await this.#store.get(url) as Entry | undefined;
    if (!entry) return undefined;
    const now = this.#now();
    if (now - entry.created >= this.#ttl || now - entry.accessed >= this.#tti) {
      await this.#store.delete(url);
      this.#keys.delete(url);
      return undefined;
    }
    await this.#store.add(url, { ...entry, accessed: now });
    return new Response(entry.body, { status: entry.status, headers: entry.headers });
  }

  /** Stores a successful response (the caller passes a clone; its body is read here). */
  async put(url: string, response: Response): Promise<void> {
    if (this.#ttl <= 0 || this.#tti <= 0) return;
    const now = this.#now();
    const entry: Entry = {
      status: response.status,
      headers: [...response.headers],
      body: await response.text(),
      created: now,
      accessed: now,
    };
    await this.#store.add(url, entry);
    this.#keys.add(url);
  }

  /**
   * Evicts what a write to `url` may have changed: the resource itself, its sub-resources and every
   * ancestor path (the collection it belongs to), query variants included.
   */
  async evict(url: string): Promise<void> {
    const target = new URL(url);
    const path = target.pathname.replace(/\/+$/, "");
    const ancestors = new Set<string>();
    for (let p = path; p.lastIndexOf("/") > 0; p = p.slice(0, p.lastIndexOf("/"))) ancestors.add(p);
    ancestors.add(path);
    for (const key of [...this.#keys]) {
      const keyUrl = new URL(key);
      const keyPath = keyUrl.pathname.replace(/\/+$/, "");
      if (keyUrl.origin !== target.origin) continue;
      if (ancestors.has(keyPath) || keyPath.startsWith(path + "/")) {
        await this.#store.delete(key);
        this.#keys.delete(key);
      }
    }
    for (const p of ancestors) await this.#store.delete(target.origin + p);
  }
}
