/**
 * The System Log: events recorded for every write, and `GET /api/v1/logs` with `since`, `until`,
 * `filter`, `q`, `limit`, `sortOrder` and Okta's polling semantics (with `since` and no `until`,
 * `rel="next"` is always present, so a poller can wait and follow it for new events).
 *
 * @module
 */
import { iso } from "./_clock.ts";
import type { Actor, Ctx, EventTarget } from "./_context.ts";
import { json } from "./_context.ts";
import { invalid } from "./_errors.ts";
import { compile, evaluate } from "./_filter.ts";
import { decodeCursor, encodeCursor, linkHeaders, nextUrl, readLimit } from "./_paginate.ts";
import type { Route } from "./_router.ts";
import type { Json, OrgState } from "./_state.ts";

/** Appends one event. */
export function recordEvent(
  state: OrgState,
  meta: { requestId: string; actor: Actor; requestUri: string; ip?: string },
  eventType: string,
  displayMessage: string,
  targets: EventTarget[],
): void {
  const seq = state.events.length + 1;
  const published = state.clock.now();
  const event: Json = {
    uuid: `00000000-0000-4000-8000-${seq.toString(16).padStart(12, "0")}`,
    published: iso(published),
    eventType,
    version: "0",
    severity: "INFO",
    displayMessage,
    actor: { ...meta.actor },
    client: { ipAddress: meta.ip ?? "127.0.0.1", zone: "null", device: "Unknown" },
    outcome: { result: "SUCCESS" },
    target: targets.map((t) => ({ ...t })),
    transaction: { type: "WEB", id: meta.requestId, detail: {} },
    debugContext: { debugData: { requestId: meta.requestId, requestUri: meta.requestUri } },
    request: { ipChain: [] },
  };
  state.events.push({ seq, published, event });
}

const DAY = 86_400_000;

function readTime(ctx: Ctx, name: string): number | undefined {
  const raw = ctx.url.searchParams.get(name);
  if (raw === null || raw === "") return undefined;
  const ms = Date.parse(raw);
  if (!Number.isFinite(ms)) throw invalid(name, `${name}: The date is not a valid ISO 8601 timestamp.`);
  return ms;
}

function pathValue(event: Json, path: string): unknown {
  if (path === "published") return Date.parse(String(event.published));
  let value: unknown = event;
  for (const key of path.split(".")) {
    if (Array.isArray(value)) value = value.map((item) => (item as Json)?.[key]);
    else value = value && typeof value === "object" ? (value as Json)[key] : undefined;
  }
  return value;
}

const ANY = ["eq", "ne", "sw", "co", "ew", "gt", "ge", "lt", "le", "pr"] as const;

async function listLogEvents(ctx: Ctx): Promise<Response> {
  const p = ctx.url.searchParams;
  const until = readTime(ctx, "until");
  const end = until ?? ctx.now;
  const since = readTime(ctx, "since") ?? end - 7 * DAY;
  const order = p.get("sortOrder") ?? "ASCENDING";
  if (order !== "ASCENDING" && order !== "DESCENDING") {
    throw invalid("sortOrder", "sortOrder: must be ASCENDING or DESCENDING");
  }
  const filter = p.get("filter")
    ? compile(p.get("filter")!, { attributes: { "*": ANY }, not: true })
    : undefined;
  const terms = (p.get("q") ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const limit = readLimit(ctx, { defaultLimit: 100, maxLimit: 1000 });
  const after = p.get("after") ? decodeCursor(p.get("after")!) : undefined;

  let events = ctx.state.events.filter((e) =>
    e.published >= since && e.published < end + (until === undefined ? 1 : 0) &&
    (!filter || evaluate(filter, (path) => pathValue(e.event, path))) &&
    terms.every((term) => JSON.stringify(e.event).toLowerCase().includes(term))
  );
  if (order === "DESCENDING") events = events.reverse();
  if (after !== undefined) {
    events = events.filter((e) => order === "ASCENDING" ? e.seq > after : e.seq < after);
  }
  const page = events.slice(0, limit);
  const response = json(page.map((e) => e.event));
  // Polling: a poller follows `next` forever; on an empty page it keeps its place.
  const polling = p.has("since") && until === undefined && order === "ASCENDING";
  const last = page.length ? page[page.length - 1].seq : after ?? lastSeqBefore(ctx.state, since);
  const more = events.length > limit || polling;
  linkHeaders(ctx, response.headers, more ? nextUrl(ctx, encodeCursor(last), limit) : undefined);
  return await Promise.resolve(response);
}

function lastSeqBefore(state: OrgState, since: number): number {
  let seq = 0;
  for (const e of state.events) if (e.published < since) seq = e.seq;
  return seq;
}

/** The System Log routes. */
export const logRoutes: Route[] = [
  {
    method: "GET",
    path: "/api/v1/logs",
    operationId: "listLogEvents",
    scopes: ["okta.logs.read"],
    handle: listLogEvents,
  },
];
