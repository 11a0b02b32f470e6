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
  // Keys this client added, so a write can evict query variants and sub-resources of what it touched;
  // each with the resource's canonical path when it was read under another name (a user by login).
  #keys = new Map<string, string | undefined>();

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
    this.#keys.set(url, canonicalPath(url, entry.body));
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
    const touched = (p: string) => ancestors.has(p) || p.startsWith(path + "/");
    for (const [key, canonical] of [...this.#keys]) {
      const keyUrl = new URL(key);
      const keyPath = keyUrl.pathname.replace(/\/+$/, "");
      if (keyUrl.origin !== target.origin) continue;
      if (touched(keyPath) || (canonical !== undefined && touched(canonical))) {
        await this.#store.delete(key);
        this.#keys.delete(key);
      }
    }
    for (const p of ancestors) await this.#store.delete(target.origin + p);
  }
}

/**
 * The path a resource read as `url` has under its own id, when the last segment was another name for it
 * (`/api/v1/users/ada%40example.com` → `/api/v1/users/00u1abc...`), so writes by id evict it too.
 */
function canonicalPath(url: string, body: string): string | undefined {
  let id: unknown;
  try {
    id = (JSON.parse(body) as { id?: unknown })?.id;
  } catch {
    return undefined;
  }
  if (typeof id !== "string" || id === "") return undefined;
  const path = new URL(url).pathname.replace(/\/+$/, "");
  const cut = path.lastIndexOf("/");
  return decodeURIComponent(path.slice(cut + 1)) === id
    ? undefined
    : `${path.slice(0, cut)}/${encodeURIComponent(id)}`;
}
