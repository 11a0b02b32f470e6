/**
 * Every extension point of the client, as documented interfaces in one place: how requests are authorized
 * ({@linkcode AuthStrategy}), code around each attempt ({@linkcode Hooks}), where logs go
 * ({@linkcode Logger}), where cached responses and rate-limit budgets live ({@linkcode CacheStore},
 * {@linkcode RateLimitStore}), the scheduler's clock ({@linkcode RateLimitClock}), and the attempt loop as
 * the token requester is handed it ({@linkcode AttemptRunner}). Types only: importing it loads nothing, and
 * `config/`, `auth/` and `http/` all depend on it rather than on each other.
 *
 * @module
 */

/** Log levels, least to most severe. */
export type LogLevel = "DEBUG" | "INFO" | "WARN" | "ERROR";

/**
 * Where log records go. `console` fits as it is; so do most structured loggers (pino, winston, Deno's
 * `@std/log`) through a one-line adapter. `data` is already redacted when it reaches the logger.
 */
export interface Logger {
  /** Request and response details. */
  debug(message: string, data?: Record<string, unknown>): void;
  /** One line per request. */
  info(message: string, data?: Record<string, unknown>): void;
  /** Retries, rate-limit waits, deprecated settings. */
  warn(message: string, data?: Record<string, unknown>): void;
  /** Failed calls. */
  error(message: string, data?: Record<string, unknown>): void;
}

/** What a strategy may ask of the HTTP layer after it has seen a response. */
export type AuthVerdict =
  /** Use the response as it is. */
  | "accept"
  /** Send the same call again (a fresh attempt: the strategy is asked for headers again). */
  | "retry";

/**
 * How requests are authorized. The HTTP layer calls {@linkcode AuthStrategy.authorize} before every
 * attempt, retries included, so per-attempt material (a DPoP proof) is always fresh, and
 * {@linkcode AuthStrategy.onResponse} after a 401 (or a 400 with a `DPoP-Nonce`) so a strategy can refresh a token or pick up a
 * resource server's `DPoP-Nonce`. The HTTP layer allows at most two auth-driven retries per call.
 */
export interface AuthStrategy {
  /** A short name for logs: `"SSWS"`, `"Bearer"`, `"PrivateKey"`. */
  readonly kind: string;
  /**
   * Sets the authorization headers for one attempt of `request` (`Authorization`, and `DPoP` where
   * used). The request's URL and method are final when this is called.
   */
  authorize(request: Request, signal?: AbortSignal): Promise<void> | void;
  /**
   * Inspects a 401 answer to an authorized request, or a 400 that carries a `DPoP-Nonce` header (a
   * `use_dpop_nonce` demand; check the status if your strategy handles 401s only). Return
   * `"retry"` to have the call sent again (after refreshing an expired token, say), `"accept"` to let the
   * 401 stand. `attempt` counts this call's auth-driven retries so far.
   */
  onResponse?(request: Request, response: Response, attempt: number): Promise<AuthVerdict> | AuthVerdict;
}

/** What a hook learns about one attempt of a call. */
export interface AttemptInfo {
  /** The operation (`getUser`), or `undefined` for an `okta.request` that names none. */
  readonly operationId: string | undefined;
  /** The HTTP method. */
  readonly method: string;
  /** The request URL. */
  readonly url: string;
  /** `0` for the first attempt of a call, then `1`, `2`, ... for its retries. */
  readonly retryCount: number;
  /** When the attempt was sent (epoch milliseconds). */
  readonly startedAt: number;
}

/** What a hook learns once an attempt has its answer, or has failed. */
export interface AttemptResult extends AttemptInfo {
  /** Milliseconds from sending the attempt to its response headers, or to its failure. */
  readonly durationMs: number;
}

/**
 * Functions called around each attempt (the `hooks` option). They may be async; the attempt waits for
 * them. A hook that throws fails the call with its error. Token requests of `PrivateKey` mode are not
 * attempts of a call and are not seen.
 *
 * @example Timing and request ids in your logs
 * ```ts ignore
 * const okta = new Okta({
 *   hooks: {
 *     afterResponse(response, { operationId, retryCount, durationMs }) {
 *       console.log(operationId, response.status, `${durationMs} ms`, response.headers.get("x-okta-request-id"),
 *         retryCount ? `retry ${retryCount}` : "");
 *     },
 *   },
 * });
 * ```
 */
