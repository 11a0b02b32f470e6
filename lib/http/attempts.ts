/**
 * The one attempt loop: permit → attempt → verdict → wait, for API calls and the token endpoint alike. Each
 * attempt takes a permit from the rate-limit scheduler (when the call has a bucket) and hands it back once
 * with its answer; the pure policy (`retry.ts`) decides whether another attempt follows; the call's context
 * (`context.ts`) bounds every wait by the caller's signal and the deadline. Same-origin redirects of GET and
 * HEAD are followed here too, so nothing else in the client loops.
 *
 * @module
 */
import { isOktaError } from "../error_guards.ts";
import { NetworkError } from "../errors.ts";
import { redactText } from "../log.ts";
import type { AttemptCall, AttemptRunner, Logger } from "../seams.ts";
import { type BodyLimits, readBytes } from "./body.ts";
import { CallContext } from "./context.ts";
import type { RateLimitScheduler } from "./rate_limit/scheduler.ts";
import { vetWait, type WaitPolicy } from "./rate_limit/wait_policy.ts";
import { netPermissionError } from "./permission.ts";
import { isRedirect, redirectTarget } from "./redirect.ts";
import { rateLimitedError } from "./rate_limited.ts";
import { readText } from "./response.ts";
import { decide, type Decision, MAX_AUTH_RETRIES, retryNote } from "./retry.ts";
import { pathOf } from "../path.ts";

/** What every call of one client shares in the loop. */
export interface LoopOptions {
  /** Retries allowed per kind (429s; failures). */
  readonly maxRetries: number;
  /** Grants each attempt of a call with a bucket its permit; absent when throttling is off. */
  readonly scheduler?: RateLimitScheduler;
  /** Where retries and followed redirects are reported. */
  readonly logger: Logger;
  /** `rateLimit.maxWait` and `onRateLimit`, applied to the wait before a retry after a 429. */
  readonly waitPolicy: WaitPolicy;
}

/** Runs `call` in `context` until the policy stops; resolves with what `call.read` makes of the answer. */
export async function runAttempts<T>(
  loop: LoopOptions,
  context: CallContext,
  call: AttemptCall<T>,
): Promise<T> {
  const { method } = call;
  const limits = { maxRetries: loop.maxRetries, idempotent: call.idempotent };
  let target = call.url;
  let retry = false;
  for (let hops = 0;;) {
    const permit = loop.scheduler && call.bucket !== undefined
      ? await loop.scheduler.acquire(call.bucket, context, retry)
      : undefined;
    let response: Response | undefined;
    let failure: unknown;
    context.sent++;
    let sending: Promise<Response> | undefined;
    try {
      // Raced against the call's signal: a hook or an injected fetch that never settles must not keep the
      // call past its deadline (ky's own timeout is per attempt, and only covers the fetch).
      sending = call.send(target, retry);
      response = await context.race(sending);
    } catch (error) {
      failure = error;
    } finally {
      permit?.release(response);
    }
    if (response === undefined) {
      // An answer that arrives after the call gave up is nobody's: let its connection go.
      void sending?.then((late) => late.body?.cancel(), () => {});
      const ours = isOktaError(failure);
      // No retry can help when the runtime itself refuses the network (Deno without --allow-net).
      const denied = ours ? undefined : netPermissionError(failure, target, call.what);
      if (denied) throw denied;
      const why = ours || context.signal?.aborted ? undefined : call.noAnswer(failure);
      const decision = why === undefined
        ? undefined
        : decide({ kind: "no-answer", why }, context, method, limits);
      if (!decision?.retry) throw failure;
      await pause(loop, context, call, decision);
      retry = true;
      continue;
    }
    if (call.orgUrl !== undefined && isRedirect(response)) {
      const next = redirectTarget(response, target, method, hops++, call.orgUrl);
      await response.body?.cancel().catch(() => {});
      loop.logger.warn(`${method} ${pathOf(target)} redirected to ${pathOf(next)}; following`);
      target = next;
      continue;
    }
    const { status, headers } = response;
    const mended = (status === 401 || status === 400) && call.mend !== undefined &&
      context.auth < MAX_AUTH_RETRIES && await context.race(call.mend(response));
    const decision = decide({ kind: "answer", status, headers, mended }, context, method, limits);
    if (decision.retry) {
      await response.body?.cancel().catch(() => {});
      if (decision.rateLimit) context.retryFor ??= headers.get("x-okta-request-id") ?? undefined;
      await pause(loop, context, call, decision);
      retry = true;
      continue;
    }
    try {
      return await call.read(response);
    } catch (error) {
      // A typed error (an unusable body) or the call's own abort ends the call; anything else is the
      // connection failing mid-body, which is a failure like any other.
      if (isOktaError(error) || context.signal?.aborted) throw error;
      const message = redactText((error as Error)?.message ?? String(error));
      const again = decide({ kind: "body-lost", message }, context, method, limits);
      if (!again.retry) {
        throw new NetworkError(
          `${call.what}: the connection failed while the response body was read ${
            retryNote(method, context.sent, loop.maxRetries)
          }: ${message}`,
          { cause: error, attempts: context.sent },
        );
      }
      await pause(loop, context, call, again);
      retry = true;
    }
  }
}

