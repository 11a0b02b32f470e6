/**
 * How the OAuth code builds its errors, in one place: token endpoint failures are
 * {@linkcode AuthError}s, unusable keys and options are {@linkcode ConfigError}s.
 *
 * @module
 */
import { AuthError, ConfigError } from "../errors.ts";

/** Details of a failed OAuth exchange. Never includes the assertion, proof or token. */
export interface AuthErrorDetails {
  /** The OAuth `error` code from the token endpoint (`invalid_client`, `invalid_scope`, ...). */
  error?: string;
  /** The OAuth `error_description` from the token endpoint. */
  errorDescription?: string;
  /** The HTTP status of the token endpoint's answer, when there was one. */
  status?: number;
  /** The underlying failure (a network error, an abort). */
  cause?: unknown;
}

/** Creates the error thrown when the token endpoint fails or answers something unusable. */
export function authError(message: string, details?: AuthErrorDetails): AuthError {
  return new AuthError(message, details);
}

/**
 * Creates the error thrown when the configured private key (or another OAuth option) cannot be used.
 * The message must never contain key material.
 */
export function keyError(message: string, field = "okta.client.privateKey"): ConfigError {
  return new ConfigError([{ field, source: "the configured value", message }]);
}

/**
 * Sets a header that carries a credential. A value the runtime refuses (a token with a line break or
 * another control character) becomes an {@linkcode AuthError} that names the header, never the value:
 * the runtimes' own errors quote the value, token included.
 */
export function setCredentialHeader(headers: Headers, name: string, value: string, what: string): void {
  try {
    headers.set(name, value);
  } catch {
    throw new AuthError(
      `The ${what} cannot be sent in the ${name} header: it contains characters HTTP headers do not allow ` +
        "(a line break or another control character). Check how it was copied; it is not shown here.",
    );
  }
}
