/**
 * The fake org itself: {@linkcode createFakeOrg} wires state, routes, auth, rate limits, faults and
 * the clock into one `(Request) => Promise<Response>` handler.
 *
 * @module
 */
import type { AccessVerdict, OAuthServerLike } from "./_auth.ts";
import { createClock, type FakeClock } from "./_clock.ts";
import type { Ctx } from "./_context.ts";
import { createFaults, type FaultControls } from "./_faults.ts";
import { createIds } from "./_ids.ts";
import { createOperationMatcher, type OperationInfo } from "./_operations.ts";
import { handle, type RecordedRequest } from "./_pipeline.ts";
import { createRateLimiter, type RateLimitControls } from "./_rate_limit.ts";
import { createRouter } from "./_router.ts";
import { type SeedData, type SeedResult, seedState } from "./_seed.ts";
import { createState, type Json } from "./_state.ts";
import { routes } from "./_routes.ts";
import { passCodeFor } from "./_factor_model.ts";
import { findUser, renderUser } from "./_user_model.ts";
import { memberIds, renderGroup } from "./_group_model.ts";
import { renderApp } from "./_apps.ts";
import { createOAuthServer, type OAuthClientRegistration } from "./oauth.ts";
import { operations as generatedOperations } from "../api/_operations.ts";

export type { RecordedRequest } from "./_pipeline.ts";
export type { AccessVerdict, OAuthServerLike, OperationInfo };

/** Options of {@linkcode createFakeOrg}. */
export interface FakeOrgOptions {
  /** The org URL that {@linkcode FakeOrg.fetch} users configure. Default `https://fake-org.okta.test`. */
  orgUrl?: string;
  /** The SSWS API token the org accepts. Default: a deterministic 42-character token. */
  apiToken?: string;
  /** Seed of the id counter: the same seed yields the same ids. Default 1. */
  seed?: number;
  /** Start of the frozen clock (default `2026-01-01T00:00:00.000Z`), or `"real"` for wall time. */
  clock?: Date | string | number | "real";
  /**
   * OAuth for service apps: client registrations (the org builds its token endpoint from
   * `testing/oauth.ts` with the org URL as issuer and the org's clock), or a ready server.
   */
  oauth?:
    | {
      clients: readonly OAuthClientRegistration[];
      requireNonce?: boolean;
      requireResourceNonce?: boolean;
      tokenTtlSeconds?: number;
    }
    | OAuthServerLike;
  /** Keep {@linkcode FakeOrg.requests} (default true); turn off for long benchmarks to keep memory flat. */
  recordRequests?: boolean;
  /**
   * The operations table in the shape of the generated `api/_operations.ts` (the default): each
   * operation's OAuth scopes are taken from it, and operations it lists that the fake does not
   * implement answer 501 E0000022 instead of 404.
   */
  operations?: Record<string, OperationInfo>;
}

/** Read-only views of the org's data, rendered as the API would return them. */
export interface FakeOrgInspector {
  /** Every user, deactivated ones included. */
  users(): Json[];
  /** One user by id or login, or `undefined`. */
  user(idOrLogin: string): Json | undefined;
  /** Every group, the built-in Everyone group included. */
  groups(): Json[];
  /** Member user ids of a group. */
  members(groupId: string): string[];
  /** Every app. */
  apps(): Json[];
  /** Every System Log event, oldest first. */
  events(): Json[];
}

/** An in-memory Okta org. */
export interface FakeOrg {
  /** The org URL (`Link` headers and `_links` use the origin each request arrived on). */
  readonly orgUrl: string;
  /** The SSWS token the org accepts, with every scope. */
  readonly apiToken: string;
  /** The request handler: `Deno.serve(org.handler)`, `Bun.serve({ fetch: org.handler })`, a Worker's `fetch`. */
  readonly handler: (request: Request) => Promise<Response>;
  /**
   * A `fetch` replacement to inject into clients. A scheduled network fault rejects with a
   * `TypeError`; an aborted `signal` rejects with its reason, as `fetch` does.
   */
  readonly fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** The org's clock. */
  readonly clock: FakeClock;
  /** Rate-limit controls. */
  readonly rateLimits: RateLimitControls;
  /** Fault schedule. */
  readonly faults: FaultControls;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Data views. */
  readonly inspect: FakeOrgInspector;
  /** Loads starting data without HTTP, rate limits or System Log events; returns the new ids. */
  seed(data: SeedData): SeedResult;
  /** The pass code the org accepts to activate or verify a factor. */
  passCodeFor(userId: string, factorId: string): string;
  /** Mints a `Bearer` access token carrying `scopes` (as if issued to `clientId`). */
  createAccessToken(scopes: readonly string[], clientId?: string): string;
  /** Forces a user's status (for states no API call reaches, such as `LOCKED_OUT`). */
  setUserStatus(idOrLogin: string, status: string): void;
  /** Delay, in real milliseconds, before each request is handled (to make requests overlap). */
  latencyMs: number;
}

