/**
 * The options users pass to the client; every option is documented here, on the type they hover.
 *
 * @module
 */
import type {
  AuthStrategy,
  CacheStore,
  Hooks,
  Logger,
  LogLevel,
  RateLimitClock,
  RateLimitStore,
  RateLimitWait,
} from "../seams.ts";

/** How requests are authorized. */
export type AuthorizationMode = "SSWS" | "Bearer" | "PrivateKey";

/**
 * Client options. Each can also come from `~/.okta/okta.yaml`, `./okta.yaml` (under `okta.client`) and
 * `OKTA_CLIENT_*` environment variables; precedence, lowest first: `~/.okta/okta.yaml` < `./okta.yaml` <
 * environment < these options. Times are in seconds, as in Okta's YAML files.
 */
export interface OktaClientOptions {
  /** The org's URL, `https://{yourOktaDomain}` (not the `-admin` console URL). Env `OKTA_CLIENT_ORGURL`. */
  orgUrl?: string;
  /**
   * `SSWS` (API token, the default), `Bearer` (an access token you obtained), or `PrivateKey` (OAuth 2.0
   * service app with private-key JWT). Env `OKTA_CLIENT_AUTHORIZATIONMODE`.
   */
  authorizationMode?: AuthorizationMode;
  /** The API token (`SSWS` mode) or access token (`Bearer` mode). Env `OKTA_CLIENT_TOKEN`. */
  token?: string;
  /** The service app's client id (`PrivateKey` mode). Env `OKTA_CLIENT_CLIENTID`. */
  clientId?: string;
  /** OAuth scopes to request (`PrivateKey` mode); env `OKTA_CLIENT_SCOPES`, comma- or space-separated. */
  scopes?: string[] | string;
  /** The service app's private key: a JWK (object or JSON text) or PEM. Env `OKTA_CLIENT_PRIVATEKEY`. */
  privateKey?: string | JsonWebKey;
  /** The key id sent in the client assertion; defaults to the JWK's `kid`. Env `OKTA_CLIENT_KID`. */
  kid?: string;
  /** Use DPoP-bound access tokens (`PrivateKey` mode). Switched on automatically when Okta demands it. */
  dpop?: boolean;
  /**
   * Seconds after which the DPoP key pair is replaced (`PrivateKey` mode with DPoP); default 86400 (a day),
   * `0` never. Calls go on with the old key and its token until a token bound to the new key has arrived.
   * Env `OKTA_CLIENT_DPOPKEYROTATIONINTERVAL`.
   */
  dpopKeyRotationInterval?: number;
  /** Seconds one attempt may take to get a response. Default 30. Env `OKTA_CLIENT_CONNECTIONTIMEOUT`. */
  connectionTimeout?: number;
  /**
   * Seconds a whole call may take, retries and rate-limit waits included; `0` means no limit (the
   * default); a negative number is a `ConfigError`. Env `OKTA_CLIENT_REQUESTTIMEOUT`.
   */
  requestTimeout?: number;
  /**
   * Bytes a response body may have, at most: a larger one fails the call with an `InvalidResponseError`,
   * without a retry, as soon as its `Content-Length` or the bytes read so far say so (a hostile or broken
   * server cannot fill memory). Okta's largest pages are a few megabytes. `0` means no limit. Default
   * 67108864 (64 MiB). Env `OKTA_CLIENT_MAXRESPONSEBYTES`.
   */
  maxResponseBytes?: number;
  /**
   * Seconds to wait for the next piece of a response body, at most: a body that stalls longer fails the call
   * with a `TimeoutError`, without a retry (`connectionTimeout` stops once the headers have come). A body of at
   * most 1 MiB whose length is declared is read whole, faster, and must then arrive whole within this time.
   * `0` means no limit. Default 30. Env `OKTA_CLIENT_BODYIDLETIMEOUT`.
   */
  bodyIdleTimeout?: number;
  /** Text appended to the `User-Agent` header. Env `OKTA_CLIENT_USERAGENT`. */
  userAgent?: string;
  /**
   * Pages a list requests ahead of the one you are reading: the next page's request goes out as soon as the
   * current page's headers carry its `Link`, so the network overlaps your work on the items. Stopping early
   * aborts it; it counts against the rate limit like any call. `0` turns it off; one iteration can say
   * otherwise with `pages({ prefetch })` or `toArray({ prefetch })`. The System Log's polling (`since` without
   * `until`, and `tailLogs`) never requests ahead. Default 1. Env `OKTA_CLIENT_PREFETCH`.
   */
  prefetch?: number;
  /**
   * An HTTP proxy for every request: on Deno, Bun and Node 24.5 or later (a `ConfigError` elsewhere, which
   * says what to do). Env `OKTA_CLIENT_PROXY_HOST`, `_PORT`, `_USERNAME`, `_PASSWORD`.
   */
  proxy?: ProxyOptions;
  /** Extra certificate authorities (PEM) to trust besides the defaults: on Deno, Bun and Node 24.5 or later. */
  tls?: { ca?: string | string[] };
  /** Rate-limit handling. */
  rateLimit?: {
    /**
     * How many times one call is retried after a 429 (and, for idempotent methods, after a 502/503/504 or a
     * network error). `0` means never retry. Default 2. Env `OKTA_CLIENT_RATELIMIT_MAXRETRIES`.
     */
    maxRetries?: number;
    /**
     * The rate-limit scheduler: calls queue per bucket (Okta's groupings) and are sent only as the bucket's
     * window allows, with at most `maxConcurrent` in flight, so parallel work draws no 429s. `false` sends
     * every call at once and relies on retries alone. Default true. Env `OKTA_CLIENT_RATELIMIT_THROTTLE`.
     */
    throttle?: boolean;
    /**
     * Requests in flight at once, at most. Okta's concurrent-request limit is per org, shared by all its
     * clients: 75 on paid orgs, 35 on the Integrator Free Plan, 15 on older developer orgs; the default stays
     * below the smallest. A 429 for the concurrent-request limit halves it for a while. With a shared `store`
     * that keeps leases (the Deno KV, Redis and Durable Object stores do), it bounds all the store's clients
     * together. Default 10. Env
     * `OKTA_CLIENT_RATELIMIT_MAXCONCURRENT`.
     */
    maxConcurrent?: number;
    /**
     * The fraction of each bucket's limit left unused, for other clients and so that Okta's rate-limit
     * warnings stay quiet; `0` uses the whole budget. Default 0.1. Env `OKTA_CLIENT_RATELIMIT_RESERVE`.
     */
    reserve?: number;
    /**
     * How the scheduler starts on a bucket it knows nothing of yet (a new client, or a window long past):
     * `true` lets a first wave go at once, as many calls as the smallest limit Okta documents for the bucket
     * allows less the reserve (Integrator Free Plan figures: 100 per minute for most buckets, 20 for apps and
     * the System Log), still at most `maxConcurrent`; `false` sends one probe and holds the rest until it
     * answers. Set `false` when Principal Rate Limits cap your token below Okta's documented limits. Default
     * true. Env `OKTA_CLIENT_RATELIMIT_FIRSTWAVE`.
     */
    firstWave?: boolean;
    /**
     * Seconds one rate-limit wait may last (for a bucket's reset, or before a retry after a 429); a longer
     * wait fails at once with a `RateLimitError` saying how long it would have been. Before calls fail for a
     * bucket's recorded reset, one request is let through to ask the server again. Default and most: 120.
     * Env `OKTA_CLIENT_RATELIMIT_MAXWAIT`.
     */
    maxWait?: number;
    /**
     * Told of every rate-limit wait before it starts (`bucket`, `waitMs`, `reason`); return `false` to fail
     * the call at once with a `RateLimitError` instead. For logging long waits, or for callers that would
     * rather give up.
     */
    onRateLimit?: (wait: RateLimitWait) => boolean | void;
    /**
     * Where bucket budgets are kept: give several clients one store to share them. Default: in memory,
     * private to this client. Across processes: `@oktakit/management/rate-limit/deno-kv`, `/redis` or
     * `/durable-object`. A store that fails leaves calls on the client's own budget (told to `onRateLimit`
     * with reason `"store"`).
     */
    store?: RateLimitStore;
    /** The clock the scheduler reads and waits on; the fake org's `org.clock` in tests. Default: the system's. */
    clock?: RateLimitClock;
  };
  /** The response cache, off by default. Only single-resource GETs are cached. */
  cache?: CacheOptions;
  /** Logging, off by default; secrets are always redacted. */
  logging?: LoggingOptions;
  /** Settings for tests only. */
  testing?: {
    /** Allow a non-https `orgUrl` (a local fake org). Env `OKTA_TESTING_DISABLEHTTPSCHECK`. */
    disableHttpsCheck?: boolean;
  };
  /** Headers sent with every request; they cannot replace `Authorization`, `User-Agent` or `Accept`. */
  headers?: Record<string, string>;
  /**
   * Your own authorization, replacing `token` and `PrivateKey` mode: any {@linkcode AuthStrategy}, asked to
   * authorize every attempt (retries included) and told of every 401 so it can refresh and ask for one
   * retry. For tokens kept in a secrets manager, a corporate token service, and the like.
   */
  auth?: AuthStrategy;
  /**
   * The disaster-recovery server (`startOrgFailover`, `getDRStatus`, ...). Default: the org's host with
   * `drapp.` in front (`https://dev-123456.okta.com` → `https://drapp.dev-123456.okta.com`); set it when
   * your org URL is a custom domain. Credentials are sent only to the org URL and this host.
   */
  drappUrl?: string;
  /**
   * Your functions around every attempt of every call (`beforeRequest`, `afterResponse`, `onError`), each
   * told the operation, the retry count and the timing: for logs, metrics and tracing. See {@linkcode Hooks}.
   */
  hooks?: Hooks;
  /** The `fetch` to send requests with: inject the fake org's, a test double, or an instrumented one. */
  fetch?: typeof fetch;
  /**
   * Where configuration is read from besides these options. Default: both YAML files and the environment.
   * `false` reads neither (constructor options only); tests can pass their own environment and files.
   */
  sources?: false | SourceOptions;
}

