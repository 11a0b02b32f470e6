/**
 * The response cache: off by default, single-resource GETs only, evicted by writes to the resource or
 * its collection, with time-to-live and time-to-idle.
 *
 * Everything that decides whether an entry may be served lives in the store, so several clients sharing one
 * store (Redis, KV) see each other's writes:
 * - entries are keyed by a hash of the client's credential, so a client is never served what another
 *   credential was allowed to read;
 * - a write does not delete entries (it could not find other clients' keys): it bumps a **version** of each
 *   path it touches, and an entry is served only while every version it was stamped with is unchanged. The
 *   stamp is read before the request is sent, so a read that raced a write is never served, whenever it is
 *   stored;
 * - the names of a resource (id, login, the path segment it was read by) are kept as aliases in the store,
 *   so a write by id reaches what another client cached by login.
 *
 * @module
 */
import type { CacheStore } from "../seams.ts";
import { ENTRY } from "./cache_store.ts";

export type { CacheStore };
export { type MemoryCacheStore, memoryStore, type MemoryStoreOptions } from "./cache_store.ts";

/** A version of a path: a token unique to each bump, and when it was made (for sweeping). */
interface Version {
  token: string;
  at: number;
}

/** A cached response, with the versions it was stamped with before its request was sent. */
interface Entry {
  status: number;
  headers: [string, string][];
  body: string;
  created: number;
  accessed: number;
  stamp: CacheStamp;
}

/** An alias: a name of a resource (its login) → its id, or an id → every name; with when it was learned. */
interface Alias {
  id?: string;
  names?: string[];
  at: number;
}

/** Key prefixes in the store: entries; versions of a path and of everything below it; aliases. */
const SELF = "oktakit:s:";
const TREE = "oktakit:t:";
const ALIAS = "oktakit:a:";
const NAMES = "oktakit:n:";

/** Paths with fewer segments (`/api/v1`) are never written: they carry no versions. */
const MIN_DEPTH = 3;

let bumps = 0;

/**
 * A stamp: the versions an entry depends on, read before its request, as `[key, token]` pairs (an array, not
 * an object: objects keyed by ever-new URLs are slow to build). Opaque to callers.
 */
export type CacheStamp = [string, string | null][];

/** What {@linkcode ResponseCache} is built from. */
export interface ResponseCacheOptions {
  /** Where entries, versions and aliases live. */
  store: CacheStore;
  /** A hash of the client's credential, prefixed to every entry's key (never the credential itself). */
  credential: string;
  /** Seconds an entry lives at most. */
  ttlSeconds: number;
  /** Seconds an entry lives without being read. */
  ttiSeconds: number;
  /** The clock; `Date.now` by default. */
  now?: () => number;
}

/**
 * The cache as the HTTP layer uses it: single resources in (never list pages: only JSON objects are
 * stored, after they parsed), responses out, expiry and eviction handled. See the module documentation.
 */
export class ResponseCache {
  #store: CacheStore;
  #credential: string;
  #ttl: number;
  #tti: number;
  #now: () => number;

  /** Creates a cache; see {@linkcode ResponseCacheOptions}. */
  constructor(options: ResponseCacheOptions) {
    this.#store = options.store;
    this.#credential = options.credential;
    this.#ttl = options.ttlSeconds * 1000;
    this.#tti = options.ttiSeconds * 1000;
    this.#now = options.now ?? Date.now;
  }

  /** A fresh copy of the cached response for `url`, or `undefined`. */
  async get(url: string): Promise<Response | undefined> {
    const key = this.#entryKey(url);
    const entry = await this.#store.get(key) as Entry | undefined;
    if (!entry) return undefined;
    const now = this.#now();
    if (
      now - entry.created >= this.#ttl || now - entry.accessed >= this.#tti ||
      !await this.#current(entry.stamp)
    ) {
      await this.#store.delete(key);
      return undefined;
    }
    await this.#store.add(key, { ...entry, accessed: now });
    return new Response(entry.body, { status: entry.status, headers: entry.headers });
  }

