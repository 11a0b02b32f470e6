/**
 * The core of the client without the generated namespaces: {@linkcode OktaClient} (any endpoint, with
 * auth, retries, errors and pagination), the errors and the shared types. Pair it with single namespace
 * classes from `@oktakit/management/api/<name>` to load and bundle only what you use.
 *
 * @example Configure once, then call any endpoint
 * ```ts ignore
 * import { OktaClient } from "@oktakit/management";
 *
 * const okta = new OktaClient({ orgUrl: "https://dev-123456.okta.com", token: Deno.env.get("OKTA_TOKEN") });
 * for await (const user of okta.paginate<{ profile: { login: string } }>({ method: "GET", path: "/api/v1/users" })) {
 *   console.log(user.profile.login);
 * }
 * ```
 *
 * @module
 */
export { OktaClient } from "./lib/client.ts";
export { OktaCall, type WithResponse } from "./lib/call.ts";
export { type Failure, type ItemOf, type Result, settle, type Success } from "./lib/result.ts";
export type {
  AttemptCall,
  AttemptInfo,
  AttemptResult,
  AttemptRunner,
  AuthStrategy,
  AuthVerdict,
  CacheStore,
  Hooks,
  Logger,
  LogLevel,
  RateLimitBucketState,
  RateLimitClock,
  RateLimitStore,
  RateLimitWait,
} from "./lib/seams.ts";
export type {
  AuthorizationMode,
  CacheOptions,
  LoggingOptions,
  OktaClientOptions,
  ProxyOptions,
  SourceOptions,
} from "./lib/config/options.ts";
export {
  type AnyOktaError,
  AuthError,
  ConfigError,
  type ConfigProblem,
  HttpError,
  InvalidResponseError,
  NetworkError,
  OktaApiError,
  OktaError,
  type OktaErrorCause,
  type OktaErrorCode,
  RateLimitError,
  RedirectError,
  type ResponseFacts,
  TimeoutError,
} from "./lib/errors.ts";
export {
  isAuthError,
  isConfigError,
  isHttpError,
  isInvalidResponseError,
  isNetworkError,
  isOktaApiError,
  isOktaError,
  isRateLimitError,
  isRedirectError,
  isTimeoutError,
} from "./lib/error_guards.ts";
export type { CollectOptions, Page, PageShape, PagesOptions, Paginated } from "./lib/paginate.ts";
export { type Links, parseLinkHeader } from "./lib/link.ts";
export type { LogPage, LogTail, LogTailError, TailLogsOptions } from "./lib/system_log.ts";
export type {
  BodyType,
  CallOptions,
  QueryValue,
  RequestOptions,
  ResponseType,
  Transport,
} from "./lib/transport.ts";
export { memoryRateLimitStore } from "./lib/http/rate_limit/store.ts";
export { bucketOf, type BucketRule, OKTA_BUCKETS } from "./lib/http/rate_limit/buckets.ts";
export { CustomHeaders } from "./lib/http/headers.ts";
