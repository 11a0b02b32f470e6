/**
 * The answers of the fake OAuth server, shaped as Okta's: `{error, error_description}` from the token
 * endpoint, Okta's E0000011 body with `WWW-Authenticate` from resource endpoints.
 *
 * @module
 */

/** A refusal the token endpoint or resource check answers with. */
export class OAuthRefusal extends Error {
  /** HTTP status: 400 or 401. */
  readonly status: number;
  /** The OAuth `error` code. */
  readonly code: string;
  /** A `DPoP-Nonce` to send along (for `use_dpop_nonce`). */
  readonly nonce?: string;

  /** Creates a refusal; `description` becomes `error_description`. */
  constructor(status: number, code: string, description: string, nonce?: string) {
    super(description);
    this.name = "OAuthRefusal";
    this.status = status;
    this.code = code;
    this.nonce = nonce;
  }
}

/** The token endpoint's error answer. */
export function tokenErrorResponse(refusal: OAuthRefusal): Response {
  const headers = new Headers({
    "content-type": "application/json",
    "cache-control": "no-store",
    pragma: "no-cache",
  });
  if (refusal.nonce !== undefined) headers.set("dpop-nonce", refusal.nonce);
  return new Response(JSON.stringify({ error: refusal.code, error_description: refusal.message }), {
    status: refusal.status,
    headers,
  });
}

/** A resource endpoint's 401 for a missing, unknown, expired or wrongly presented token. */
export function invalidTokenResponse(
  refusal: OAuthRefusal,
  scheme: "Bearer" | "DPoP",
  issuer: string,
): Response {
  const challenge = scheme === "DPoP"
    ? `DPoP algs="ES256 RS256", error="${refusal.code}", error_description="${refusal.message}"`
    : `Bearer authorization_uri="${issuer}/oauth2/v1/authorize", realm="${issuer}", ` +
      `error="${refusal.code}", error_description="${refusal.message}"`;
  const headers = new Headers({ "content-type": "application/json", "www-authenticate": challenge });
  if (refusal.nonce !== undefined) headers.set("dpop-nonce", refusal.nonce);
  const body = {
    errorCode: "E0000011",
    errorSummary: "Invalid token provided",
    errorLink: "E0000011",
    errorId: `oae${randomId(19)}`,
    errorCauses: [],
  };
  return new Response(JSON.stringify(body), { status: 401, headers });
}

/** A random string of `length` URL-safe characters. */
export function randomId(length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join("");
}