  /** The versions a read of `url` depends on, to be taken before its request is sent and given to `put`. */
  async stamp(url: string): Promise<CacheStamp> {
    const stamp: CacheStamp = [];
    for (const key of versionKeys(url)) stamp.push([key, await this.#token(key)]);
    return stamp;
  }

  /**
   * Stores a successful response read as `body`, parsed as `data`, stamped before its request. Only a single
   * resource (a JSON object) is kept: an array is a page of a list, which would be served stale. Nothing is
   * stored when a write changed the resource since the stamp was taken.
   */
  async put(url: string, response: Response, body: string, data: unknown, stamp: CacheStamp): Promise<void> {
    if (this.#ttl <= 0 || this.#tti <= 0 || !isObject(data) || !await this.#current(stamp)) return;
    const now = this.#now();
    const entry: Entry = {
      status: response.status,
      headers: [...response.headers],
      body,
      created: now,
      accessed: now,
      stamp,
    };
    await this.#store.add(this.#entryKey(url), entry);
    await this.#learn(url, data);
  }

  /**
   * Evicts what a write to `url` may have changed: the resource itself under any of its names, its
   * sub-resources and every ancestor path (the collection it belongs to), query variants included, for every
   * client of the store. `data` is the write's answer, whose `id` and login name the resource too.
   */
  async evict(url: string, data?: unknown): Promise<void> {
    if (isObject(data)) await this.#learn(url, data);
    const { origin, pathname } = new URL(url);
    const written = segments(pathname);
    const variants = new Set([written.join("/")]);
    for (let i = MIN_DEPTH + 1; i < written.length; i++) {
      const parent = written.slice(0, i).join("/");
      for (const name of await this.#names(origin + parent, written[i])) {
        variants.add([...written.slice(0, i), name, ...written.slice(i + 1)].join("/"));
      }
    }
    const now = this.#now();
    const bumped = new Set<string>();
    const bump = async (key: string) => {
      if (bumped.has(key)) return;
      bumped.add(key);
      await this.#store.add(key, {
        token: `${now.toString(36)}.${(++bumps).toString(36)}.${random()}`,
        at: now,
      });
    };
    for (const variant of variants) {
      const parts = variant.split("/");
      if (parts.length > MIN_DEPTH) await bump(TREE + origin + variant);
      // The collections above it list it (and a sub-resource's parent shows it): their own entries go too.
      for (let depth = parts.length - 1; depth > MIN_DEPTH; depth--) {
        await bump(SELF + origin + parts.slice(0, depth).join("/"));
      }
    }
  }

  /** The entry key of `url` for this client's credential. */
  #entryKey(url: string): string {
    return `${ENTRY}${this.#credential}:${url}`;
  }

  async #token(key: string): Promise<string | null> {
    return (await this.#store.get(key) as Version | undefined)?.token ?? null;
  }

  /** Whether every version of `stamp` is still the one it holds. */
  async #current(stamp: CacheStamp): Promise<boolean> {
    if (!Array.isArray(stamp)) return false; // not written by this version of the cache
    for (const [key, token] of stamp) if (await this.#token(key) !== token) return false;
    return true;
  }

  /** Records the names of the resource at `url` (its id, its login, the segment it was read by). */
  async #learn(url: string, data: Record<string, unknown>): Promise<void> {
    const id = typeof data.id === "string" && data.id !== "" ? data.id : undefined;
    if (id === undefined) return;
    const { origin, pathname } = new URL(url);
    const path = segments(pathname);
    // A resource is below a collection (`/api/v1/users/{id}`): a create answered at the collection itself names
    // nothing by the path it was sent to.
    if (path.length <= MIN_DEPTH + 1) return;
    // The collection the resource is in: the path up to the segment that names it.
    const login = (data.profile as { login?: unknown } | undefined)?.login;
    const segment = path[path.length - 1];
    const at = path.includes(id) ? path.indexOf(id) : path.length - 1;
    const collection = origin + path.slice(0, at).join("/");
    const named = [
      id,
      ...(at === path.length - 1 ? [segment] : []),
      ...(typeof login === "string" && login ? [login] : []),
    ];
    const now = this.#now();
    const known = (await this.#store.get(NAMES + `${collection}/${id}`) as Alias | undefined)?.names ?? [];
    const names = [...new Set([...known, ...named])];
    // Written every time, so that its age is never older than an entry that relies on it (see the sweep).
    await this.#store.add(NAMES + `${collection}/${id}`, { names, at: now });
    for (const name of named) {
      if (name !== id) await this.#store.add(ALIAS + `${collection}/${name}`, { id, at: now });
    }
  }

  /** Every known name of the resource `segment` names in `collection` (at least the segment itself). */
  async #names(collection: string, segment: string): Promise<string[]> {
    const id = (await this.#store.get(ALIAS + `${collection}/${segment}`) as Alias | undefined)?.id ??
      segment;
    const names = (await this.#store.get(NAMES + `${collection}/${id}`) as Alias | undefined)?.names;
    return names ?? [segment];
  }
}

/** The version keys a read of `url` depends on: its own, and the tree version of every path above it. */
function versionKeys(url: string): string[] {
  const { origin, pathname } = new URL(url);
  const parts = segments(pathname);
  const keys = [SELF + origin + parts.join("/")];
  for (let depth = MIN_DEPTH + 1; depth <= parts.length; depth++) {
    keys.push(TREE + origin + parts.slice(0, depth).join("/"));
  }
  return keys;
}

function random(): string {
  return Math.random().toString(36).slice(2, 8);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A path's segments, percent-decoded, without the trailing slash (the first is the empty root). */
function segments(pathname: string): string[] {
  return pathname.replace(/\/+$/, "").split("/").map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
}
