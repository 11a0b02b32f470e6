/**
 * Cursor pagination over Okta's `Link` headers: an async iterable of items with a page-level view.
 *
 * @module
 */
import { type Links, parseLinkHeader } from "./link.ts";

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
  /**
   * Pages requested ahead of the one being read; `0` turns prefetching off (see
   * {@linkcode PagesOptions.prefetch}). With `max`, a page is requested ahead only once the pages before it
   * are known to fall short of `max`, so no page is requested only to be thrown away.
   */
  prefetch?: number;
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
  /**
   * How many pages are requested ahead of the one you are reading: the next page's request goes out as soon
   * as the current page's headers carry its `Link` (or, for lists whose next link is in the body, as soon
   * as the body is parsed), so the network overlaps your work on the items. Stopping early (`break`,
   * `return`, an error) aborts what was requested ahead; an error on a page requested ahead is thrown when
   * you reach that page. Each page requested ahead counts against the rate limit like any call. `0` turns
   * it off. Default: the client's `prefetch` option (1).
   */
  prefetch?: number;
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

/** What {@linkcode paginated} hands its {@linkcode PageFetcher} with each page it asks for. */
export interface PageRequest {
  /** Set on a page requested ahead: it aborts once the consumer stops before reaching that page. */
  signal?: AbortSignal;
  /**
   * Present when pages are requested ahead: call it with the page's response as soon as its headers are in,
   * before the body is read, so that the next page (its `Link: rel="next"`) can be requested while this one
   * is read. Only for lists whose next link is in the `Link` header; `url` is the URL the page was asked at.
   */
  headers?(response: Response, url: string | undefined): void;
}

/**
 * Fetches one page: the absolute or org-relative URL to read, and returns its items and response. `request`
 * carries the abort signal of a page requested ahead, and the callback for its headers.
 */
export type PageFetcher<T> = (url: string | undefined, request?: PageRequest) => Promise<FetchedPage<T>>;

/** How a list ends, beyond the last `rel="next"`, and how far ahead it is fetched. */
export interface PaginateOptions {
  /**
   * End at the first empty page even though it has a next link: a polling stream such as the System Log
   * with `since` and no `until` always has one. The empty page is still yielded, with its cursor. Such a
   * list requests a page ahead only once the current page is parsed and not empty.
   */
  stopOnEmptyPage?: boolean;
  /**
   * Pages requested ahead of the consumer unless {@linkcode PagesOptions.prefetch} says otherwise, or a
   * function that answers it when an iteration starts (a client's setting, known once its configuration is
   * read). Default 1.
   */
  prefetch?: number | (() => number | Promise<number>);
}

/** One page asked for: where, its place, and what became of it. */
interface Slot<T> {
  readonly number: number;
  /** Aborts it, when it was requested ahead and has not come yet. */
  controller?: AbortController;
  /** The next page's URL once known (from the headers or the parsed page), `undefined` at the end. */
  next: string | undefined | null;
  /** The `Link` header read when the headers came, kept so the page does not parse it twice. */
  early?: { response: Response; links: Links };
  /** Its items, once it has come and until the consumer has it. */
  waiting?: number;
  /** Nothing after it is requested ahead: a collector's cap is reached with it. */
  enough?: boolean;
  outcome: Promise<{ page: Page<T> } | { error: unknown }>;
}

/**
 * Builds a {@linkcode Paginated} from a function that fetches one page. `url` is `undefined` for the
 * first page and the `rel="next"` URL afterwards. Pages are requested `prefetch` ahead of the consumer
 * (see {@linkcode PagesOptions.prefetch}).
 */
