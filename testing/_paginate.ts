/**
 * Cursor pagination as Okta serves it: `limit` and an opaque `after`, with `rel="self"` and
 * `rel="next"` sent as separate `Link` header lines.
 *
 * @module
 */
import type { Ctx } from "./_context.ts";
import { json } from "./_context.ts";
import { invalid } from "./_errors.ts";

/** Page-size rules of one list endpoint (from the API description). */
export interface LimitRule {
  /** Used when `limit` is absent. */
  defaultLimit: number;
  /** Larger values are reduced to this. */
  maxLimit: number;
}

/** Encodes a position as an opaque cursor (callers must not parse it; Okta's are opaque too). */
export function encodeCursor(seq: number): string {
  return btoa(`c:${seq}`).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

/** Decodes a cursor made by {@linkcode encodeCursor}; anything else is a 400. */
export function decodeCursor(cursor: string): number {
  let text = "";
  try {
    text = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    // fall through to the validation error
  }
  const match = /^c:(\d+)$/.exec(text);
  if (!match) throw invalid("after", "after: The cursor is not valid.");
  return Number(match[1]);
}

/** Reads `limit` under the endpoint's rule. */
export function readLimit(ctx: Ctx, rule: LimitRule): number {
  const raw = ctx.url.searchParams.get("limit");
  if (raw === null || raw === "") return rule.defaultLimit;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw invalid("limit", "limit: must be an integer");
  if (value < 1) return rule.defaultLimit;
  return Math.min(value, rule.maxLimit);
}

/** Builds the next-page URL from the request's own URL, keeping every other query parameter. */
export function nextUrl(ctx: Ctx, cursor: string, limit: number): string {
  const next = new URL(ctx.url.pathname + ctx.url.search, ctx.origin);
  next.searchParams.set("after", cursor);
  next.searchParams.set("limit", String(limit));
  return next.href;
}

/** Appends `Link` lines: self always, next when `next` is given. */
export function linkHeaders(ctx: Ctx, headers: Headers, next: string | undefined): void {
  headers.append("Link", `<${new URL(ctx.url.pathname + ctx.url.search, ctx.origin).href}>; rel="self"`);
  if (next !== undefined) headers.append("Link", `<${next}>; rel="next"`);
}

/** Index of the first item whose `seq` exceeds `seq` (items are in `seq` order). */
function firstAfter(items: readonly { seq: number }[], seq: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid].seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Answers one page of `items` (already filtered and in ascending `seq` order), rendering
 * each with `render`.
 */
export function pageResponse<T extends { seq: number }>(
  ctx: Ctx,
  items: T[],
  rule: LimitRule,
  render: (item: T) => unknown,
): Response {
  const limit = readLimit(ctx, rule);
  const after = ctx.url.searchParams.get("after");
  const from = after ? firstAfter(items, decodeCursor(after)) : 0;
  const page = items.slice(from, from + limit);
  const response = json(page.map(render));
  const more = items.length > from + limit;
  linkHeaders(
    ctx,
    response.headers,
    more ? nextUrl(ctx, encodeCursor(page[page.length - 1].seq), limit) : undefined,
  );
  return response;
}
