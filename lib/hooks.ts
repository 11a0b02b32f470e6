/**
 * Hooks: your code around every attempt of every call (logging, metrics, tracing), without wrapping
 * `fetch` yourself. Each attempt is seen, retries included, with the operation it belongs to, its retry
 * count and its timing. A client without hooks does none of this work.
 *
 * @module
 */

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

/** The per-call facts a hooked fetch reads from the options ky passes it (`oktaCall`). */
export interface HookedCall {
  /** The operation. */
  operationId?: string;
  /** Retries after a 429 so far. */
  rateLimited: number;
  /** Retries after a 5xx or a network failure so far. */
  failed: number;
  /** Retries an auth strategy asked for so far. */
  auth: number;
}

/**
 * Wraps the fetch a client's calls go through so `hooks` see every attempt. The call's state arrives as
 * the `oktaCall` member of `init` (ky passes options it does not know to fetch) and is not passed on.
 */
export function withHooks(send: typeof fetch, hooks: Hooks): typeof fetch {
  return async (input, init) => {
    const { oktaCall, ...rest } = (init ?? {}) as RequestInit & { oktaCall?: HookedCall };
    const request = input instanceof Request ? input : new Request(input, rest);
    const info: AttemptInfo = {
      operationId: oktaCall?.operationId,
      method: request.method,
      url: request.url,
      retryCount: oktaCall ? oktaCall.rateLimited + oktaCall.failed + oktaCall.auth : 0,
      startedAt: Date.now(),
    };
    await hooks.beforeRequest?.(request, info);
    const started = performance.now();
    let response: Response;
    try {
      response = await send(request, request === input ? rest : undefined);
    } catch (error) {
      await hooks.onError?.(error, { ...info, durationMs: performance.now() - started });
      throw error;
    }
    await hooks.afterResponse?.(response, { ...info, durationMs: performance.now() - started });
    return response;
  };
}