export interface Hooks {
  /**
   * Before each attempt is sent, authorization included: the `Request` as it will go out (set extra
   * headers on it if you need to; the body is not yours to read).
   */
  beforeRequest?(request: Request, info: AttemptInfo): void | Promise<void>;
  /**
   * After each attempt that got an HTTP answer, whatever its status (a 429 or 503 that will be retried
   * included). The body belongs to the client: read `response.clone()` if you need it.
   */
  afterResponse?(response: Response, info: AttemptResult): void | Promise<void>;
  /** After each attempt that got no HTTP answer (a network failure, a timeout, an abort). */
  onError?(error: unknown, info: AttemptResult): void | Promise<void>;
}

/**
 * Where cached responses live. Implement it over Redis, KV or anything else; each method may be sync or
 * async. Values are plain JSON-serializable objects.
 *
 * @example A store over a Map
 * ```ts
 * import type { CacheStore } from "./seams.ts";
 * const map = new Map<string, unknown>();
 * const store: CacheStore = {
 *   get: (key) => map.get(key),
 *   add: (key, value) => void map.set(key, value),
 *   contains: (key) => map.has(key),
 *   delete: (key) => void map.delete(key),
 * };
 * ```
 */
export interface CacheStore {
  /** The value stored under `key`, or `undefined`. */
  get(key: string): unknown | Promise<unknown>;
  /** Stores `value` under `key`, replacing any older value. */
  add(key: string, value: unknown): void | Promise<void>;
  /** Whether `key` holds a value. */
  contains(key: string): boolean | Promise<boolean>;
  /** Removes `key`. */
  delete(key: string): void | Promise<void>;
}

/** What is known of one bucket, in the server's time. Plain data: an adapter may store it as JSON. */
export interface RateLimitBucketState {
  /**
   * `X-Rate-Limit-Limit` of the current window (0 until a response has said). While `reset` is 0 and a first
   * wave is out (a bucket not seen yet), the limit the wave was sized by, and `remaining` what is left of it.
   */
  limit: number;
  /**
   * Requests the window still allows: the server's latest `X-Rate-Limit-Remaining`, less the requests
   * released since.
   */
  remaining: number;
  /** When the window resets: `X-Rate-Limit-Reset` in epoch milliseconds (0 until known). */
  reset: number;
  /**
   * While a probe (the one request sent when the window's budget is unknown) is out: the server time (epoch
   * ms) after which another caller may probe instead, in case its sender died; 0 when none is out.
   */
  probeUntil: number;
  /** The bucket's responses carry no rate-limit headers (not Okta, or a proxy): nothing to schedule. */
  untracked: boolean;
}

/**
 * A bucket store. `update` must be atomic per bucket: read the state, call `change` (pure; it may be
 * called again if another writer got in first), write what it returns (`change` returns the very state it
 * was given when nothing changed: a store may skip the write then). Return values may be promises.
 *
 * The scheduler never trusts a store with a call: an update that throws, rejects, answers something else
 * than `change`'s result, or takes longer than a second is answered from a budget local to the process
 * instead (one warning per outage), and the store is asked again a few seconds later. A stored value that
 * is not a whole state reaches `change` as `undefined`. Recording an answer never fails the call that got
 * it.
 *
 * @example A Deno KV adapter (sketch)
 * ```ts ignore
 * const kvStore = (kv: Deno.Kv): RateLimitStore => ({
 *   async update(bucket, change, { signal } = {}) {
 *     for (;;) {
 *       signal?.throwIfAborted(); // nobody waits for the answer any more: stop retrying the transaction
 *       const entry = await kv.get<RateLimitBucketState>(["okta-rate", bucket]);
 *       const [next, result] = change(entry.value ?? undefined);
 *       const ok = await kv.atomic().check(entry).set(["okta-rate", bucket], next, { expireIn: 120_000 }).commit();
 *       if (ok.ok) return result;
 *     }
 *   },
 * });
 * ```
 */
