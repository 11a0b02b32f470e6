/**
 * What a client binds once its configuration is resolved: the auth strategy, the fetch, the rate-limit
 * scheduler, the cache, the attempt loop and the ONE ky instance. Everything is read from the resolved
 * configuration; nothing here looks at the constructor's options.
 *
 * @module
 */
import { StaticTokenAuth } from "./auth/api_token.ts";
import type { ResolvedConfig } from "./config/load.ts";
import { attemptRunner, type LoopOptions } from "./http/attempts.ts";
import { memoryStore, ResponseCache } from "./http/cache.ts";
import { userAgent } from "./http/headers.ts";
import type { WaitPolicy } from "./http/rate_limit/wait_policy.ts";
import { MAX_WAIT_MS } from "./http/retry.ts";
import type { HttpCore } from "./http/request.ts";
import { runtimeFetch } from "./http/runtime_fetch.ts";
import { serverUrls } from "./http/servers.ts";
import { leveledLogger, silentLogger } from "./log.ts";
import type { AuthStrategy } from "./seams.ts";

/** Everything a call needs once the configuration is resolved. */
export interface Bound extends HttpCore {
  /** The validated configuration. */
  readonly config: ResolvedConfig;
  /** `requestTimeout` in milliseconds, or `undefined` for none. */
  readonly requestTimeoutMs: number | undefined;
  /** Pages a list requests ahead of its consumer (`prefetch`). */
  readonly prefetch: number;
}

/**
 * Loads what calls send with (ky and the scheduler), once: the client starts it together with reading its
 * configuration, so that a script's first call does not wait for one and then the other.
 */
export function loadSending(): Promise<
  [typeof import("./http/ky.ts"), typeof import("./http/rate_limit/scheduler.ts")]
> {
  return Promise.all([import("./http/ky.ts"), import("./http/rate_limit/scheduler.ts")]);
}