export function paginated<T>(fetchPage: PageFetcher<T>, paging: PaginateOptions = {}): Paginated<T> {
  /**
   * `wanted`, for a collector with a cap: how many more items it takes. A page is then requested ahead only
   * once the pages before it are known not to reach the cap, so a capped collection requests no page it
   * throws away.
   */
  async function* pages(
    { from, maxPages = Infinity, prefetch }: PagesOptions = {},
    wanted?: () => number,
  ): AsyncIterableIterator<Page<T>> {
    if (!(maxPages >= 1)) return;
    if (prefetch === undefined) {
      const setting = paging.prefetch ?? 1;
      prefetch = typeof setting === "number" ? setting : await setting();
    }
    const ahead = prefetch >= 1 ? Math.floor(prefetch) : 0;
    // slots[0] is the page the consumer is on or waits for; the rest were requested ahead.
    const slots: Slot<T>[] = [];
    let stopped = false;
    const start = (url: string | undefined, number: number, early: boolean) => {
      const slot: Slot<T> = {
        number,
        controller: early ? new AbortController() : undefined,
        next: null,
      } as Slot<T>;
      const headers = ahead > 0 && !paging.stopOnEmptyPage && !wanted
        ? (response: Response, asked: string | undefined) => {
          if (slot.next !== null || stopped) return;
          const links = parseLinkHeader(response.headers.get("link"), response.url || asked);
          slot.early = { response, links };
          slot.next = links.next;
          more();
        }
        : undefined;
      slot.outcome = fetchPage(url, { signal: slot.controller?.signal, headers }).then((fetched) => {
        slot.controller = undefined; // it has come: nothing to abort any more
        const page = pageFrom(fetched, url, number, slot.early);
        slot.early = undefined;
        slot.next = page.nextCursor === undefined ||
            (paging.stopOnEmptyPage && page.items.length === 0)
          ? undefined
          : page.nextCursor;
        if (wanted) {
          slot.waiting = page.items.length;
          let coming = 0;
          for (const s of slots) coming += s.waiting ?? 0;
          slot.enough = coming >= wanted();
        }
        more();
        return { page };
      }, (error) => {
        slot.controller = undefined;
        return { error };
      });
      slots.push(slot);
    };
    // Requests the page after the last one asked for, while fewer than `ahead` are ahead of the consumer.
    const more = () => {
      for (;;) {
        const last = slots[slots.length - 1];
        if (stopped || !last || slots.length > ahead || last.next == null || last.number >= maxPages) return;
        if (last.enough) return;
        start(last.next, last.number + 1, true);
      }
    };
    start(from, 1, false);
    try {
      for (;;) {
        const slot = slots[0];
        more();
        const outcome = await slot.outcome;
        if ("error" in outcome) throw outcome.error;
        slot.waiting = undefined;
        yield outcome.page;
        if (slot.next == null || slot.number >= maxPages) return;
        slots.shift();
        if (slots.length === 0) start(slot.next, slot.number + 1, false);
      }
    } finally {
      // Stopped early (or at the end): what was requested ahead is of no use any more.
      stopped = true;
      for (const slot of slots) slot.controller?.abort();
      slots.length = 0;
    }
  }
  const list: Paginated<T> = {
    pages,
    [Symbol.asyncIterator]: () => items(pages()),
    async toArray({ max = Infinity, maxPages, prefetch }: CollectOptions = {}) {
      const all: T[] = [];
      if (max <= 0) return all;
      const capped = max === Infinity ? undefined : () => max - all.length;
      for await (const page of pages({ maxPages, prefetch }, capped)) {
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

/** A fetched page as the consumer sees it: its links read from the body, or from its `Link` header. */
function pageFrom<T>(
  { items, response, links, url: asked }: FetchedPage<T>,
  url: string | undefined,
  number: number,
  early: { response: Response; links: Links } | undefined,
): Page<T> {
  const header = links?.next === undefined || links.self === undefined
    ? early?.response === response
      ? early.links
      : parseLinkHeader(response.headers.get("link"), response.url || asked)
    : undefined;
  const next = links?.next ?? header?.next;
  const self = links?.self ?? header?.self ?? url;
  return { items, response, number, nextCursor: next, after: afterOf(next), resumeCursor: next ?? self };
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
