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

/** Past this many known names, the name table starts over (it only widens eviction). */
const MAX_NAMES = 5_000;

/**
 * The cache as the HTTP layer uses it: single resources in (never list pages: only JSON objects are
 * stored, after they parsed), responses out, expiry and eviction handled. A resource read under one name
 * (a user by login) is evicted by a write under another (by id), and the other way round: the cache
 * learns each resource's names (`id`, `profile.login`, the path segment it was read by) from the bodies
 * it sees.
 */
export class ResponseCache {
  #store: CacheStore;
  #ttl: number;
  #tti: number;
  #now: () => number;
  /** Keys this client added, each with the other names of its last path segment. */
  #keys = new Map<string, string[]>();
  /** Every known name of a resource → its id; and id → every name. */
  #idOf = new Map<string, string>();
  #namesOf = new Map<string, Set<string>>();

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

  /**
   * Stores a successful response read as `body`, parsed as `data`. Only a single resource (a JSON
   * object) is kept: an array is a page of a list, which would be served stale.
   */
  async put(url: string, response: Response, body: string, data: unknown): Promise<void> {
    if (this.#ttl <= 0 || this.#tti <= 0 || !isObject(data)) return;
    const now = this.#now();
    const entry: Entry = {
      status: response.status,
      headers: [...response.headers],
      body,
      created: now,
      accessed: now,
    };
    await this.#store.add(url, entry);
    const segment = lastSegment(url);
    this.#keys.set(url, this.#learn(data, segment));
  }

  /**
   * Evicts what a write to `url` may have changed: the resource itself under any of its names, its
   * sub-resources and every ancestor path (the collection it belongs to), query variants included.
   * `data` is the write's answer, whose `id` and login name the resource too.
   */
  async evict(url: string, data?: unknown): Promise<void> {
    const target = new URL(url);
    if (isObject(data)) this.#learn(data, lastSegment(url));
    const written = segments(target.pathname);
    const variants = [written.join("/")];
    written.forEach((segment, i) => {
      for (const name of this.#names(segment)) {
        if (name !== segment) {
          variants.push([...written.slice(0, i), name, ...written.slice(i + 1)].join("/"));
        }
      }
    });
    const touched = (p: string) =>
      variants.some((w) => p === w || w.startsWith(p + "/") || p.startsWith(w + "/"));
    for (const [key, names] of [...this.#keys]) {
      const keyUrl = new URL(key);
      if (keyUrl.origin !== target.origin) continue;
      const path = segments(keyUrl.pathname);
      const parent = path.slice(0, -1).join("/");
      if (touched(path.join("/")) || names.some((name) => touched(`${parent}/${name}`))) {
        await this.#store.delete(key);
        this.#keys.delete(key);
      }
    }
    const path = target.pathname.replace(/\/+$/, "");
    for (let p = path; p.lastIndexOf("/") > 0; p = p.slice(0, p.lastIndexOf("/"))) {
      await this.#store.delete(target.origin + p);
    }
  }

  /** Records the names of a resource (its id, its login, the segment it was read by); returns them. */
  #learn(data: Record<string, unknown>, segment: string): string[] {
    const id = typeof data.id === "string" && data.id !== "" ? data.id : undefined;
    if (id === undefined) return [];
    const login = (data.profile as { login?: unknown } | undefined)?.login;
    const names = [id, segment, ...(typeof login === "string" && login !== "" ? [login] : [])];
    if (this.#idOf.size > MAX_NAMES) {
      this.#idOf.clear();
      this.#namesOf.clear();
    }
    const known = this.#namesOf.get(id) ?? new Set<string>();
    for (const name of names) {
      known.add(name);
      this.#idOf.set(name, id);
    }
    this.#namesOf.set(id, known);
    return [...known];
  }

  /** Every known name of the resource a path segment names (at least the segment itself). */
  #names(segment: string): Iterable<string> {
    const id = this.#idOf.get(segment);
    return id === undefined ? [segment] : this.#namesOf.get(id) ?? [segment];
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A path's segments, percent-decoded, without the trailing slash. */
function segments(pathname: string): string[] {
  return pathname.replace(/\/+$/, "").split("/").map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
}

function lastSegment(url: string): string {
  const all = segments(new URL(url).pathname);
  return all[all.length - 1];
}
