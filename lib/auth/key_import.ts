/**
 * Reads the private key of an Okta service app in any form users hold it: a JWK (object or JSON
 * text), or PEM in PKCS#8 (`BEGIN PRIVATE KEY`), PKCS#1 (`BEGIN RSA PRIVATE KEY`) or SEC1
 * (`BEGIN EC PRIVATE KEY`). WebCrypto imports PKCS#8 only, so PKCS#1 and SEC1 are wrapped first.
 *
 * Errors name the forms accepted and never repeat any of the key.
 *
 * @module
 */
import { keyError } from "./_errors.ts";
import { DerError, pkcs1ToPkcs8, readPkcs8, sec1ToPkcs8 } from "./_der.ts";

/** The JWS algorithms a client assertion can be signed with. */
export type SigningAlgorithm = "RS256" | "RS384" | "RS512" | "ES256";

/** A private key ready to sign client assertions. */
export interface SigningKey {
  /** A non-extractable WebCrypto key, usable for `sign` only. */
  key: CryptoKey;
  /** RS256 for RSA keys (or RS384/RS512 when a JWK says so), ES256 for P-256 keys. */
  alg: SigningAlgorithm;
  /** The JWK's own `kid`, when the key was a JWK that has one. */
  kid?: string;
}

const ACCEPTED = "a JWK (object or JSON string) or a PEM private key in PKCS#8 (BEGIN PRIVATE KEY), " +
  "PKCS#1 (BEGIN RSA PRIVATE KEY) or SEC1 (BEGIN EC PRIVATE KEY, P-256) form";

const RSA_ALGS: readonly SigningAlgorithm[] = ["RS256", "RS384", "RS512"];

/**
 * Imports a private key for signing client assertions.
 *
 * @example
 * ```ts
 * import { importPrivateKey } from "./key_import.ts";
 * const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]);
 * const jwk = await crypto.subtle.exportKey("jwk", (pair as CryptoKeyPair).privateKey);
 * const { alg } = await importPrivateKey(jwk); // "ES256"
 * ```
 */
export async function importPrivateKey(input: string | JsonWebKey): Promise<SigningKey> {
  if (typeof input === "object" && input !== null) return await importJwk(input);
  if (typeof input !== "string" || input.trim() === "") {
    throw keyError(`privateKey is missing or empty; expected ${ACCEPTED}.`);
  }
  const text = input.trim();
  if (text.startsWith("{")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw keyError(`privateKey looks like a JWK but is not valid JSON; expected ${ACCEPTED}.`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw keyError(`privateKey JSON is not a JWK object; expected ${ACCEPTED}.`);
    }
    return await importJwk(parsed as JsonWebKey);
  }
  if (text.includes("-----BEGIN")) return await importPem(text);
  throw keyError(`privateKey is in a form that cannot be read; expected ${ACCEPTED}.`);
}

async function importJwk(jwk: JsonWebKey): Promise<SigningKey> {
  const kid = typeof (jwk as { kid?: unknown }).kid === "string" ? (jwk as { kid: string }).kid : undefined;
  if (typeof jwk.d !== "string") {
    const kind = jwk.kty === "OKP"
      ? `an OKP (${typeof jwk.crv === "string" ? jwk.crv : "Ed25519/X25519"}) public key, and OKP keys ` +
        "cannot sign Okta client assertions in any case (use an RSA or P-256 EC key)"
      : "a public key";
    throw keyError(
      `privateKey is a JWK without its private part ("d"): it is ${kind}; expected ${ACCEPTED}.`,
    );
  }
  // Only the key material is passed on: WebCrypto rejects a JWK whose `alg`, `use` or `key_ops`
  // disagree with the import parameters, and those members are advisory here.
  if (jwk.kty === "RSA") {
    const alg = jwk.alg === undefined ? "RS256" : RSA_ALGS.find((name) => name === jwk.alg);
    if (!alg) {
      throw keyError(
        `privateKey JWK has alg "${String(jwk.alg)}"; RSA keys sign with RS256, RS384 or RS512.`,
      );
    }
    const { kty, n, e, d, p, q, dp, dq, qi } = jwk;
    const material = { kty, n, e, d, p, q, dp, dq, qi };
    return { key: await importKey("jwk", material, rsaParams(alg)), alg, kid };
  }
  if (jwk.kty === "EC") {
    if (jwk.crv !== "P-256") {
      throw keyError(`privateKey JWK is on curve "${String(jwk.crv)}"; EC keys must be P-256 (ES256).`);
    }
    const { kty, crv, x, y, d } = jwk;
    return { key: await importKey("jwk", { kty, crv, x, y, d }, EC_PARAMS), alg: "ES256", kid };
  }
  throw keyError(`privateKey JWK has kty "${String(jwk.kty)}"; expected an RSA or P-256 EC key.`);
}

