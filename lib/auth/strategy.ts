/**
 * The seam every authentication mode plugs into.
 *
 * @module
 */

/** What a strategy may ask of the HTTP layer after it has seen a response. */
export type AuthVerdict =
  /** Use the response as it is. */
  | "accept"
  /** Send the same call again (a fresh attempt: the strategy is asked for headers again). */
  | "retry";

/**
 * How requests are authorized. The HTTP layer calls {@linkcode AuthStrategy.authorize} before every
 * attempt, retries included, so per-attempt material (a DPoP proof) is always fresh, and
 * {@linkcode AuthStrategy.onResponse} after every response so a strategy can refresh a token on 401 or
 * pick up a `DPoP-Nonce`. The HTTP layer allows at most two auth-driven retries per call.
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
   * Inspects a response to an authorized request. Return `"retry"` to have the call sent again (for
   * example after refreshing an expired token), `"accept"` otherwise.
   */
  onResponse?(request: Request, response: Response, attempt: number): Promise<AuthVerdict> | AuthVerdict;
  /** Drops any cached credential (the next call obtains a new one). */
  reset?(): void;
}
