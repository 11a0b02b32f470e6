/**
 * OAuth 2.0 for service apps: client credentials with a `private_key_jwt` assertion, tokens cached
 * and refreshed ahead of expiry with one request in flight, and DPoP when the app requires it.
 *
 * @module
 */
import { decodeJwt } from "jose";
import { keyError, setCredentialHeader } from "./_errors.ts";
import { ConfigError } from "../errors.ts";
import { DpopProver, readNonceDemand } from "./dpop.ts";
import { importPrivateKey, type SigningKey } from "./key_import.ts";
import type { AttemptRunner, AuthStrategy, AuthVerdict, Logger } from "../seams.ts";
import { TokenCache } from "./token_cache.ts";
import { requestToken, type TokenEndpointState } from "./token_request.ts";

/** A replacement token refused within this time is not replaced again (see `onResponse`). */
const REPLACEMENT_GRACE_MS = 30_000;

/** How often the DPoP key pair is replaced by default, in seconds: once a day, as Okta's Python SDK does. */
export const DPOP_KEY_ROTATION_SECONDS = 86_400;

/** Options of {@linkcode privateKeyAuth}. */
export interface PrivateKeyAuthOptions {
  /** The org URL, such as `https://example.okta.com` (no `-admin`, no path). */
  orgUrl: string;
  /** The service app's client ID. */
  clientId: string;
  /** The OAuth scopes to request, such as `["okta.users.read"]`; granted to the app in the Admin Console. */
  scopes: readonly string[];
  /**
   * The app's private key: a JWK (object or JSON string), or PEM in PKCS#8 (`BEGIN PRIVATE KEY`),
   * PKCS#1 (`BEGIN RSA PRIVATE KEY`) or SEC1 (`BEGIN EC PRIVATE KEY`, P-256) form.
   */
  privateKey: string | JsonWebKey;
  /** The key ID registered with the public key; defaults to the JWK's own `kid`. */
  kid?: string;
  /** Send DPoP proofs from the start. Without it DPoP is still switched on if the token endpoint asks. */
  dpop?: boolean;
  /**
   * Seconds after which the DPoP key pair is replaced by a new one; default 86400 (a day), `0` never. The
   * token bound to the old key stays in use, with that key, until a token bound to the new key has arrived,
   * so no call fails during the switch.
   */
  dpopKeyRotationInterval?: number;
  /** The fetch used for token requests. */
  fetch: typeof fetch;
  /** Where to report token requests (never secrets). */
  logger?: Logger;
  /** The current time in milliseconds since the epoch; default `Date.now`. */
  clock?: () => number;
  /** Gives up on one attempt at the token endpoint after this many milliseconds; default none. */
  tokenTimeoutMs?: number;
  /**
   * Retries of a token request after a 429, 5xx, timeout or network failure; default 2. Used by the attempt
   * loop `privateKeyAuth` builds when `attempts` is not given.
   */
  maxRetries?: number;
  /**
   * The attempt loop token requests go through: the client hands its own, so the token endpoint gets the
   * same retry policy as every call. Required here; `privateKeyAuth` from `@oktakit/management/auth`
   * builds one from `maxRetries`.
   */
  attempts?: AttemptRunner;
  /** Where the key came from (`./okta.yaml`, `environment (OKTA_CLIENT_PRIVATEKEY)`), named in key errors. */
  keySource?: string;
}

/**
 * Creates the `PrivateKey` authentication strategy.
 *
 * @example
 * ```ts ignore
 * import { privateKeyAuth } from "./private_key.ts";
 * const auth = privateKeyAuth({
 *   orgUrl: "https://example.okta.com",
 *   clientId: "0oa1abcdefghijklmnop",
 *   scopes: ["okta.users.read"],
 *   privateKey: Deno.env.get("OKTA_CLIENT_PRIVATEKEY")!,
 *   fetch,
 * });
 * const request = new Request("https://example.okta.com/api/v1/users?limit=1");
 * await auth.authorize(request);
 * const response = await fetch(request);
 * ```
 */
export function privateKeyAuth(options: PrivateKeyAuthOptions): PrivateKeyAuth {
  return new PrivateKeyAuth(options);
}

/**
 * The strategy {@linkcode privateKeyAuth} returns. Keys, assertions, tokens and proofs live in private
 * fields; `JSON.stringify` and inspection show a redacted summary.
 */