/** Which configuration sources to read, for tests and runtimes without files. */
export interface SourceOptions {
  /** Environment variables to read instead of the process's; `false` reads none. */
  env?: Record<string, string | undefined> | false;
  /**
   * YAML files, lowest precedence first, instead of `~/.okta/okta.yaml` and `./okta.yaml`; `text` supplies
   * a file's content without reading it. `false` reads none.
   */
  files?: { path: string; text?: string }[] | false;
}

/** An HTTP proxy. */
export interface ProxyOptions {
  /** Proxy host name. */
  host: string;
  /** Proxy port. */
  port: number;
  /** User name for proxy authentication. */
  username?: string;
  /** Password for proxy authentication (never logged). */
  password?: string;
}

/** Cache settings (times in seconds). */
export interface CacheOptions {
  /** Cache single-resource GET responses. Default false. Env `OKTA_CLIENT_CACHE_ENABLED`. */
  enabled?: boolean;
  /** Seconds an entry lives at most. Default 300. Env `OKTA_CLIENT_CACHE_DEFAULTTTL`. */
  defaultTtl?: number;
  /** Seconds an entry lives without being read. Default 300. Env `OKTA_CLIENT_CACHE_DEFAULTTTI`. */
  defaultTti?: number;
  /**
   * Responses the default in-memory store keeps at most; the least recently used goes first. Default 10000.
   * Env `OKTA_CLIENT_CACHE_MAXENTRIES`. (A `store` of yours bounds itself.)
   */
  maxEntries?: number;
  /**
   * Seconds between sweeps of expired entries from the default in-memory store (made as it is used, never by
   * a timer that would keep a process alive). Default 60. Env `OKTA_CLIENT_CACHE_SWEEPINTERVAL`.
   */
  sweepInterval?: number;
  /**
   * Where entries live; default an in-memory store private to the client. A store shared by several clients
   * (Redis, KV) keeps their entries apart by a hash of each one's credential, and carries the versions and
   * aliases through which one client's write evicts what the others cached: keep every key at least
   * `defaultTtl` seconds, or longer, once written.
   */
  store?: CacheStore;
}

