/**
 * What the fake org offers as factors (types, providers, id prefixes, security questions), the
 * deterministic pass code it accepts, and how a factor is shown.
 *
 * @module
 */
import { iso } from "./_clock.ts";
import type { Ctx } from "./_context.ts";
import { href } from "./_context.ts";
import type { FactorRecord, Json } from "./_state.ts";

/** What the org offers: factor type, provider, id prefix. */
export const CATALOG = [
  { factorType: "sms", provider: "OKTA", prefix: "mbl" },
  { factorType: "call", provider: "OKTA", prefix: "clf" },
  { factorType: "token:software:totp", provider: "OKTA", prefix: "ost" },
  { factorType: "token:software:totp", provider: "GOOGLE", prefix: "uft" },
  { factorType: "question", provider: "OKTA", prefix: "ufs" },
  { factorType: "email", provider: "OKTA", prefix: "emf" },
];

/** Security questions offered (keys from the API description; the texts are the fake's own). */
export const QUESTIONS: Record<string, string> = {
  disliked_food: "Which food do you dislike most?",
  favorite_toy: "What was your favourite toy?",
  first_computer_game: "What was your first computer game?",
  favorite_vacation_location: "Where did you most enjoy a holiday?",
};

/**
 * The pass code the fake accepts for a factor: six digits derived from the user and factor ids
 * (FNV-1a), the same on every run. It stands in for SMS, voice, email and TOTP codes alike.
 */
export function passCodeFor(userId: string, factorId: string): string {
  let hash = 0x811c9dc5;
  for (const ch of `${userId}/${factorId}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193);
  return String((hash >>> 0) % 1_000_000).padStart(6, "0");
}

/** Renders a factor with status-dependent `_links` (and the TOTP secret while pending). */
export function renderFactor(ctx: Ctx, f: FactorRecord): Json {
  const self = `${ctx.origin}/api/v1/users/${f.userId}/factors/${f.id}`;
  const links: Json = { self: href(self), user: href(`${ctx.origin}/api/v1/users/${f.userId}`) };
  if (f.status === "ACTIVE") links.verify = href(`${self}/verify`, { hints: { allow: ["POST"] } });
  if (f.status === "PENDING_ACTIVATION") {
    links.activate = href(`${self}/lifecycle/activate`, { hints: { allow: ["POST"] } });
  }
  const out: Json = {
    id: f.id,
    factorType: f.factorType,
    provider: f.provider,
    vendorName: f.provider,
    status: f.status,
    created: iso(f.created),
    lastUpdated: iso(f.lastUpdated),
    profile: f.profile,
    _links: links,
  };
  if (f.secret && f.status === "PENDING_ACTIVATION") {
    out._embedded = {
      activation: { timeStep: 30, sharedSecret: f.secret, encoding: "base32", keyLength: 6 },
    };
  }
  return out;
}