/** Binds a resolved configuration into what calls need. */
export async function bind(config: ResolvedConfig): Promise<Bound> {
  const { client, handed } = config;
  const { logging, rateLimit } = client;
  const logger = logging.enabled ? leveledLogger(handed.logger ?? console, logging.logLevel) : silentLogger;
  const servers = serverUrls(client.orgUrl, { drappUrl: handed.drappUrl }, config.testing.disableHttpsCheck);
  const proxySource = client.proxy?.host ? config.sources["client.proxy.host"] : "constructor (tls.ca)";
  const send = await runtimeFetch(handed.fetch, client.proxy, handed.ca, proxySource);
  // Seconds in the configuration, milliseconds below; 0 or less means no limit.
  const connectionTimeoutMs = client.connectionTimeout > 0 ? client.connectionTimeout * 1000 : undefined;
  const requestTimeoutMs = client.requestTimeout > 0 ? client.requestTimeout * 1000 : undefined;
  const bodyLimits = {
    maxBytes: client.maxResponseBytes > 0 ? client.maxResponseBytes : undefined,
    idleMs: client.bodyIdleTimeout > 0 ? client.bodyIdleTimeout * 1000 : undefined,
  };
  const defaultHeaders = { "user-agent": userAgent(client.userAgent), accept: "application/json" };
  const waitPolicy: WaitPolicy = {
    // Two minutes unless set lower, for a bucket's reset as for a 429's: one header promising a reset a day
    // ahead must not hold every call for a day.
    maxWaitMs: Math.min(
      rateLimit.maxWait === undefined ? MAX_WAIT_MS : rateLimit.maxWait * 1000,
      MAX_WAIT_MS,
    ),
    onRateLimit: handed.onRateLimit,
  };
  const maxRetries = rateLimit.maxRetries;
  let auth: AuthStrategy;
  if (handed.auth) {
    auth = handed.auth;
  } else if (client.authorizationMode === "PrivateKey") {
    // `#private-key` is the strategy itself on Deno, Bun and Node, and the one `@oktakit/management/auth`
    // registers in Worker and browser bundles (package.json `imports` conditions).
    const { privateKeyAuth } = await import("#private-key");
    const strategy = privateKeyAuth({
      keySource: config.sources["client.privateKey"],
      tokenTimeoutMs: connectionTimeoutMs,
      // The token endpoint goes through the same loop and policy as every call (no scheduler: its bucket
      // is not the API's).
      attempts: attemptRunner({ maxRetries, logger, waitPolicy }, bodyLimits),
      orgUrl: client.orgUrl,
      clientId: client.clientId!,
      scopes: client.scopes,
      privateKey: client.privateKey as string | JsonWebKey,
      kid: client.kid,
      dpop: client.dpop,
      dpopKeyRotationInterval: client.dpopKeyRotationInterval,
      fetch: send,
      logger,
    });
    await strategy.prepare(); // an unreadable key fails ready() and the first call, before any request
    auth = strategy;
  } else {
    auth = new StaticTokenAuth(client.authorizationMode, client.token!);
  }
  // ky and the scheduler load with the first call, not with the module: importing the client stays cheap.
  const [{ createSender }, { RateLimitScheduler }] = await loadSending();
  const loop: LoopOptions = {
    maxRetries,
    logger,
    waitPolicy,
    scheduler: rateLimit.throttle
      ? new RateLimitScheduler({
        ...waitPolicy,
        maxConcurrent: rateLimit.maxConcurrent,
        reserve: rateLimit.reserve,
        firstWave: rateLimit.firstWave,
        store: handed.rateLimitStore,
        clock: handed.clock,
        logger,
      })
      : undefined,
  };
  const sender = createSender({
    fetch: send,
    auth,
    staticHeaders: auth instanceof StaticTokenAuth ? auth.staticHeaders() : undefined,
    defaultHeaders,
    timeout: connectionTimeoutMs ?? false,
    hooks: handed.hooks,
  });
  const { cache: caching } = client;
  const cache = caching.enabled
    ? new ResponseCache({
      store: handed.cacheStore ?? memoryStore({
        maxEntries: caching.maxEntries,
        sweepIntervalMs: caching.sweepInterval * 1000,
        ttlMs: caching.defaultTtl * 1000,
        ttiMs: caching.defaultTti * 1000,
      }),
      credential: await credentialKey(config, handed.auth !== undefined),
      ttlSeconds: caching.defaultTtl,
      ttiSeconds: caching.defaultTti,
    })
    : undefined;
  return {
    config,
    orgUrl: client.orgUrl,
    servers,
    trustedOrigins: Object.values(servers).map((url) => new URL(url).origin),
    sender,
    loop,
    auth,
    cache,
    logger,
    logging: logging.enabled,
    verbose: logging.enabled && logging.logLevel === "DEBUG",
    defaultHeaders,
    bodyLimits,
    requestTimeoutMs,
    prefetch: client.prefetch,
  };
}

/**
 * A hash of the client's credential, keying its cache entries: a store shared by clients with different
 * credentials never serves one client what another was allowed to read. The API token for SSWS and Bearer,
 * the service app (client id, key id, scopes) for PrivateKey, whose access tokens change every hour; a custom
 * `auth` has no credential to tell, so its client shares entries with nobody.
 */
async function credentialKey(config: ResolvedConfig, customAuth: boolean): Promise<string> {
  const { client } = config;
  const identity = customAuth
    ? `custom:${crypto.randomUUID()}`
    : client.authorizationMode === "PrivateKey"
    ? `PrivateKey:${client.orgUrl}:${client.clientId}:${client.kid ?? ""}:${client.scopes.join(" ")}`
    : `${client.authorizationMode}:${client.token}`;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`oktakit-cache:${identity}`));
  // 128 bits are plenty to tell credentials apart, and reveal nothing of them.
  return [...new Uint8Array(digest, 0, 16)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