async function importPem(text: string): Promise<SigningKey> {
  // Keys pasted into environment variables often carry literal "\n" sequences instead of newlines.
  const pem = text.replace(/\\r/g, "").replace(/\\n/g, "\n");
  const match = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(pem);
  if (!match) throw keyError(`privateKey PEM has no matching BEGIN/END lines; expected ${ACCEPTED}.`);
  const [, label, body] = match;
  if (label.includes("ENCRYPTED") || body.includes("Proc-Type:")) {
    throw keyError(`privateKey is an encrypted PEM; decrypt it first. Expected ${ACCEPTED}.`);
  }
  const der = decodeBase64(body);
  try {
    if (label === "PRIVATE KEY") return await importPkcs8(der);
    if (label === "RSA PRIVATE KEY") return await importPkcs8(pkcs1ToPkcs8(der));
    if (label === "EC PRIVATE KEY") return await importPkcs8(sec1ToPkcs8(der));
  } catch (error) {
    if (error instanceof DerError) {
      throw keyError(`privateKey PEM (${label}) is malformed; expected ${ACCEPTED}.`);
    }
    throw error;
  }
  throw keyError(`privateKey PEM is a "${label}"; expected ${ACCEPTED}.`);
}

async function importPkcs8(der: Uint8Array): Promise<SigningKey> {
  const { type } = readPkcs8(der);
  if (type === "RSA") return { key: await importKey("pkcs8", der, rsaParams("RS256")), alg: "RS256" };
  if (type === "P-256") return { key: await importKey("pkcs8", der, EC_PARAMS), alg: "ES256" };
  throw keyError(`privateKey is neither an RSA nor a P-256 EC key; expected ${ACCEPTED}.`);
}

const EC_PARAMS: EcKeyImportParams = { name: "ECDSA", namedCurve: "P-256" };

function rsaParams(alg: SigningAlgorithm): RsaHashedImportParams {
  return { name: "RSASSA-PKCS1-v1_5", hash: `SHA-${alg.slice(2)}` };
}

async function importKey(
  format: "jwk" | "pkcs8",
  data: JsonWebKey | Uint8Array,
  params: EcKeyImportParams | RsaHashedImportParams,
): Promise<CryptoKey> {
  try {
    return format === "jwk"
      ? await crypto.subtle.importKey("jwk", data as JsonWebKey, params, false, ["sign"])
      : await crypto.subtle.importKey("pkcs8", data as Uint8Array<ArrayBuffer>, params, false, ["sign"]);
  } catch {
    // The runtime's message may quote parts of the key; say what failed without it.
    throw keyError(
      `privateKey could not be imported as ${params.name} (is it complete?); expected ${ACCEPTED}.`,
    );
  }
}

function decodeBase64(body: string): Uint8Array {
  const clean = body.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) {
    throw keyError(`privateKey PEM body is not base64; expected ${ACCEPTED}.`);
  }
  try {
    return Uint8Array.from(atob(clean), (char) => char.charCodeAt(0));
  } catch {
    throw keyError(`privateKey PEM body is not base64; expected ${ACCEPTED}.`);
  }
}
