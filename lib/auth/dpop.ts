/**
 * DPoP (RFC 9449) proofs: a per-request JWT, signed by an ephemeral key pair of the client's own, that
 * binds an access token to that key so a stolen token alone is useless.
 *
 * @module
 */
import { base64url, exportJWK, SignJWT } from "jose";

/** What one proof covers. */
export interface DpopProofOptions {
  /** The HTTP method of the request (`htm`). */
  method: string;
  /** The request URL; reduced to `htu` by {@linkcode dpopHtu}. */
  url: string | URL;
  /** The access token the request carries; adds `ath`. Absent for token requests. */
  accessToken?: string;
  /** The latest `DPoP-Nonce` the server sent, if any. */
  nonce?: string;
  /** The current time in milliseconds since the epoch. */
  now: number;
}

/**
 * The `htu` claim for a URL: scheme, host and path, without query or fragment, with the path
 * percent-decoded, because Okta compares the decoded path (an encoded one is refused).
 *
 * @example
 * ```ts
 * import { dpopHtu } from "./dpop.ts";
 * dpopHtu("https://example.okta.com/api/v1/users/a%40b.com?limit=2");
 * // "https://example.okta.com/api/v1/users/a@b.com"
 * ```
 */
export function dpopHtu(url: string | URL): string {
  const parsed = new URL(url);
  let path = parsed.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape cannot be decoded by the server either; send the path as it is.
  }
  return `${parsed.protocol}//${parsed.host}${path}`;
}

/** `base64url(SHA-256(accessToken))`, the `ath` claim. */
export async function accessTokenHash(accessToken: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(accessToken));
  return base64url.encode(new Uint8Array(digest));
}

/**
 * Signs DPoP proofs with an ES256 key pair generated once per instance. The private key is
 * non-extractable and held in a private field.
 *
 * @example
 * ```ts
 * import { DpopProver } from "./dpop.ts";
 * const prover = await DpopProver.create();
 * const proof = await prover.proof({ method: "POST", url: "https://example.okta.com/oauth2/v1/token", now: Date.now() });
 * ```
 */
export class DpopProver {
  #privateKey: CryptoKey;
  /** The public half, embedded in every proof's header. */
  readonly publicJwk: JsonWebKey;
  /** When the key pair was made (epoch milliseconds; see {@linkcode DpopProver.create}). */
  readonly createdAt: number;

  private constructor(privateKey: CryptoKey, publicJwk: JsonWebKey, createdAt: number) {
    this.#privateKey = privateKey;
    this.publicJwk = publicJwk;
    this.createdAt = createdAt;
  }

  /** Generates a fresh key pair; `now` (epoch milliseconds) dates it, for rotation. */
  static async create(now: number = Date.now()): Promise<DpopProver> {
    const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, [
      "sign",
      "verify",
    ]);
    const { kty, crv, x, y } = await exportJWK(pair.publicKey);
    return new DpopProver(pair.privateKey, { kty, crv, x, y }, now);
  }

  /** Signs one proof; every call has its own `jti`, so never reuse a proof across attempts. */
  async proof(options: DpopProofOptions): Promise<string> {
    const claims: Record<string, string> = { htm: options.method.toUpperCase(), htu: dpopHtu(options.url) };
    if (options.accessToken !== undefined) claims.ath = await accessTokenHash(options.accessToken);
    // An empty DPoP-Nonce header is no nonce: `"nonce": ""` would be refused as a wrong one.
    if (options.nonce) claims.nonce = options.nonce;
    return await new SignJWT(claims)
      .setProtectedHeader({ typ: "dpop+jwt", alg: "ES256", jwk: this.publicJwk as Record<string, string> })
      .setIssuedAt(Math.floor(options.now / 1000))
      .setJti(crypto.randomUUID())
      .sign(this.#privateKey);
  }

  /** A summary without key material. */
  toJSON(): { alg: "ES256" } {
    return { alg: "ES256" };
  }
}

/**
 * Reads a DPoP nonce demand from a response: `DPoP-Nonce` together with `error="use_dpop_nonce"`
 * in the JSON body (token endpoint) or in `WWW-Authenticate` (resource server). Returns the nonce, or
 * `undefined` when the response is not such a demand. The body is read from a clone.
 */
export async function readNonceDemand(response: Response): Promise<string | undefined> {
  const nonce = response.headers.get("dpop-nonce")?.trim() || undefined;
  if (nonce === undefined || (response.status !== 400 && response.status !== 401)) return undefined;
  if (/error\s*=\s*"?use_dpop_nonce/i.test(response.headers.get("www-authenticate") ?? "")) return nonce;
  if (response.status !== 400) return undefined;
  try {
    const body = await response.clone().json() as { error?: unknown };
    return body?.error === "use_dpop_nonce" ? nonce : undefined;
  } catch {
    return undefined;
  }
}
