/**
 * Type guards for oktakit's errors that work across copies of the package (two versions in one bundle,
 * a Worker and its tests): they check the error's brand and stable `code`, not `instanceof`.
 *
 * @example
 * ```ts ignore
 * import { isOktaApiError, isOktaError } from "@oktakit/management";
 * try {
 *   await okta.user.getUser("nobody@example.com");
 * } catch (error) {
 *   if (isOktaApiError(error) && error.status === 404) console.log("no such user");
 *   else if (isOktaError(error)) console.log(error.code, error.message);
 *   else throw error;
 * }
 * ```
 *
 * @module
 */
import {
  type AuthError,
  type ConfigError,
  type HttpError,
  type InvalidResponseError,
  type NetworkError,
  OKTA_ERROR_BRAND,
  type OktaApiError,
  type OktaError,
  type OktaErrorCode,
  type RateLimitError,
  type RedirectError,
  type TimeoutError,
} from "./errors.ts";

const HTTP_CODES: readonly string[] = [
  "ERR_OKTA_HTTP",
  "ERR_OKTA_API",
  "ERR_OKTA_INVALID_RESPONSE",
  "ERR_OKTA_REDIRECT",
];

/** Whether `error` is any error oktakit threw (any copy of the package). */
export function isOktaError(error: unknown): error is OktaError {
  return typeof error === "object" && error !== null &&
    (error as Record<symbol, unknown>)[OKTA_ERROR_BRAND] === true &&
    typeof (error as { code?: unknown }).code === "string";
}

function hasCode(error: unknown, code: OktaErrorCode): boolean {
  return isOktaError(error) && error.code === code;
}

/** Whether `error` is an {@linkcode HttpError}: an answer that is not what the call needed, subclasses included. */
export function isHttpError(error: unknown): error is HttpError {
  return isOktaError(error) && HTTP_CODES.includes(error.code);
}

/** Whether `error` is Okta's JSON error answer ({@linkcode OktaApiError}, `ERR_OKTA_API`). */
export function isOktaApiError(error: unknown): error is OktaApiError {
  return hasCode(error, "ERR_OKTA_API");
}

/** Whether `error` is an unusable successful answer ({@linkcode InvalidResponseError}). */
export function isInvalidResponseError(error: unknown): error is InvalidResponseError {
  return hasCode(error, "ERR_OKTA_INVALID_RESPONSE");
}

/** Whether `error` is a redirect the client refused to follow ({@linkcode RedirectError}). */
export function isRedirectError(error: unknown): error is RedirectError {
  return hasCode(error, "ERR_OKTA_REDIRECT");
}

/** Whether `error` is a {@linkcode ConfigError}. */
export function isConfigError(error: unknown): error is ConfigError {
  return hasCode(error, "ERR_OKTA_CONFIG");
}

/** Whether `error` is an {@linkcode AuthError}. */
export function isAuthError(error: unknown): error is AuthError {
  return hasCode(error, "ERR_OKTA_AUTH");
}

/** Whether `error` is a {@linkcode TimeoutError}. */
export function isTimeoutError(error: unknown): error is TimeoutError {
  return hasCode(error, "ERR_OKTA_TIMEOUT");
}

/** Whether `error` is a {@linkcode NetworkError}. */
export function isNetworkError(error: unknown): error is NetworkError {
  return hasCode(error, "ERR_OKTA_NETWORK");
}

/** Whether `error` is a {@linkcode RateLimitError} (a wait longer than the client accepts). */
export function isRateLimitError(error: unknown): error is RateLimitError {
  return hasCode(error, "ERR_OKTA_RATE_LIMIT");
}
