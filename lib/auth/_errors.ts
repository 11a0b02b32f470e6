/**
 * How the OAuth code builds its errors: unusable keys and options are {@linkcode ConfigError}s, and a
 * credential no header can carry is an {@linkcode AuthError} that does not quote it.
 *
 * @module
 */
import { AuthError, ConfigError } from "../errors.ts";

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
