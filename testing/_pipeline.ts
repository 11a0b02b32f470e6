/**
 * One request through the fake org: faults, routing, authentication and scopes, concurrency and
 * rate limits, the handler, then the headers Okta puts on every response.
 *
 * @module
 */
import type { Actor, Ctx } from "./_context.ts";
import { json } from "./_context.ts";
import { type AuthConfig, authenticate, type OAuthServerLike, requireScopes } from "./_auth.ts";
import { errorResponse, FakeFailure } from "./_errors.ts";
import type { FaultSchedule } from "./_faults.ts";
import type { IdSource } from "./_ids.ts";
import { recordEvent } from "./_logs.ts";
import { type RateLimiter, type RateLimitEvent, setRateHeaders } from "./_rate_limit.ts";
import type { RouteMatch } from "./_router.ts";
import type { OrgState } from "./_state.ts";

/** A request the org received (for assertions in tests; headers include `Authorization`). */
export interface RecordedRequest {
  /** HTTP method. */
  method: string;
  /** Full request URL. */
  url: string;
  /** A copy of the request headers. */
  headers: Headers;
  /** The body as text (`""` when none). */
  body: string;
  /** The status the org answered (0 for a simulated network error). */
  status: number;
}

/** Everything the pipeline needs. */
export interface Pipeline {
  state: OrgState;
  requestIds: IdSource;
  auth: AuthConfig & { oauth?: OAuthServerLike };
  route(method: string, path: string): RouteMatch;
  /** Looks an operation up in the generated table, when the org was given one. */
  operationFor?(method: string, path: string): { operationId: string; scopes: readonly string[] } | undefined;
  limiter: RateLimiter;
  faults: FaultSchedule;
  /** Where requests are recorded; `undefined` records nothing. */
  journal?: RecordedRequest[];
  admin: Actor;
  latencyMs: () => number;
}

const RATE_LIMIT_MESSAGES: Record<RateLimitEvent, string> = {
  "system.operation.rate_limit.violation": "Rate limit violation",
  "system.operation.rate_limit.warning": "Rate limit warning",
  "system.operation.concurrency_limit.violation": "Concurrency limit violation",
};

/** Writes a rate-limit event to the System Log; the target is the bucket (or the org, for concurrency). */
function logRateLimit(
  p: Pipeline,
  event: RateLimitEvent | undefined,
  bucket: string,
  meta: { requestId: string; actor: Actor; requestUri: string },
): void {
  if (!event) return;
  const name = event.includes("concurrency") ? "concurrent requests" : bucket;
  recordEvent(p.state, meta, event, RATE_LIMIT_MESSAGES[event], [
    { id: name, type: "RateLimit", alternateId: name, displayName: name },
  ]);
}

const DEFAULT_FAULT_CODES: Record<number, [string, string]> = {
  429: ["E0000047", "API call exceeded rate limit due to too many requests."],
  500: ["E0000009", "Internal Server Error"],
};

/** Handles one request. */
export async function handle(p: Pipeline, incoming: Request): Promise<Response> {
  // The body is read once and the handlers get a copy without a signal: `request.clone()` touches the
  // signal of a `Deno.serve` request, which makes Deno print its legacy-abort warning on every response.
  const bytes = incoming.body ? new Uint8Array(await incoming.arrayBuffer()) : undefined;
  const request = bytes
    ? new Request(incoming.url, { method: incoming.method, headers: incoming.headers, body: bytes })
    : incoming;
  const url = new URL(request.url);
  const requestId = p.requestIds.chars(20);
  const entry: RecordedRequest | undefined = p.journal && {
    method: request.method,
    url: request.url,
    headers: new Headers(request.headers),
    body: bytes ? new TextDecoder().decode(bytes) : "",
    status: 0,
  };
  if (entry) p.journal!.push(entry);
  const errorId = () => `oae${p.requestIds.chars(19)}`;
  const fail = (f: FakeFailure) => errorResponse(f, errorId());
  const bucket = p.limiter.bucketFor(url.pathname, request.method);
  let rate = p.limiter.status(bucket);
  let response: Response;
  let entered: ReturnType<RateLimiter["enter"]>;

  const fault = p.faults.take(request, url.pathname);
  if (fault?.networkError) throw new TypeError("fetch failed: connection reset (fake org fault)");
  if (fault) {
    const status = fault.status ?? 500;
    const [code, summary] = DEFAULT_FAULT_CODES[status] ??
      ["E0000009", `Fault injected with status ${status}`];
    response = fault.body === undefined
      ? fail(new FakeFailure(status, code, summary))
      : new Response(typeof fault.body === "string" ? fault.body : JSON.stringify(fault.body), {
        status,
        headers: { "content-type": typeof fault.body === "string" ? "text/plain" : "application/json" },
      });
    if (status === 429) {
      const reset = Math.ceil(p.state.clock.now() / 1000) + (fault.resetInSeconds ?? 0);
      rate = { ...rate, remaining: 0, reset, ...(fault.concurrency ? { limit: 0 } : {}) };
    }
  } else if (!(entered = p.limiter.enter()).ok) {
    response = fail(
      new FakeFailure(429, "E0000047", "API call exceeded rate limit due to too many requests."),
    );
    // Okta reports the concurrent limit instead of the bucket, with a reset that is only an estimate.
    rate = { bucket, limit: 0, remaining: 0, reset: Math.ceil(p.state.clock.now() / 1000) };
    logRateLimit(p, entered.event, bucket, { requestId, actor: p.admin, requestUri: url.pathname });
  } else {
    try {
      const result = await dispatch(p, request, url, requestId, fail);
      response = result.response;
      rate = result.rate ?? p.limiter.status(result.bucket ?? bucket);
    } finally {
      p.limiter.leave();
    }
  }
  setRateHeaders(response.headers, rate);
  response.headers.set("X-Okta-Request-Id", requestId);
  response.headers.set("Date", new Date(p.state.clock.now()).toUTCString());
  // A fault's own headers come last, so a test can set any of the standard ones (a reset, a Date).
  for (const [k, v] of Object.entries(fault?.headers ?? {})) response.headers.set(k, v);
  if (entry) entry.status = response.status;
  return response;
}

