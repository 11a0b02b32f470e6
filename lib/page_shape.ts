/**
 * Pages that are objects rather than arrays: `{ roles: [...], _links: { self, next } }`. The items are one
 * member of the page; the next link may be in the body.
 *
 * @module
 */
import { invalid } from "./errors.ts";
import type { FetchedPage, PageShape } from "./paginate.ts";
import type { RequestOptions } from "./transport.ts";

type Links = { self?: { href?: unknown }; next?: { href?: unknown } };

/** Reads one object-shaped page: its items from `shape.items`, its links from `_links` when `shape` says so. */
export function pageOf<T>(
  data: unknown,
  response: Response,
  shape: PageShape,
  options: RequestOptions,
): FetchedPage<T> {
  const page = data as Record<string, unknown> | undefined;
  const items = page?.[shape.items] ?? [];
  if (typeof page !== "object" || page === null || Array.isArray(page) || !Array.isArray(items)) {
    throw invalid(
      response,
      options.method,
      response.url || options.path,
      JSON.stringify(data) ?? "",
      `without the "${shape.items}" array a page of this list holds`,
    );
  }
  if (shape.next !== "body") return { items: items as T[], response };
  const links = page._links as Links | undefined;
  const href = (link: { href?: unknown } | undefined) =>
    typeof link?.href === "string" ? link.href : undefined;
  return { items: items as T[], response, links: { next: href(links?.next), self: href(links?.self) } };
}
