/**
 * Cursor pagination over Okta's `Link` headers: an async iterable of items with a page-level view.
 *
 * @module
 */
import { parseLinkHeader } from "./link.ts";

/** One page of a list. */
export interface Page<T> {
  /** The items on this page (possibly none: an empty page is not the end unless there is no next link). */
  readonly items: T[];
  /** The raw response the page came from (headers such as `X-Rate-Limit-Remaining` are on it). */
  readonly response: Response;
  /** The page's position in this iteration: 1 for the first page fetched, then 2, 3, ... */
  readonly number: number;
  /** The URL of the next page, or `undefined` on the last page. */
  readonly nextCursor: string | undefined;
  /**
   * The `after` value of the next page's URL (what the list method's `after` parameter takes), or
   * `undefined` on the last page or when the next URL has none.
   */
  readonly after: string | undefined;
  /**
   * Where to resume after this page, for {@linkcode PagesOptions.from}: the next page's URL, or on the last
   * page this page's own URL (its `self` link), so a later iteration reads the last page again and goes on
   * with whatever was added after it. `undefined` only when this is the first page and its URL is unknown,
   * which resumes from the beginning.
   */
  readonly resumeCursor: string | undefined;
}

/** Options for {@linkcode Paginated.toArray}. */
export interface CollectOptions {
  /** Stop after this many items (the default collects everything). */
  max?: number;
  /** Stop after this many pages (the default reads them all). */
  maxPages?: number;
}

/** Options for {@linkcode Paginated.pages}. */
export interface PagesOptions {
  /**
   * Start from a cursor saved from {@linkcode Page.resumeCursor} (or {@linkcode Page.nextCursor}) instead
   * of the first page.
   */
  from?: string;
  /** Stop after this many pages (the default reads them all). */
  maxPages?: number;
}

/**
 * A lazily fetched list. Iterate it with `for await` to get items one by one; call
 * {@linkcode Paginated.pages} for whole pages and cursors; {@linkcode Paginated.toArray} to collect.
 * Nothing is fetched until iteration starts, and each iteration starts from the beginning.
 *
 * @example Items, pages and collecting
 * ```ts ignore
 * for await (const user of okta.user.listUsers({ search: 'status eq "ACTIVE"' })) {
 *   console.log(user.profile.login);
 * }
 * for await (const page of okta.user.listUsers({ limit: 200 }).pages({ maxPages: 5 })) {
 *   console.log(page.number, page.items.length, page.after);
 * }
 * const first500 = await okta.user.listUsers().toArray({ max: 500 });
 * ```
 */
export interface Paginated<T> extends AsyncIterable<T> {
  /** Iterates whole pages, optionally resuming from a saved cursor. */
  pages(options?: PagesOptions): AsyncIterableIterator<Page<T>>;
  /** Collects the items into an array, stopping at `max` items when given. */
  toArray(options?: CollectOptions): Promise<T[]>;
}

/**
 * Where a list's items and next link are when its page is an object rather than an array, as in
 * `{ roles: [...], _links: { next: { href } } }`. The generated methods pass it for such lists.
 */
export interface PageShape {
  /** The member of the page object that holds the items (`roles` above). */
  readonly items: string;
  /**
   * Where the next page's URL is: `"body"` for `_links.next.href` in the page (the `Link` header is still
   * read when the body has none), `"header"` for the `Link` header only. Default `"header"`.
   */
  readonly next?: "body" | "header";
}

/** What a {@linkcode PageFetcher} answers: the page's items and response, and its links when it knows them. */
export interface FetchedPage<T> {
  /** The items on the page. */
  items: T[];
  /** The response the page was read from. */
  response: Response;
  /**
   * The page's `next` and `self` URLs when they came with the body (`_links`); when absent, they are
   * read from the response's `Link` header.
   */
  links?: { next?: string; self?: string };
  /**
   * The absolute URL the page was asked for: relative `Link` targets are resolved against it when the
   * response has no URL of its own (an injected fetch).
   */
  url?: string;
}

