/**
 * What a client builds once its configuration is resolved: the validated configuration, the auth
 * strategy, the ky instance, the logger, the cache and the rate-limit scheduler.
 *
 * @module
 */
import type { KyInstances } from "./http/ky_instance.ts";
import type { AuthStrategy } from "./auth/strategy.ts";
import { StaticTokenAuth } from "./auth/api_token.ts";
import { resolveConfig, type ResolvedConfig } from "./config/load.ts";
import type { OktaClientOptions } from "./config/options.ts";
import { memoryStore, ResponseCache } from "./http/cache.ts";
import type { RateLimitScheduler, WaitPolicy } from "./http/scheduler.ts";
import { userAgent } from "./http/headers.ts";
import { runtimeFetch } from "./http/runtime_fetch.ts";
import { type ServerUrls, serverUrls } from "./http/servers.ts";
import { withHooks } from "./hooks.ts";
import { leveledLogger, type Logger, silentLogger } from "./log.ts";

/** Everything a call needs once the configuration is resolved. */
export interface ClientCore {
  /** The validated configuration. */
  config: ResolvedConfig;
  /** The ky instances all calls go through, and the retry policy the send loop shares with them. */
  http: KyInstances;
  /** The authentication strategy. */
  auth: AuthStrategy;
  /** The logger (silent when logging is off). */
  logger: Logger;
  /** The response cache, when enabled. */
  cache?: ResponseCache;
  /** Retries allowed per kind. */
  maxRetries: number;
  /** Schedules every attempt within Okta's rate limits, when `rateLimit.throttle` is on. */
  scheduler?: RateLimitScheduler;
  /** `requestTimeout` in milliseconds, or `undefined` for none. */
  requestTimeoutMs: number | undefined;
  /**
   * The headers a call sends unless it says otherwise, computed once: `user-agent` (with the configured
   * `userAgent`) and `accept: application/json`. They are on the ky instances' headers.
   */
  defaultHeaders: Readonly<Record<string, string>>;
  /** Whether logging is on at all. */
  logging: boolean;
  /** Whether DEBUG records are written (request and response details). */
  verbose: boolean;
  /** Base URLs of the servers some operations use instead of the org URL, by name. */
  servers: ServerUrls;
  /** Origins an absolute URL may point at besides the org's: the servers'. */
  trustedOrigins: readonly string[];
  /** Whether hooks see the attempts (calls then pass their state to the hooked fetch). */
  hooked: boolean;
}

/** Resolves the configuration and builds everything calls need. */
export async function buildCore(options: OktaClientOptions): Promise<ClientCore> {
  const config = await resolveConfig(options);
  const { client } = config;
  const logging = client.logging;
  const logger = logging.enabled
    ? leveledLogger(options.logging?.logger ?? console, logging.logLevel)
    : silentLogger;
  const servers = serverUrls(client.orgUrl, options, config.testing.disableHttpsCheck);
  const ca = options.tls?.ca === undefined ? undefined : [options.tls.ca].flat();
  const proxySource = client.proxy?.host ? config.sources["client.proxy.host"] : "constructor (tls.ca)";
  const send = await runtimeFetch(options.fetch, client.proxy, ca, proxySource);
  // Seconds in the configuration, milliseconds below; 0 or less means no limit.
  const connectionTimeoutMs = client.connectionTimeout > 0 ? client.connectionTimeout * 1000 : undefined;
  const requestTimeoutMs = client.requestTimeout > 0 ? client.requestTimeout * 1000 : undefined;
  const defaultHeaders = { "user-agent": userAgent(client.userAgent), accept: "application/json" };
  let auth: AuthStrategy;
  if (options.auth) {
    auth = options.auth;
  } else if (client.authorizationMode === "PrivateKey") {
    // `#private-key` is the strategy itself on Deno, Bun and Node, and the one `@oktakit/management/auth`
    // registers in Worker and browser bundles (package.json `imports` conditions).
    const { privateKeyAuth } = await import("#private-key");
    const strategy = privateKeyAuth({
      keySource: config.sources["client.privateKey"],
      tokenTimeoutMs: connectionTimeoutMs,
      maxRetries: client.rateLimit.maxRetries,
      orgUrl: client.orgUrl,
      clientId: client.clientId!,
      scopes: client.scopes,
      privateKey: client.privateKey as string | JsonWebKey,
      kid: client.kid,
      dpop: client.dpop,
      fetch: send,
      logger,
    });
    await strategy.prepare(); // an unreadable key fails ready() and the first call, before any request
    auth = strategy;
  } else {
    auth = new StaticTokenAuth(client.authorizationMode, client.token!);
  }
  const { rateLimit } = client;
  const maxRetries = rateLimit.maxRetries;
  const waitPolicy: WaitPolicy = {
    maxWaitMs: rateLimit.maxWait === undefined ? undefined : rateLimit.maxWait * 1000,
    onRateLimit: options.rateLimit?.onRateLimit,
  };
  // ky and the scheduler load with the first call, not with the module: importing the client stays cheap.
  const [{ createKyInstances }, { RateLimitScheduler }] = await Promise.all([
    import("./http/ky_instance.ts"),
    import("./http/scheduler.ts"),
  ]);
  const scheduler = rateLimit.throttle
    ? new RateLimitScheduler({
      ...waitPolicy,
      maxConcurrent: rateLimit.maxConcurrent,
      reserve: rateLimit.reserve,
      store: options.rateLimit?.store,
      clock: options.rateLimit?.clock,
      logger,
    })
    : undefined;
  const hooked = options.hooks !== undefined && Object.values(options.hooks).some((h) => h !== undefined);
  const http = createKyInstances({
    fetch: hooked ? withHooks(send, options.hooks!) : send,
    auth,
    staticHeaders: auth instanceof StaticTokenAuth ? auth.staticHeaders() : undefined,
    defaultHeaders,
    maxRetries,
    timeout: connectionTimeoutMs ?? false,
    totalTimeout: requestTimeoutMs ?? false,
    logger,
    scheduler,
    waitPolicy,
  });
  const cache = client.cache.enabled
    ? new ResponseCache(
      options.cache?.store ?? memoryStore(),
      client.cache.defaultTtl,
      client.cache.defaultTti,
    )
    : undefined;
  return {
    config,
    http,
    auth,
    logger,
    cache,
    maxRetries,
    scheduler,
    requestTimeoutMs,
    defaultHeaders,
    logging: logging.enabled,
    verbose: logging.enabled && logging.logLevel === "DEBUG",
    servers,
    trustedOrigins: Object.values(servers).map((url) => new URL(url).origin),
    hooked,
  };
}
