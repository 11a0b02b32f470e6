/**
 * Checks a `private_key_jwt` client assertion as Okta's token endpoint does: signature against the
 * registered public key, algorithm, `iss`/`sub`/`aud`/`exp`/`iat`, and one use per `jti`.
 *
 * @module
 */
import { decodeJwt, decodeProtectedHeader, errors, importJWK, jwtVerify } from "jose";
import { OAuthRefusal } from "./_oauth_responses.ts";
import type { ReplayGuard } from "./_oauth_replay.ts";

/** A service app registered with the fake org. */
export interface OAuthClientRegistration {
  /** The client ID (`iss` and `sub` of its assertions). */
  clientId: string;
  /** The public half of the app's key (RSA, or EC P-256). */
  publicJwk: JsonWebKey;
  /** The scopes granted to the app. */
  scopes: readonly string[];
  /** Refuse token requests without a DPoP proof. */
  requireDpop?: boolean;
}

const SKEW_SECONDS = 60;

/** Verifies `assertion`; returns the client it authenticates or throws a 401 `invalid_client`. */
export async function verifyClientAssertion(
  assertion: string,
  clients: ReadonlyMap<string, OAuthClientRegistration>,
  audience: string,
  now: number,
  replay: ReplayGuard,
): Promise<OAuthClientRegistration> {
  let header: { alg?: string; kid?: string };
  let iss: unknown;
  try {
    header = decodeProtectedHeader(assertion);
    iss = decodeJwt(assertion).iss;
  } catch {
    throw refuse("The client_assertion is not a well-formed JWT.");
  }
  const client = typeof iss === "string" ? clients.get(iss) : undefined;
  if (!client) throw refuse("The client_assertion iss is not a registered client.");
  const jwk = client.publicJwk as JsonWebKey & { kid?: string };
  const allowed = jwk.kty === "RSA"
    ? ["RS256", "RS384", "RS512"]
    : jwk.kty === "EC" && jwk.crv === "P-256"
    ? ["ES256"]
    : [];
  if (!header.alg || !allowed.includes(header.alg)) {
    throw refuse(`The client_assertion alg ${String(header.alg)} does not fit the registered key.`);
  }
  if (header.kid !== undefined && jwk.kid !== undefined && header.kid !== jwk.kid) {
    throw refuse("The client_assertion kid matches no registered key.");
  }
  const { kty, n, e, crv, x, y } = jwk;
  const key = await importJWK(kty === "RSA" ? { kty, n, e } : { kty, crv, x, y }, header.alg);
  let payload;
  try {
    ({ payload } = await jwtVerify(assertion, key, {
      algorithms: [header.alg],
      issuer: client.clientId,
      subject: client.clientId,
      audience,
      currentDate: new Date(now),
      clockTolerance: SKEW_SECONDS,
      requiredClaims: ["exp", "iat", "jti"],
    }));
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      throw refuse("The client_assertion signature is invalid.");
    }
    if (error instanceof errors.JWTExpired) throw refuse("The client_assertion token is expired.");
    if (error instanceof errors.JWTClaimValidationFailed) {
      throw refuse(`The client_assertion ${error.claim} claim is missing or invalid.`);
    }
    throw refuse("The client_assertion could not be verified.");
  }
  const iat = payload.iat as number;
  const exp = payload.exp as number;
  if (iat * 1000 > now + SKEW_SECONDS * 1000) throw refuse("The client_assertion iat is in the future.");
  if (exp - iat > 3600) throw refuse("The client_assertion exp is more than one hour after iat.");
  if (typeof payload.jti !== "string" || !replay.use(`${client.clientId}:${payload.jti}`, exp * 1000, now)) {
    throw refuse("The client_assertion jti has already been used.");
  }
  return client;
}

function refuse(description: string): OAuthRefusal {
  return new OAuthRefusal(401, "invalid_client", description);
}