export class PrivateKeyAuth implements AuthStrategy {
  /** Always `"PrivateKey"`. */
  readonly kind = "PrivateKey";
  #clientId: string;
  #scopes: readonly string[];
  #kid: string | undefined;
  #privateKey: string | JsonWebKey;
  #signingKey: Promise<SigningKey> | undefined;
  #keySource: string | undefined;
  #prover: Promise<DpopProver> | undefined;
  #proverBorn = 0;
  #rotationMs: number;
  #state: TokenEndpointState;
  #resourceNonce: string | undefined;
  /** When a 401 last made us drop a token: tokens obtained after it are replacements. */
  #refusedAt: number | undefined;
  #cache: TokenCache;
  #clock: () => number;
  #logger: Logger | undefined;

  /** Checks the options; a missing field throws a `ConfigError` at once, an unreadable key on first use. */
  constructor(options: PrivateKeyAuthOptions) {
    const orgUrl = checkOrgUrl(options.orgUrl);
    if (typeof options.clientId !== "string" || options.clientId.trim() === "") {
      throw keyError("clientId is required for PrivateKey authorization.", "okta.client.clientId");
    }
    if (!Array.isArray(options.scopes) || options.scopes.length === 0) {
      throw keyError(
        "scopes must list at least one OAuth scope, such as okta.users.read.",
        "okta.client.scopes",
      );
    }
    if (options.privateKey === undefined || options.privateKey === null || options.privateKey === "") {
      throw keyError("privateKey is required for PrivateKey authorization.");
    }
    if (typeof options.fetch !== "function") throw keyError("a fetch function is required.", "fetch");
    if (typeof options.attempts !== "function") throw keyError("an attempt loop is required.", "attempts");
    this.#clientId = options.clientId;
    this.#scopes = [...options.scopes];
    this.#kid = options.kid;
    this.#privateKey = options.privateKey;
    this.#state = { dpop: options.dpop === true };
    this.#clock = options.clock ?? Date.now;
    this.#logger = options.logger;
    this.#keySource = options.keySource;
    const rotation = options.dpopKeyRotationInterval ?? DPOP_KEY_ROTATION_SECONDS;
    if (typeof rotation !== "number" || !(rotation >= 0)) {
      throw keyError(
        "dpopKeyRotationInterval must be 0 (never) or more seconds.",
        "okta.client.dpopKeyRotationInterval",
      );
    }
    this.#rotationMs = rotation * 1000;
    const config = {
      tokenUrl: `${orgUrl}/oauth2/v1/token`,
      clientId: this.#clientId,
      scopes: this.#scopes,
      kid: this.#kid,
      signingKey: () => this.#key(this.#keySource),
      prover: () => this.#currentProver(),
      fetch: options.fetch,
      clock: this.#clock,
      timeoutMs: options.tokenTimeoutMs,
      attempts: options.attempts,
      logger: options.logger,
    };
    this.#cache = new TokenCache(
      (signal) => requestToken(config, this.#state, signal),
      this.#clock,
      (error) =>
        this.#logger?.warn(
          "oauth: refreshing the access token ahead of expiry failed; the current one stays in use",
          {
            error: (error as Error)?.message,
          },
        ),
    );
  }

  /** Reads the private key now, so an unreadable key is a `ConfigError` before any request is sent. */
  async prepare(): Promise<void> {
    await this.#key(this.#keySource);
  }

  /** The key pair new tokens are bound to: a new one once the current one is due for rotation. */
  #currentProver(): Promise<DpopProver> {
    const now = this.#clock();
    if (this.#prover === undefined || this.#due(this.#proverBorn, now)) {
      this.#proverBorn = now;
      this.#prover = DpopProver.create(now);
    }
    return this.#prover;
  }

  #due(born: number, now: number): boolean {
    return this.#rotationMs > 0 && now - born >= this.#rotationMs;
  }

  #key(source: string | undefined): Promise<SigningKey> {
    return this.#signingKey ??= importPrivateKey(this.#privateKey).catch((error) => {
      throw withSource(error, source);
    });
  }

  /**
   * Sets `Authorization: Bearer <token>`, or `Authorization: DPoP <token>` with a fresh `DPoP` proof
   * (new `jti`, `ath`, latest nonce). Fetches a token first when none is fresh.
   */
  async authorize(request: Request, signal?: AbortSignal): Promise<void> {
    const token = await this.#cache.get(signal);
    if (token.tokenType === "DPoP") {
      // The token is bound to the key that obtained it: prove with that key, even after a rotation, until a
      // token bound to the new key replaces it (fetched in the background, so no call waits or fails).
      const prover = token.prover ?? await this.#currentProver();
      if (this.#due(prover.createdAt, this.#clock())) this.#cache.refreshAhead();
      const proof = await prover.proof({
        method: request.method,
        url: request.url,
        accessToken: token.accessToken,
        nonce: this.#resourceNonce,
        now: this.#clock(),
      });
      setCredentialHeader(request.headers, "authorization", `DPoP ${token.accessToken}`, "access token");
      request.headers.set("dpop", proof);
    } else {
      setCredentialHeader(request.headers, "authorization", `Bearer ${token.accessToken}`, "access token");
      request.headers.delete("dpop");
    }
  }

  /**
   * On a 401 or a 400: a `use_dpop_nonce` demand (Okta sends it with either) stores the nonce and retries
   * (unless that nonce was already sent). Any other 401 drops the token the request carried and retries with a new one, once: a token
   * obtained to replace a refused one that is itself refused moments later is not replaced again
   * (the cause is elsewhere: scopes, the app, the clock). This needs no attempt counter, so 429 or
   * network retries in between do not matter; the HTTP layer's cap of two auth retries still applies.
   */
  async onResponse(request: Request, response: Response, _attempt?: number): Promise<AuthVerdict> {
    if (response.status !== 401 && response.status !== 400) return "accept";
    const nonce = await readNonceDemand(response);
    if (nonce !== undefined) {
      const sent = sentNonce(request);
      this.#resourceNonce = nonce;
      this.#logger?.debug("oauth: the resource server sent a DPoP nonce", { retry: sent !== nonce });
      return sent === nonce ? "accept" : "retry";
    }
    if (response.status !== 401) return "accept";
    const used = /^(?:Bearer|DPoP)\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
    const cached = this.#cache.peek();
    const now = this.#clock();
    if (
      cached !== undefined && cached.accessToken === used && this.#refusedAt !== undefined &&
      cached.obtainedAt >= this.#refusedAt && now - cached.obtainedAt < REPLACEMENT_GRACE_MS
    ) {
      this.#logger?.warn("oauth: a newly obtained access token was refused (401); not retrying");
      return "accept";
    }
    if (used !== undefined && cached?.accessToken === used) {
      this.#cache.invalidate(used);
      this.#refusedAt = now;
    }
    this.#logger?.debug("oauth: access token refused (401); retrying with a new one");
    return "retry";
  }

  /** Drops the cached token; the next request obtains a new one (after rotating the app's keys, say). */
  reset(): void {
    this.#cache.invalidate();
  }

  /** A redacted summary (no key, token, assertion or proof). */
  toJSON(): {
    kind: string;
    clientId: string;
    scopes: string[];
    kid?: string;
    dpop: boolean;
    privateKey: string;
  } {
    return {
      kind: this.kind,
      clientId: this.#clientId,
      scopes: [...this.#scopes],
      ...(this.#kid === undefined ? {} : { kid: this.#kid }),
      dpop: this.#state.dpop,
      privateKey: "[REDACTED]",
    };
  }

  /** Node's `util.inspect` shows the redacted summary. */
  [Symbol.for("nodejs.util.inspect.custom")](): unknown {
    return this.toJSON();
  }

  /** Deno's `Deno.inspect` and `console.log` show the redacted summary. */
  [Symbol.for("Deno.customInspect")](): string {
    return `PrivateKeyAuth ${JSON.stringify(this.toJSON())}`;
  }
}

function checkOrgUrl(orgUrl: string): string {
  let url: URL;
  try {
    url = new URL(orgUrl);
  } catch {
    throw keyError("orgUrl must be an absolute URL such as https://example.okta.com.", "okta.client.orgUrl");
  }
  return url.origin;
}

function sentNonce(request: Request): string | undefined {
  const proof = request.headers.get("dpop");
  if (!proof) return undefined;
  try {
    const nonce = decodeJwt(proof).nonce;
    return typeof nonce === "string" ? nonce : undefined;
  } catch {
    return undefined;
  }
}

/** A key error that names where the key came from, when that is known. */
function withSource(error: unknown, source: string | undefined): unknown {
  if (!(error instanceof ConfigError) || source === undefined) return error;
  return new ConfigError(error.problems.map((problem) => ({ ...problem, source })));
}
