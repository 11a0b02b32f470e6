/**
 * The `private_key_jwt` client assertion Okta's token endpoint authenticates a service app with.
 *
 * @module
 */
import { SignJWT } from "jose";
import type { SigningKey } from "./key_import.ts";

/** What a client assertion says. */
export interface ClientAssertionOptions {
  /** The service app's client ID: both `iss` and `sub`. */
  clientId: string;
  /** The token endpoint URL, `{orgUrl}/oauth2/v1/token`: the `aud`. */
  tokenUrl: string;
  /** The key ID for the header; defaults to the JWK's own `kid`, else none. */
  kid?: string;
  /** The current time in milliseconds since the epoch. */
  now: number;
  /** How long the assertion is valid, in seconds. Default 300; Okta refuses more than an hour. */
  lifetimeSeconds?: number;
}

/**
 * Signs a one-time client assertion (a fresh `jti` each call: Okta refuses a reused one, even after a
 * failed request).
 *
 * @example
 * ```ts
 * import { importPrivateKey } from "./key_import.ts";
 * import { createClientAssertion } from "./client_assertion.ts";
 * const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]);
 * const key = await importPrivateKey(await crypto.subtle.exportKey("jwk", (pair as CryptoKeyPair).privateKey));
 * const jwt = await createClientAssertion(key, {
 *   clientId: "0oa1",
 *   tokenUrl: "https://example.okta.com/oauth2/v1/token",
 *   now: Date.now(),
 * });
 * ```
 */
export async function createClientAssertion(
  key: SigningKey,
  options: ClientAssertionOptions,
): Promise<string> {
  const iat = Math.floor(options.now / 1000);
  const kid = options.kid ?? key.kid;
  return await new SignJWT({})
    .setProtectedHeader(kid === undefined ? { alg: key.alg } : { alg: key.alg, kid })
    .setIssuer(options.clientId)
    .setSubject(options.clientId)
    .setAudience(options.tokenUrl)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (options.lifetimeSeconds ?? 300))
    .setJti(crypto.randomUUID())
    .sign(key.key);
}
