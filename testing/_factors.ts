/**
 * Factors: the catalog, enrollment (sms, call, TOTP, security question, email), activation and
 * verification with a deterministic pass code ({@linkcode passCodeFor}), listing and reset.
 *
 * @module
 */
import { iso } from "./_clock.ts";
import type { Ctx } from "./_context.ts";
import { boolQuery, href, isObject, json, noContent, readJson } from "./_context.ts";
import { FakeFailure, invalid, notFound } from "./_errors.ts";
import type { Route } from "./_router.ts";
import type { FactorRecord, Json } from "./_state.ts";
import { nextSeq } from "./_state.ts";
import { findUser, userTarget } from "./_user_model.ts";
import { CATALOG, passCodeFor, QUESTIONS, renderFactor } from "./_factor_model.ts";

function factorsOf(ctx: Ctx): { userId: string; map: Map<string, FactorRecord> } {
  const user = findUser(ctx.state, ctx.params.userId);
  let map = ctx.state.factors.get(user.id);
  if (!map) ctx.state.factors.set(user.id, map = new Map());
  return { userId: user.id, map };
}

function findFactor(ctx: Ctx): FactorRecord {
  const factor = factorsOf(ctx).map.get(ctx.params.factorId);
  if (!factor) throw notFound(`${ctx.params.factorId} (UserFactor)`);
  return factor;
}

function catalog(ctx: Ctx): Response {
  const { userId, map } = factorsOf(ctx);
  const enrolled = [...map.values()];
  return json(CATALOG.map(({ factorType, provider }) => ({
    factorType,
    provider,
    vendorName: provider,
    enrollment: "OPTIONAL",
    status: enrolled.find((f) => f.factorType === factorType && f.provider === provider)?.status ??
      "NOT_SETUP",
    _links: { enroll: href(`${ctx.origin}/api/v1/users/${userId}/factors`, { hints: { allow: ["POST"] } }) },
  })));
}

async function enrollFactor(ctx: Ctx): Promise<Response> {
  const { userId, map } = factorsOf(ctx);
  const body = await readJson(ctx);
  const provider = String(body.provider ?? "OKTA");
  const kind = CATALOG.find((c) => c.factorType === body.factorType && c.provider === provider);
  if (!kind) {
    throw invalid("factorType", `factorType: ${String(body.factorType)}/${provider} is not supported`);
  }
  if ([...map.values()].some((f) => f.factorType === kind.factorType && f.provider === provider)) {
    throw invalid("factorType", "factorType: A factor of this type is already set up.");
  }
  const given = isObject(body.profile) ? body.profile : {};
  const profile: Json = {};
  let answer: string | undefined;
  let secret: string | undefined;
  let status = "PENDING_ACTIVATION";
  if (kind.factorType === "sms" || kind.factorType === "call") {
    if (typeof given.phoneNumber !== "string" || !/^\+[1-9]\d{1,14}$/.test(given.phoneNumber)) {
      throw invalid("phoneNumber", "phoneNumber: Invalid Phone Number.");
    }
    profile.phoneNumber = given.phoneNumber;
  } else if (kind.factorType === "question") {
    const question = String(given.question ?? "");
    if (!(question in QUESTIONS)) throw invalid("question", "question: Unknown security question.");
    if (typeof given.answer !== "string" || given.answer.length < 4) {
      throw invalid("answer", "answer: The security question answer must be at least 4 characters in length");
    }
    Object.assign(profile, { question, questionText: QUESTIONS[question] });
    answer = given.answer;
    status = "ACTIVE";
  } else if (kind.factorType === "email") {
    profile.email = typeof given.email === "string"
      ? given.email
      : ctx.state.users.get(userId)!.profile.email;
    if (boolQuery(ctx, "activate", false)) status = "ACTIVE";
  } else {
    secret = ctx.state.ids.chars(16).toUpperCase().replace(/[^A-Z2-7]/g, "A");
    profile.credentialId = String(ctx.state.users.get(userId)!.profile.login);
  }
  const factor: FactorRecord = {
    seq: nextSeq(ctx.state),
    id: ctx.state.ids.id(kind.prefix),
    userId,
    factorType: kind.factorType,
    provider,
    status,
    profile,
    answer,
    secret,
    created: ctx.now,
    lastUpdated: ctx.now,
  };
  map.set(factor.id, factor);
  if (status === "ACTIVE") logFactor(ctx, "user.mfa.factor.activate", "Activate factor for user", userId);
  return json(renderFactor(ctx, factor));
}

