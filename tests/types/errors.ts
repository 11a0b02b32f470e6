/**
 * Type-level checks (run by `deno check`, never executed): `AnyOktaError` is discriminated by `code`, so a
 * `switch` or an `if` on it narrows to the one class and its members, and covers every code. Each
 * `@ts-expect-error` line must be an error, or the check fails.
 */
import type {
  AnyOktaError,
  AuthError,
  ConfigError,
  HttpError,
  InvalidResponseError,
  NetworkError,
  OktaApiError,
  OktaError,
  OktaErrorCode,
  RateLimitError,
  RedirectError,
  TimeoutError,
} from "../../mod.ts";
import { type Equal, expectType } from "./_assert.ts";

export function switchNarrows(error: AnyOktaError): string {
  switch (error.code) {
    case "ERR_OKTA_RATE_LIMIT":
      expectType<Equal<typeof error, RateLimitError>>();
      return `${error.waitMs} ${error.maxWaitMs} ${error.bucket} ${error.reason}`;
    case "ERR_OKTA_API":
      expectType<Equal<typeof error, OktaApiError>>();
      return `${error.status} ${error.errorCode} ${error.requiredScopes}`;
    case "ERR_OKTA_INVALID_RESPONSE":
      expectType<Equal<typeof error, InvalidResponseError>>();
      return error.body;
    case "ERR_OKTA_REDIRECT":
      expectType<Equal<typeof error, RedirectError>>();
      return `${error.location}`;
    case "ERR_OKTA_HTTP":
      expectType<Equal<typeof error, HttpError & { readonly code: "ERR_OKTA_HTTP" }>>();
      // @ts-expect-error a plain HttpError is not Okta's JSON error: it has no errorCode
      void error.errorCode;
      return `${error.status} ${error.requestId}`;
    case "ERR_OKTA_CONFIG":
      expectType<Equal<typeof error, ConfigError>>();
      return error.problems.map((problem) => problem.field).join();
    case "ERR_OKTA_AUTH":
      expectType<Equal<typeof error, AuthError>>();
      return `${error.error} ${error.errorDescription} ${error.status}`;
    case "ERR_OKTA_TIMEOUT":
      expectType<Equal<typeof error, TimeoutError>>();
      return error.message;
    case "ERR_OKTA_NETWORK":
      expectType<Equal<typeof error, NetworkError>>();
      return `${error.attempts}`;
    case "ERR_OKTA":
      expectType<Equal<typeof error, OktaError & { readonly code: "ERR_OKTA" }>>();
      // @ts-expect-error the base class carries no HTTP facts
      return `${error.status}`;
    default: {
      // Every code is handled above, so nothing is left.
      const unhandled: never = error;
      return unhandled;
    }
  }
}

export function ifNarrows(error: AnyOktaError): void {
  // @ts-expect-error `waitMs` belongs to RateLimitError only: narrow on `code` first
  void error.waitMs;
  if (error.code === "ERR_OKTA_RATE_LIMIT") {
    const waitMs: number = error.waitMs;
    void waitMs;
  } else if (error.code === "ERR_OKTA_NETWORK") {
    const attempts: number = error.attempts;
    void attempts;
  }
  // Members every error has need no narrowing.
  const common: [OktaErrorCode, string, string] = [error.code, error.message, error.name];
  void common;
}

export function missingCaseIsCaught(error: AnyOktaError): string {
  switch (error.code) {
    case "ERR_OKTA_RATE_LIMIT":
    case "ERR_OKTA_API":
      return error.message;
    default: {
      // @ts-expect-error ERR_OKTA_CONFIG and the other codes are not handled, so this is not `never`
      const unhandled: never = error;
      return unhandled;
    }
  }
}

export function membersAndCodes(
  classes: [
    OktaApiError,
    InvalidResponseError,
    RedirectError,
    ConfigError,
    AuthError,
    TimeoutError,
    NetworkError,
    RateLimitError,
  ],
  base: OktaError,
): void {
  // Every concrete class is a member, and the union's codes are exactly the codes there are.
  const members: AnyOktaError[] = classes;
  expectType<Equal<AnyOktaError["code"], OktaErrorCode>>();
  expectType<Equal<RateLimitError["code"], "ERR_OKTA_RATE_LIMIT">>();
  // @ts-expect-error an OktaError typed as the base class could be any of them: cast it after a guard
  const widened: AnyOktaError = base;
  void [members, widened];
}
