/**
 * Checks a DPoP proof (RFC 9449) as Okta does: signature against the embedded public key, `typ`,
 * `htm`, `htu` (decoded path, no query), `iat` window, one use per `jti`, `ath`, `nonce`, and the key
 * thumbprint a token is bound to.
 *
 * @module
 */
import { base64url, calculateJwkThumbprint, decodeProtectedHeader, EmbeddedJWK, jwtVerify } from "jose";
import { OAuthRefusal } from "./_oauth_responses.ts";
import type { ReplayGuard } from "./_oauth_replay.ts";

/** The nonces the server hands out; only the current one is accepted. */
export interface NonceSource {
  /** The nonce to send in a `DPoP-Nonce` header. */
  current(): string;
  /** Whether `nonce` is still accepted. */
  valid(nonce: unknown): boolean;
}

/** What the proof must match. */
export interface ProofExpectations {
  /** The request whose method and URL the proof covers. */
  request: Request;
  /** The access token presented with it; requires a matching `ath`. */
  accessToken?: string;
  /** The thumbprint the token is bound to; the proof key must match it. */
  jkt?: string;
  /** Nonces, when a nonce is required. */
  nonces?: NonceSource;
  /** Epoch milliseconds. */
  now: number;
  /** `jti`s already seen. */
  replay: ReplayGuard;
  /** 400 at the token endpoint, 401 at resource endpoints. */
  status: 400 | 401;
}

const IAT_WINDOW_SECONDS = 60;

/** The `htu` a proof for `url` must carry: scheme, host, decoded path; no query or fragment. */
export function expectedHtu(url: string): string {
  const parsed = new URL(url);
  let path = parsed.pathname;
  try {
    path = decodeURIComponent(path);
  } catch { /* an undecodable path is compared as it is */ }
  return `${parsed.protocol}//${parsed.host}${path}`;
}

/** Verifies `proof`; returns the thumbprint of its key, or throws an {@linkcode OAuthRefusal}. */
export async function verifyProof(proof: string | null, expect: ProofExpectations): Promise<string> {
  const refuse = (description: string) => new OAuthRefusal(expect.status, "invalid_dpop_proof", description);
  if (!proof) throw refuse("The DPoP proof JWT header is missing.");
  let header;
  let payload;
  try {
    header = decodeProtectedHeader(proof);
    ({ payload } = await jwtVerify(proof, EmbeddedJWK, { typ: "dpop+jwt", algorithms: ["ES256", "RS256"] }));
  } catch {
    throw refuse("The DPoP proof is not a valid signed dpop+jwt with an embedded public jwk.");
  }
  const jkt = await calculateJwkThumbprint(header.jwk!);
  if (expect.jkt !== undefined && jkt !== expect.jkt) {
    throw refuse("The DPoP proof key does not match the token.");
  }
  if (payload.htm !== expect.request.method) {
    throw refuse("The DPoP proof htm does not match the request method.");
  }
  if (payload.htu !== expectedHtu(expect.request.url)) {
    throw refuse("The DPoP proof htu does not match the request URL.");
  }
  const iat = payload.iat;
  if (typeof iat !== "number" || Math.abs(iat * 1000 - expect.now) > IAT_WINDOW_SECONDS * 1000) {
    throw refuse("The DPoP proof iat is missing or outside the accepted window.");
  }
  if (expect.accessToken !== undefined) {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(expect.accessToken));
    if (payload.ath !== base64url.encode(new Uint8Array(digest))) {
      throw refuse("The DPoP proof ath does not match the access token.");
    }
  }
  if (
    typeof payload.jti !== "string" ||
    !expect.replay.use(payload.jti, expect.now + 2 * IAT_WINDOW_SECONDS * 1000, expect.now)
  ) {
    throw refuse("The DPoP proof jti is missing or has already been used.");
  }
  if (expect.nonces && !expect.nonces.valid(payload.nonce)) {
    const where = expect.status === 400 ? "Authorization server" : "Resource server";
    throw new OAuthRefusal(
      expect.status,
      "use_dpop_nonce",
      `${where} requires nonce in DPoP proof.`,
      expect.nonces.current(),
    );
  }
  return jkt;
}