function logFactor(ctx: Ctx, type: string, message: string, userId: string) {
  ctx.log(type, message, [userTarget(ctx.state.users.get(userId)!)]);
}

const badCode = () =>
  new FakeFailure(403, "E0000068", "Invalid Passcode/Answer", [
    "Your passcode doesn't match our records. Please try again.",
  ]);

async function activateFactor(ctx: Ctx): Promise<Response> {
  const factor = findFactor(ctx);
  const body = await readJson(ctx);
  if (factor.status !== "PENDING_ACTIVATION") {
    throw invalid("factor", "factor: The factor is not pending activation.");
  }
  if (body.passCode !== passCodeFor(factor.userId, factor.id)) throw badCode();
  factor.status = "ACTIVE";
  factor.lastUpdated = ctx.now;
  logFactor(ctx, "user.mfa.factor.activate", "Activate factor for user", factor.userId);
  return json(renderFactor(ctx, factor));
}

async function verifyFactor(ctx: Ctx): Promise<Response> {
  const factor = findFactor(ctx);
  const body = await readJson(ctx);
  if (factor.status !== "ACTIVE") throw invalid("factor", "factor: The factor is not active.");
  if (factor.factorType === "question") {
    if (String(body.answer ?? "").toLowerCase() !== String(factor.answer).toLowerCase()) throw badCode();
  } else if (body.passCode === undefined && factor.factorType !== "token:software:totp") {
    // Okta sends the code (SMS, voice, email) and waits for a second call with it.
    const expiresAt = iso(ctx.now + 300_000);
    return json({
      factorResult: "CHALLENGE",
      expiresAt,
      _links: { verify: href(`${ctx.url.origin}${ctx.url.pathname}`) },
    });
  } else if (body.passCode !== passCodeFor(factor.userId, factor.id)) throw badCode();
  logFactor(ctx, "user.authentication.auth_via_mfa", "Authentication of user via MFA", factor.userId);
  return json({ factorResult: "SUCCESS" });
}

function unenrollFactor(ctx: Ctx): Response {
  const factor = findFactor(ctx);
  ctx.state.factors.get(factor.userId)!.delete(factor.id);
  logFactor(ctx, "user.mfa.factor.deactivate", "Reset factor for user", factor.userId);
  return noContent();
}

const READ = ["okta.users.read"];
const MANAGE = ["okta.users.manage"];
const F = "/api/v1/users/{userId}/factors";

/** The factor routes. */
export const factorRoutes: Route[] = [
  {
    method: "GET",
    path: F,
    operationId: "listFactors",
    scopes: READ,
    handle: (ctx) => json([...factorsOf(ctx).map.values()].map((f) => renderFactor(ctx, f))),
  },
  { method: "POST", path: F, operationId: "enrollFactor", scopes: MANAGE, handle: enrollFactor },
  { method: "GET", path: `${F}/catalog`, operationId: "listSupportedFactors", scopes: READ, handle: catalog },
  {
    method: "GET",
    path: `${F}/questions`,
    operationId: "listSupportedSecurityQuestions",
    scopes: [],
    handle: (
      ctx,
    ) => (factorsOf(ctx),
      json(Object.entries(QUESTIONS).map(([question, questionText]) => ({ question, questionText })))),
  },
  {
    method: "GET",
    path: `${F}/{factorId}`,
    operationId: "getFactor",
    scopes: READ,
    handle: (ctx) => json(renderFactor(ctx, findFactor(ctx))),
  },
  {
    method: "DELETE",
    path: `${F}/{factorId}`,
    operationId: "unenrollFactor",
    scopes: MANAGE,
    handle: unenrollFactor,
  },
  {
    method: "POST",
    path: `${F}/{factorId}/lifecycle/activate`,
    operationId: "activateFactor",
    scopes: MANAGE,
    handle: activateFactor,
  },
  {
    method: "POST",
    path: `${F}/{factorId}/verify`,
    operationId: "verifyFactor",
    scopes: MANAGE,
    handle: verifyFactor,
  },
];
