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