async function dispatch(
  p: Pipeline,
  request: Request,
  url: URL,
  requestId: string,
  fail: (f: FakeFailure) => Response,
): Promise<{ response: Response; rate?: ReturnType<RateLimiter["status"]>; bucket?: string }> {
  if (request.method === "POST" && url.pathname === "/oauth2/v1/token") {
    const consumed = p.limiter.consume(p.limiter.bucketFor(url.pathname, "POST"));
    const rate = consumed.status;
    if (!p.auth.oauth) {
      return {
        response: json(
          { error: "invalid_client", error_description: "No service apps are registered." },
          401,
        ),
      };
    }
    return { response: await p.auth.oauth.handleToken(request), rate };
  }
  const match = p.route(request.method, url.pathname);
  const operation = p.operationFor?.(request.method, url.pathname);
  // The table wins where it knows a more specific operation (`/groups/rules` is not getGroup).
  if (operation && (match.kind !== "found" || match.route.operationId !== operation.operationId)) {
    // A real Okta operation the fake does not implement: say so rather than pretend it is absent.
    const summary =
      `The fake org does not implement ${operation.operationId} (${request.method} ${url.pathname})`;
    return { response: fail(new FakeFailure(501, "E0000022", summary)) };
  }
  if (match.kind === "none") {
    return {
      response: fail(
        new FakeFailure(404, "E0000007", `Not found: Resource not found: ${url.pathname} (Endpoint)`),
      ),
    };
  }
  if (match.kind === "method") {
    const response = fail(
      new FakeFailure(405, "E0000022", "The endpoint does not support the provided HTTP method"),
    );
    response.headers.set("Allow", match.allowed.join(", "));
    return { response };
  }
  const bucket = p.limiter.bucketFor(match.route.path, request.method);
  try {
    const principal = await authenticate(request, p.auth);
    if (principal instanceof Response) return { response: principal, bucket };
    const scopes = operation?.scopes ?? match.route.scopes;
    requireScopes(principal, scopes, url.origin, url.pathname);
    const consumed = p.limiter.consume(bucket);
    logRateLimit(p, consumed.event, bucket, {
      requestId,
      actor: principal.clientId ? clientActor(principal.clientId) : p.admin,
      requestUri: url.pathname,
    });
    if (!consumed.ok) {
      return {
        response: fail(
          new FakeFailure(429, "E0000047", "API call exceeded rate limit due to too many requests."),
        ),
        rate: consumed.status,
        bucket,
      };
    }
    const latency = p.latencyMs();
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    const actor: Actor = principal.clientId ? clientActor(principal.clientId) : p.admin;
    const ctx: Ctx = {
      state: p.state,
      request,
      url,
      params: match.params,
      origin: url.origin,
      requestId,
      actor,
      now: p.state.clock.now(),
      log: (type, message, targets) =>
        recordEvent(p.state, { requestId, actor, requestUri: url.pathname }, type, message, targets),
    };
    return { response: await match.route.handle(ctx), rate: consumed.status, bucket };
  } catch (error) {
    if (error instanceof FakeFailure) return { response: fail(error), bucket };
    // A bug in the fake itself: answer like Okta's 500, but say what broke.
    const message = error instanceof Error ? error.message : String(error);
    return {
      response: fail(new FakeFailure(500, "E0000009", "Internal Server Error", [`fake org: ${message}`])),
      bucket,
    };
  }
}

function clientActor(clientId: string): Actor {
  return { id: clientId, type: "PublicClientApp", alternateId: clientId, displayName: clientId };
}