/** Fetches one page: the absolute or org-relative URL to read, and returns its items and response. */
export type PageFetcher<T> = (url: string | undefined) => Promise<FetchedPage<T>>;

/** How a list ends, beyond the last `rel="next"`. */
export interface PaginateOptions {
  /**
   * End at the first empty page even though it has a next link: a polling stream such as the System Log
   * with `since` and no `until` always has one. The empty page is still yielded, with its cursor.
   */
  stopOnEmptyPage?: boolean;
}

/**
 * Builds a {@linkcode Paginated} from a function that fetches one page. `url` is `undefined` for the
 * first page and the `rel="next"` URL afterwards.
 */
export function paginated<T>(fetchPage: PageFetcher<T>, paging: PaginateOptions = {}): Paginated<T> {
  async function* pages({ from, maxPages = Infinity }: PagesOptions = {}): AsyncIterableIterator<Page<T>> {
    let url = from;
    for (let number = 1; number <= maxPages; number++) {
      const { items, response, links, url: asked } = await fetchPage(url);
      const header = links?.next === undefined || links.self === undefined
        ? parseLinkHeader(response.headers.get("link"), response.url || asked)
        : undefined;
      const next = links?.next ?? header?.next;
      const self = links?.self ?? header?.self ?? url;
      yield { items, response, number, nextCursor: next, after: afterOf(next), resumeCursor: next ?? self };
      if (next === undefined || (paging.stopOnEmptyPage && items.length === 0)) return;
      url = next;
    }
  }
  const list: Paginated<T> = {
    pages,
    [Symbol.asyncIterator]: () => items(pages()),
    async toArray({ max = Infinity, maxPages }: CollectOptions = {}) {
      const all: T[] = [];
      if (max <= 0) return all;
      for await (const page of pages({ maxPages })) {
        for (const item of page.items) {
          all.push(item);
          if (all.length >= max) return all;
        }
      }
      return all;
    },
  };
  // Not on the type, so `for...of` still fails to compile in TypeScript; from JavaScript it gets a sentence.
  Object.defineProperty(list, Symbol.iterator, { value: syncMisuse });
  return list;
}

/** What `for...of`, spread or `Array.from` over a list meet instead of V8's "is not iterable". */
function syncMisuse(): never {
  throw new TypeError(
    "A list is fetched page by page, so it is iterated asynchronously: write `for await (const item of " +
      "okta.user.listUsers())` (in an async function or a module), or `await okta.user.listUsers().toArray()` " +
      "for an array. `for...of`, spread and Array.from cannot wait for pages.",
  );
}

/**
 * The items of `source`'s pages, one by one. A hand-written iterator rather than an async generator: an item
 * already on the page is handed over as a resolved promise, without resuming a generator, which is most of
 * the cost of iterating a long list on Bun and Deno.
 */
function items<T>(source: AsyncIterableIterator<Page<T>>): AsyncIterableIterator<T> {
  let page: T[] = [];
  let index = 0;
  const refill = async (): Promise<IteratorResult<T>> => {
    while (index >= page.length) {
      const next = await source.next();
      if (next.done) return { value: undefined, done: true };
      page = next.value.items;
      index = 0;
    }
    return { value: page[index++], done: false };
  };
  return {
    next: () => (index < page.length ? Promise.resolve({ value: page[index++], done: false }) : refill()),
    async return(value?: unknown): Promise<IteratorResult<T>> {
      page = [];
      await source.return?.(undefined);
      return { value: value as T, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** The `after` query value of a next-page URL. */
function afterOf(url: string | undefined): string | undefined {
  // Read as text, not with `new URL`, which would parse a URL per page. Decoded as a query string is.
  const match = url === undefined ? null : /[?&]after=([^&#]*)/.exec(url);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1].replace(/\+/g, " "));
  } catch {
    return match[1]; // malformed percent-encoding: as given
  }
}
