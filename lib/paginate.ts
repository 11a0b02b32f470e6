/**
 * Cursor pagination over Okta's `Link` headers: an async iterable of items with a page-level view.
 *
 * @module
 */
import { parseLinkHeader } from "./http/link.ts";

/** One page of a list. */
export interface Page<T> {
  /** The items on this page (possibly none: an empty page is not the end unless there is no next link). */
  readonly items: T[];
  /** The raw response the page came from (headers such as `X-Rate-Limit-Remaining` are on it). */
  readonly response: Response;
  /** The URL of the next page, or `undefined` on the last page. Save it to resume later. */
  readonly nextCursor: string | undefined;
}

/** Options for {@linkcode Paginated.toArray}. */
export interface CollectOptions {
  /** Stop after this many items (the default collects everything). */
  max?: number;
}

/** Options for {@linkcode Paginated.pages}. */
export interface PagesOptions {
  /** Start from a cursor saved from {@linkcode Page.nextCursor} instead of the first page. */
  from?: string;
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
 * for await (const page of okta.user.listUsers({ limit: 200 }).pages()) {
 *   console.log(page.items.length, page.nextCursor);
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
 * Fetches one page: the absolute or org-relative URL to read, and returns its items and response, and the
 * absolute URL it asked for (relative `Link` targets are resolved against it when the response has no URL
 * of its own, as with an injected fetch).
 */
export type PageFetcher<T> = (
  url: string | undefined,
) => Promise<{ items: T[]; response: Response; url?: string }>;

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
  async function* pages(options: PagesOptions = {}): AsyncIterableIterator<Page<T>> {
    let url = options.from;
    do {
      const { items, response, url: asked } = await fetchPage(url);
      url = parseLinkHeader(response.headers.get("link"), response.url || asked).next;
      yield { items, response, nextCursor: url };
      if (paging.stopOnEmptyPage && items.length === 0) return;
    } while (url !== undefined);
  }
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      // A plain loop: `yield*` over an array goes through an async-from-sync iterator per item.
      for await (const page of pages()) for (const item of page.items) yield item;
    },
    async toArray({ max = Infinity }: CollectOptions = {}) {
      const all: T[] = [];
      if (max <= 0) return all;
      for await (const page of pages()) {
        for (const item of page.items) {
          all.push(item);
          if (all.length >= max) return all;
        }
      }
      return all;
    },
  };
}