export interface RateLimitStore {
  /**
   * Atomically replaces `bucket`'s state with what `change` computes from it, returning `change`'s result.
   * `options.signal`, when given, aborts once nobody waits for the answer any more (the call was cancelled
   * or its `requestTimeout` ran out): a store may stop there.
   */
  update<T>(
    bucket: string,
    change: (state: RateLimitBucketState | undefined) => [RateLimitBucketState, T],
    options?: { signal?: AbortSignal },
  ): T | Promise<T>;
  /**
   * Optional: calls `listener` with the bucket's name after each change by anyone. Without it, a client
   * waiting for another client's probe checks again every few hundred milliseconds.
   */
  watch?(listener: (bucket: string) => void): () => void;
  /**
   * Optional, with {@linkcode RateLimitStore.unlease}: makes `rateLimit.maxConcurrent` a bound shared by
   * every client of the store (Okta's concurrent-request limit is the org's). Takes one of `max` leases,
   * resolving with its id, or with `undefined` when `max` are out; a lease expires on its own after a while,
   * so a process that dies does not hold its slot for ever.
   */
  lease?(max: number): string | undefined | Promise<string | undefined>;
  /** Gives back a lease taken with {@linkcode RateLimitStore.lease}. */
  unlease?(id: string): void | Promise<void>;
}

/** The time the scheduler reads and waits on. The fake org's `org.clock` is one, for tests. */
export interface RateLimitClock {
  /** The current time, epoch milliseconds. */
  now(): number;
  /** Calls `callback` once `ms` have passed on this clock; returns a function that cancels it. */
  schedule(ms: number, callback: () => void): () => void;
}

/** A wait imposed by rate limiting, as `onRateLimit` is told of it. */
export interface RateLimitWait {
  /** The bucket, such as `GET /api/v1/users/{idOrLogin}`. */
  bucket: string;
  /** How long the call would wait, in milliseconds. */
  waitMs: number;
  /**
   * `bucket`: its window is spent until the reset; `429`: a retry after a 429; `concurrency`: Okta's concurrent
   * limit; `store`: the shared rate-limit store failed, and calls go on with the client's own budget (no wait:
   * `waitMs` is 0; told at most once a minute, and returning `false` changes nothing).
   */
  reason: "bucket" | "429" | "concurrency" | "store";
}

/**
 * One request as the attempt loop (`lib/http/attempts.ts`) runs it: how to send one attempt and what to make
 * of the answer. The loop decides every retry, wait and redirect with Okta's one policy; API calls and the
 * token endpoint both describe themselves this way, so they cannot disagree.
 */
export interface AttemptCall<T> {
  /** HTTP method, upper case: after an ambiguous failure only idempotent methods are sent again. */
  readonly method: string;
  /** The URL of the first attempt. */
  readonly url: string;
  /** What the call is, for logs and messages: `GET /api/v1/users/00u1`. */
  readonly what: string;
  /** Treat the call as idempotent whatever its method (a token request changes nothing on the server). */
  readonly idempotent?: boolean;
  /** The rate-limit bucket each attempt takes a permit from, when the client schedules calls. */
  readonly bucket?: string;
  /** Follow same-origin redirects of GET and HEAD on this org URL; without it a redirect is an answer. */
  readonly orgUrl?: string;
  /** Sends one attempt to `url`; `retry` is true for every attempt after the first. Rejects when no answer came. */
  send(url: string, retry: boolean): Promise<Response>;
  /**
   * Whether a rejection of {@linkcode AttemptCall.send} means the attempt got no answer (`network` or
   * `timeout`, which the policy may retry); `undefined` ends the call with that error.
   */
  noAnswer(error: unknown): "network" | "timeout" | undefined;
  /**
   * After a 400 or 401: `true` when sending the call again may succeed (a refreshed token, a DPoP nonce).
   * Read the body from a clone: the answer may still become the call's result.
   */
  mend?(response: Response): Promise<boolean>;
  /**
   * Turns the final answer into the call's value, or throws the call's error. A rejection that is not an
   * `OktaError` means the connection failed while the body was read, which the policy may retry.
   */
  read(response: Response): Promise<T>;
}

/**
 * The attempt loop as the token requester is handed it (`lib/auth` never imports `lib/http`): runs `call`
 * until its policy stops, honouring `signal` in every wait.
 */
export type AttemptRunner = <T>(call: AttemptCall<T>, signal?: AbortSignal) => Promise<T>;