/** Counts a retry, vets a rate-limit wait against maxWait and onRateLimit, logs it and waits. */
async function pause<T>(
  loop: LoopOptions,
  context: CallContext,
  call: AttemptCall<T>,
  decision: Decision & { retry: true },
): Promise<void> {
  context[decision.count]++;
  const { wait, reason } = decision;
  if (!wait) return;
  const what = `The retry of ${call.what} (${reason})`;
  // The deadline first: a wait that outlasts requestTimeout is a timeout, whatever maxWait says of it.
  context.check(wait, what);
  if (decision.rateLimit) {
    vetWait(
      loop.waitPolicy,
      { bucket: call.bucket ?? call.what, waitMs: wait, reason: decision.rateLimit },
      context.sent,
    );
  }
  if (decision.rateLimit === "concurrency" && loop.scheduler) {
    // A slot on Okta's side frees when a request ends, and the client sees its own end: retry then, or after
    // the backoff when none of them ends (other clients hold the slots).
    loop.logger.warn(`${reason} on ${call.what}; retrying when a request ends, within ${wait} ms`, {
      attempt: context.sent,
    });
    return await loop.scheduler.whenFreed(wait, context.signal);
  }
  loop.logger.warn(`${reason} on ${call.what}; retrying in ${wait} ms`, { attempt: context.sent });
  await context.wait(wait, what);
}

/**
 * The loop as a function of a call alone, for the token requester (`lib/auth` never imports `lib/http`):
 * each call gets a context of its own, bounded by the caller's signal. A 429 that ends such a call is a
 * `RateLimitError`, as it is for an API call, so "rate limited" is one type to catch whichever request met the
 * limit. With `limits`, each answer's body is read within them before the call sees it, so a token endpoint
 * cannot send an endless or stalled body either.
 */
export function attemptRunner(loop: LoopOptions, limits?: BodyLimits): AttemptRunner {
  const bounded = limits !== undefined && (limits.maxBytes !== undefined || limits.idleMs !== undefined);
  return (call, signal) => {
    const context = new CallContext(undefined, signal);
    return runAttempts(loop, context, {
      ...call,
      // The call's own methods keep their `this`: only `read` is wrapped.
      send: (url, retry) => call.send(url, retry),
      noAnswer: (error) => call.noAnswer(error),
      mend: call.mend && ((response) => call.mend!(response)),
      async read(response) {
        if (response.status === 429) {
          const text = await readText(response, context.signal).catch(() => "");
          throw rateLimitedError(response, text, call.method, call.url, {
            bucket: call.bucket,
            attempts: context.sent,
            retried: context.rateLimited,
            maxRetries: loop.maxRetries,
          });
        }
        return await call.read(bounded ? await buffered(response, limits!, call) : response);
      },
    });
  };
}

/** `response` with its body read within `limits`, as a new response over the bytes. */
async function buffered(response: Response, limits: BodyLimits, call: { method: string; url: string }) {
  // An opaque redirect (status 0) has no body, and no Response can be built with its status.
  if (response.status < 200 || response.status > 599) return response;
  const bytes = await readBytes(response, limits, call);
  const copy = new Response(response.status === 204 || response.status === 304 ? null : bytes as BodyInit, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  Object.defineProperty(copy, "url", { value: response.url });
  return copy;
}
