/**
 * What a route handler receives for one request.
 *
 * @module
 */
import { FakeFailure, invalid } from "./_errors.ts";
import type { Json, OrgState } from "./_state.ts";

/** Who made the request, as the System Log records it. */
export interface Actor {
  id: string;
  type: string;
  alternateId: string;
  displayName: string;
}

/** One target of a System Log event. */
export interface EventTarget {
  id: string;
  type: string;
  alternateId: string;
  displayName: string;
}

/** The per-request view handlers work with. */
export interface Ctx {
  state: OrgState;
  request: Request;
  url: URL;
  /** Decoded path parameters by template name. */
  params: Record<string, string>;
  /** `scheme://host[:port]` of the request, used in `_links` and `Link` headers. */
  origin: string;
  requestId: string;
  actor: Actor;
  /** The clock's time when the request arrived (epoch ms). */
  now: number;
  /** Records a System Log event for this request. */
  log(eventType: string, displayMessage: string, targets: EventTarget[]): void;
}

/** Reads a JSON object body; malformed JSON is Okta's 400 E0000003. An empty body reads as `{}`. */
export async function readJson(ctx: Ctx): Promise<Json> {
  const text = await ctx.request.text();
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FakeFailure(400, "E0000003", "The request body was not well-formed.");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new FakeFailure(400, "E0000003", "The request body was not well-formed.");
  }
  return value as Json;
}

/** Reads a boolean query parameter with a default (`"true"`/`"false"` only). */
export function boolQuery(ctx: Ctx, name: string, fallback: boolean): boolean {
  const value = ctx.url.searchParams.get(name);
  if (value === null || value === "") return fallback;
  if (value === "true" || value === "false") return value === "true";
  throw invalid(name, `${name}: must be true or false`);
}

/** A JSON response. */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

/** A 204 response. */
export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/** True for a plain JSON object. */
export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** `{ href }` link object. */
export function href(url: string, extra: Json = {}): Json {
  return { href: url, ...extra };
}
