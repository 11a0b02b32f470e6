/**
 * What a typed method returns: a promise of the decoded body that can also give the `Response` it came
 * from, without a second request.
 *
 * @module
 */

/** The decoded body of a call together with the `Response` it was read from. */
export interface WithResponse<T> {
  /** The decoded response body. */
  readonly data: T;
  /** The response: status, headers (`X-Okta-Request-Id`, `X-Rate-Limit-Remaining`, ...). */
  readonly response: Response;
}

/**
 * The pending result of a typed call. Await it for the decoded body, exactly like a `Promise`; call
 * {@linkcode OktaCall.withResponse} for the body and the `Response` together. The request is sent when
 * the method is called, once, whichever way the answer is read.
 *
 * @example Status and request id of a typed call
 * ```ts ignore
 * const user = await okta.user.getUser("ada@example.com");
 * const { data, response } = await okta.user.getUser("ada@example.com").withResponse();
 * console.log(data.id, response.status, response.headers.get("x-okta-request-id"));
 * ```
 */
export class OktaCall<T> implements Promise<T> {
  /** `"OktaCall"`, for `Object.prototype.toString`. */
  readonly [Symbol.toStringTag] = "OktaCall";
  readonly #full: Promise<WithResponse<T>>;
  // Derived only when someone awaits the body, so a caller who reads `withResponse()` alone never
  // leaves a second, unobserved promise to reject.
  #data: Promise<T> | undefined;

  /** Wraps a pending `{ data, response }`. */
  constructor(full: Promise<WithResponse<T>>) {
    this.#full = full;
  }

  /** The decoded body and the `Response`, from the same request. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#full;
  }

  /** Attaches callbacks for the decoded body or the error, as `Promise.prototype.then` does. */
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    // deno-lint-ignore no-explicit-any
    onrejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#body().then(onfulfilled, onrejected);
  }

  /** Attaches a callback for the error, as `Promise.prototype.catch` does. */
  // deno-lint-ignore no-explicit-any
  catch<R = never>(onrejected?: ((reason: any) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#body().catch(onrejected);
  }

  /** Attaches a callback run either way, as `Promise.prototype.finally` does. */
  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#body().finally(onfinally);
  }

  #body(): Promise<T> {
    return this.#data ??= this.#full.then((full) => full.data);
  }
}
