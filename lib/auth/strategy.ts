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
 * {@linkcode AuthStrategy.onResponse} after a 401 so a strategy can refresh a token or pick up a
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
   * Inspects a 401 answer to an authorized request (its body may already have been read). Return
   * `"retry"` to have the call sent again (after refreshing an expired token, say), `"accept"` to let the
   * 401 stand. `attempt` counts this call's auth-driven retries so far.
   */
  onResponse?(request: Request, response: Response, attempt: number): Promise<AuthVerdict> | AuthVerdict;
  /** Drops any cached credential (the next call obtains a new one). */
  reset?(): void;
}
