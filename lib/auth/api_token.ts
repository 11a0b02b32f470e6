/**
 * Static credentials: an API token (`Authorization: SSWS <token>`) or an access token obtained elsewhere
 * (`Authorization: Bearer <token>`).
 *
 * @module
 */
import { setCredentialHeader } from "./_errors.ts";
import type { AuthStrategy } from "../seams.ts";

/** Authorizes every request with a fixed token; the token stays in a private field, never serialized. */
export class StaticTokenAuth implements AuthStrategy {
  /** `"SSWS"` or `"Bearer"`. */
  readonly kind: "SSWS" | "Bearer";
  #token: string;

  /** Creates the strategy for `scheme` with `token`. */
  constructor(scheme: "SSWS" | "Bearer", token: string) {
    this.kind = scheme;
    this.#token = token;
  }

  /** Sets `Authorization: <scheme> <token>`; a token no header can carry is an `AuthError` that does not quote it. */
  authorize(request: Request): void {
    setCredentialHeader(
      request.headers,
      "authorization",
      `${this.kind} ${this.#token}`,
      this.kind === "SSWS" ? "API token" : "access token",
    );
  }

  /**
   * The headers this strategy sets, the same for every request: the client puts them on its ky instance
   * once, instead of authorizing each attempt. A token no header can carry is an `AuthError` here.
   */
  staticHeaders(): Record<string, string> {
    const headers = new Headers();
    setCredentialHeader(
      headers,
      "authorization",
      `${this.kind} ${this.#token}`,
      this.kind === "SSWS" ? "API token" : "access token",
    );
    return { authorization: headers.get("authorization")! };
  }

  /** A redacted description, so serializing a client never reveals the token. */
  toJSON(): { kind: string; token: string } {
    return { kind: this.kind, token: "[REDACTED]" };
  }
}