/**
 * Creates an in-memory Okta org.
 *
 * @example
 * ```ts
 * import { createFakeOrg } from "./fake_org.ts";
 * const org = createFakeOrg();
 * const res = await org.fetch(`${org.orgUrl}/api/v1/users?activate=false`, {
 *   method: "POST",
 *   headers: { authorization: `SSWS ${org.apiToken}`, "content-type": "application/json" },
 *   body: JSON.stringify({ profile: { login: "a@example.com", email: "a@example.com", firstName: "A", lastName: "B" } }),
 * });
 * console.log((await res.json()).status); // "STAGED"
 * ```
 */
export function createFakeOrg(options: FakeOrgOptions = {}): FakeOrg {
  const orgUrl = (options.orgUrl ?? "https://fake-org.okta.test").replace(/\/+$/, "");
  const seed = options.seed ?? 1;
  const clock = createClock(options.clock);
  const ids = createIds(seed);
  const requestIds = createIds(seed + 7919);
  const state = createState(ids, clock);
  const apiToken = options.apiToken ?? `00${createIds(seed + 104729).chars(40)}`;
  const limiter = createRateLimiter(clock);
  const faults = createFaults();
  const journal: RecordedRequest[] = [];
  const minted = new Map<string, { clientId: string; scopes: string[] }>();
  const oauth = options.oauth === undefined || "handleToken" in options.oauth
    ? options.oauth as OAuthServerLike | undefined
    : createOAuthServer({ issuer: orgUrl, now: clock.now, ...options.oauth });
  const matchOperation = createOperationMatcher(options.operations ?? generatedOperations);
  const host = new URL(orgUrl).hostname;
  const admin = { id: ids.id("00u"), type: "User", alternateId: `admin@${host}`, displayName: "Fake Admin" };
  const route = createRouter(routes);
  const org: FakeOrg = {
    orgUrl,
    apiToken,
    clock,
    latencyMs: 0,
    rateLimits: limiter,
    faults,
    requests: journal,
    handler: (request) =>
      handle({
        state,
        requestIds,
        auth: { apiToken, minted, oauth },
        route,
        operationFor: matchOperation,
        limiter,
        faults,
        journal: options.recordRequests === false ? undefined : journal,
        admin,
        latencyMs: () => org.latencyMs,
      }, request),
    fetch(input, init) {
      const request = new Request(input, init);
      const { signal } = request;
      if (signal.aborted) return Promise.reject(signal.reason);
      // Like fetch, reject as soon as the caller aborts, even while the org is still "working".
      return new Promise((resolve, reject) => {
        const abort = () => reject(signal.reason);
        signal.addEventListener("abort", abort, { once: true });
        org.handler(request).then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
      });
    },
    seed: (data) => seedState(state, data),
    passCodeFor,
    createAccessToken(scopes, clientId = "0oafakeclient0000000") {
      const token = `fake.${requestIds.chars(32)}`;
      minted.set(token, { clientId, scopes: [...scopes] });
      return token;
    },
    setUserStatus(idOrLogin, status) {
      const user = findUser(state, idOrLogin);
      user.status = status;
      user.statusChanged = user.lastUpdated = clock.now();
    },
    inspect: {
      users: () => [...state.users.values()].map((u) => structuredClone(renderUser(view(), u))),
      user(idOrLogin) {
        try {
          return structuredClone(renderUser(view(), findUser(state, idOrLogin)));
        } catch {
          return undefined;
        }
      },
      groups: () => [...state.groups.values()].map((g) => structuredClone(renderGroup(view(), g))),
      members: (groupId) => {
        const group = state.groups.get(groupId);
        return group ? memberIds(state, group) : [];
      },
      apps: () => [...state.apps.values()].map((a) => structuredClone(renderApp(view(), a))),
      events: () => state.events.map((e) => structuredClone(e.event)),
    },
  };
  // Renderers only read the origin from a context. They share stored objects (responses are
  // serialized at once), so what inspect hands out is cloned.
  const view = () => ({ origin: orgUrl }) as Ctx;
  return org;
}