/** Logging settings. */
export interface LoggingOptions {
  /** Log at all. Default false. Env `OKTA_CLIENT_LOGGING_ENABLED`. */
  enabled?: boolean;
  /**
   * The lowest level written. Default `INFO`. Env `OKTA_CLIENT_LOGGING_LOGLEVEL`. Also accepted: `WARNING`,
   * `CRITICAL`, and Python's numbers as Python's `logging` names them (10 `DEBUG`, 20 `INFO`, 30 `WARN`,
   * 40 `ERROR`, 50 `ERROR`), so settings shared with Okta's Python SDK work unchanged.
   */
  logLevel?: LogLevel | Lowercase<LogLevel> | 10 | 20 | 30 | 40 | 50;
  /** Where records go. Default `console`. */
  logger?: Logger;
}

/**
 * A copy of `options` as they are now: plain objects and arrays are copied, deeply; functions, stores, class
 * instances and other objects are kept as they are. A client keeps this copy, so changing the object it was
 * built from (a loop over tenants reusing one object) changes nothing for it.
 */
export function copyOptions<T>(options: T): T {
  if (Array.isArray(options)) return options.map(copyOptions) as T;
  if (options === null || typeof options !== "object") return options;
  const prototype = Object.getPrototypeOf(options);
  if (prototype !== Object.prototype && prototype !== null) return options;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) copy[key] = copyOptions(value);
  return copy as T;
}
