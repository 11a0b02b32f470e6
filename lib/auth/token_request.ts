/**
 * One client-credentials token request to `{orgUrl}/oauth2/v1/token`, authenticated with a
 * `private_key_jwt` assertion, including the DPoP nonce dance. It goes straight to the injected `fetch` (not
 * through the client's ky instance: its auth would recurse), through the attempt loop it is handed, so it
 * gets the same policy as any call: a 429, a 502/503/504, a timeout or a network failure is retried (a token
 * request changes nothing on the server, and each attempt has a fresh assertion) up to `maxRetries` times,
 * after the rate-limit reset, `Retry-After` or backoff; a `use_dpop_nonce` demand is mended like a 401.
 * Redirects are never followed: the assertion goes to the org only.
 *
 * @module
 */
import { AuthError } from "../errors.ts";
import { isOktaError } from "../error_guards.ts";
import type { AttemptRunner, Logger } from "../seams.ts";
import { createClientAssertion } from "./client_assertion.ts";
import type { DpopProver } from "./dpop.ts";
import type { SigningKey } from "./key_import.ts";
import type { CachedToken } from "./token_cache.ts";

/** Everything a token request needs. */
export interface TokenRequestConfig {
  /** `{orgUrl}/oauth2/v1/token`. */
  tokenUrl: string;
  /** The service app's client ID. */
  clientId: string;
  /** The scopes to request. */
  scopes: readonly string[];
  /** The header `kid`, if configured. */
  kid?: string;
  /** Loads the signing key (imported once, lazily). */
  signingKey: () => Promise<SigningKey>;
  /** The DPoP prover new tokens are bound to (created lazily, replaced when its key is due for rotation). */
  prover: () => Promise<DpopProver>;
  /** The injected fetch. */
  fetch: typeof fetch;
  /** Milliseconds since the epoch. */
  clock: () => number;
  /** Gives up on one attempt at the token endpoint after this many milliseconds. */
  timeoutMs?: number;
  /** The client's attempt loop: every retry and wait of the token request is its decision. */
  attempts: AttemptRunner;
  /** Where to report what happens (never secrets). */
  logger?: Logger;
}

/** State that outlives one request: whether DPoP is on, and the token endpoint's latest nonce. */
export interface TokenEndpointState {
  /** Send DPoP proofs; switched on when the endpoint demands them. */
  dpop: boolean;
  /** The latest `DPoP-Nonce` from the token endpoint. */
  nonce?: string;
  /** Set once the "DPoP asked for, Bearer issued" warning was given, so it is given once. */
  bearerWarned?: boolean;
}

/**
 * Obtains an access token; every failure is an `AuthError` that names its real cause (refused, rate
 * limited, unavailable, unreachable). `signal` abandons the request and any wait between attempts.
 */
export async function requestToken(
  config: TokenRequestConfig,
  state: TokenEndpointState,
  signal?: AbortSignal,
): Promise<CachedToken> {
  const key = await config.signingKey();
  let sent = 0;
  let now = 0;
  let prover: DpopProver | undefined;
  try {
    return await config.attempts({
      method: "POST",
      url: config.tokenUrl,
      what: `the token request to ${config.tokenUrl}`,
      idempotent: true,
      send: async (url) => {
        now = config.clock();
        sent++;
        // The prover of this attempt: a DPoP token is bound to the key that signed its request's proof.
        prover = state.dpop ? await config.prover() : undefined;
        return await sendAttempt(config, state, key, url, now, prover, signal);
      },
      // Whatever the injected fetch throws without the caller's abort is an attempt without an answer.
      noAnswer: (error) => (error as Error)?.name === "TimeoutError" ? "timeout" : "network",
      async mend(response) {
        if (response.status !== 400) return false;
        const failure = await readFailure(response.clone());
        const nonce = response.headers.get("dpop-nonce")?.trim() || undefined;
        const demanded = failure.error === "use_dpop_nonce" && nonce !== undefined;
        if (!demanded && !(failure.error === "invalid_dpop_proof" && !state.dpop)) return false;
        if (!state.dpop) config.logger?.info("oauth: the token endpoint requires DPoP; switching it on");
        state.dpop = true;
        state.nonce = nonce ?? state.nonce;
        return true;
      },
      async read(response) {
        if (response.ok) return await readToken(response, config, state, now, prover);
        if (response.status >= 300 && response.status < 400 || response.type === "opaqueredirect") {
          await response.body?.cancel();
          const location = response.headers.get("location");
          throw new AuthError(
            `The token endpoint ${config.tokenUrl} answered a redirect (HTTP ${response.status}` +
              `${location ? ` to ${location}` : ""}), which is not followed: the client assertion goes to ` +
              "the org only. Check the org URL (no custom path, the org's own host).",
            { status: response.status },
          );
        }
        if (response.status === 429 || [502, 503, 504].includes(response.status)) {
          await response.body?.cancel();
          throw new AuthError(unavailable(config, response.status, sent), { status: response.status });
        }
        const failure = await readFailure(response);
        throw new AuthError(describe(config, response.status, failure), {
          ...failure,
          status: response.status,
        });
      },
    }, signal);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (isOktaError(error)) throw error;
    const reason = (error as Error)?.name === "TimeoutError" ? "timeout" : "network error";
    throw new AuthError(unanswered(config, { reason, cause: error }, sent), { cause: error });
  }
}

/** Sends one attempt: a fresh assertion (Okta consumes its jti even on a 400) and, with DPoP, a fresh proof. */
async function sendAttempt(
  config: TokenRequestConfig,
  state: TokenEndpointState,
  key: SigningKey,
  url: string,
  now: number,
  prover: DpopProver | undefined,
  signal: AbortSignal | undefined,
): Promise<Response> {
  const assertion = await createClientAssertion(key, {
    clientId: config.clientId,
    tokenUrl: config.tokenUrl,
    kid: config.kid,
    now,
  });
  const headers = new Headers({
    accept: "application/json",
    "content-type": "application/x-www-form-urlencoded",
  });
  if (prover) headers.set("dpop", await prover.proof({ method: "POST", url, nonce: state.nonce, now }));
  const body = new URLSearchParams({
    grant_type: "client_credentials",
    scope: config.scopes.join(" "),
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: assertion,
  });
  config.logger?.debug("oauth: requesting an access token", {
    tokenUrl: config.tokenUrl,
    clientId: config.clientId,
    scopes: [...config.scopes],
    dpop: state.dpop,
    nonce: state.nonce !== undefined,
  });
  const timeout = config.timeoutMs === undefined ? undefined : AbortSignal.timeout(config.timeoutMs);
  const signals = [signal, timeout].filter((s): s is AbortSignal => s !== undefined);
  return await config.fetch(url, {
    method: "POST",
    headers,
    body,
    signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
    redirect: "manual",
  });
}

/** Why an attempt got no answer. */
interface Unanswered {
  reason: "timeout" | "network error";
  cause: unknown;
}

function tries(attempts: number): string {
  return `${attempts} attempt${attempts === 1 ? "" : "s"}`;
}

function unanswered(config: TokenRequestConfig, failure: Unanswered, attempts: number): string {
  const why = failure.reason === "timeout"
    ? `timed out after ${config.timeoutMs} ms (connectionTimeout, per attempt; ${tries(attempts)} made)`
    : `failed without an answer (network error: ${(failure.cause as Error)?.message ?? "no details"}; ${
      tries(attempts)
    } made)`;
  return `The token request to ${config.tokenUrl} ${why}. ` +
    "The network or the org is unreachable from here; the credentials were not checked.";
}

function unavailable(config: TokenRequestConfig, status: number, attempts: number): string {
  const why = status === 429
    ? "rate-limited the token request (HTTP 429): too many token requests for this client or org. " +
      "Wait for the limit to reset or obtain tokens less often"
    : `is unavailable (HTTP ${status}): try again later`;
  return `The token endpoint ${config.tokenUrl} ${why} (${
    tries(attempts)
  } made). The credentials were not checked.`;
}

async function readToken(
  response: Response,
  config: TokenRequestConfig,
  state: TokenEndpointState,
  now: number,
  prover: DpopProver | undefined,
): Promise<CachedToken> {
  let data: Record<string, unknown>;
  try {
    data = await response.json();
  } catch {
    throw new AuthError(
      `The token endpoint ${config.tokenUrl} answered ${response.status} with a body that is not JSON.`,
      {
        status: response.status,
      },
    );
  }
  const accessToken = data?.access_token;
  if (typeof accessToken !== "string" || accessToken === "") {
    throw new AuthError(`The token endpoint ${config.tokenUrl} answered without an access_token.`, {
      status: response.status,
    });
  }
  const type = String(data.token_type ?? "Bearer").toLowerCase();
  if (type !== "bearer" && type !== "dpop") {
    throw new AuthError(
      `The token endpoint answered token_type "${String(data.token_type)}"; expected Bearer or DPoP.`,
      {
        status: response.status,
      },
    );
  }
  if (type === "dpop" && !state.dpop) {
    throw new AuthError("The token endpoint issued a DPoP-bound token to a request without a DPoP proof.", {
      status: response.status,
    });
  }
  if (type === "bearer" && state.dpop && !state.bearerWarned) {
    state.bearerWarned = true;
    config.logger?.warn(
      "oauth: DPoP was asked for, but the token endpoint issued a plain Bearer token: calls go out without " +
        "DPoP proofs. Require DPoP on the service app (Admin Console: General > Require Demonstrating Proof " +
        "of Possession) or drop the dpop option.",
    );
  }
  // Okta issues one-hour tokens; when expires_in is absent assume a short life rather than forever.
  const expiresIn = Number(data.expires_in);
  const lifetime = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 300;
  const scope = typeof data.scope === "string" ? data.scope : undefined;
  const tokenType = type === "dpop" ? "DPoP" : "Bearer";
  config.logger?.info("oauth: obtained an access token", { tokenType, expiresIn: lifetime, scope });
  const token: CachedToken = {
    accessToken,
    tokenType,
    obtainedAt: now,
    expiresAt: now + lifetime * 1000,
    scope,
  };
  // A DPoP token is bound to the key that signed its request's proof: its calls must be proven with that key.
  if (tokenType === "DPoP" && prover) token.prover = prover;
  return token;
}

interface Failure {
  error?: string;
  errorDescription?: string;
}

async function readFailure(response: Response): Promise<Failure> {
  try {
    const data = await response.json() as Record<string, unknown>;
    return {
      error: typeof data?.error === "string" ? data.error : undefined,
      errorDescription: typeof data?.error_description === "string" ? data.error_description : undefined,
    };
  } catch {
    return {};
  }
}

const ADVICE: Record<string, string> = {
  invalid_client:
    "Check clientId, and that the private key (and kid) match a public key registered on the service app.",
  invalid_scope: "Grant these scopes to the service app (Okta API Scopes tab) or request fewer.",
  unauthorized_client: "Allow the Client Credentials grant for the service app.",
  invalid_dpop_proof: "The app requires DPoP and refused the proof; check the clock of this machine.",
  use_dpop_nonce: "The token endpoint kept asking for a new DPoP nonce.",
  invalid_dpop_key_binding:
    "The token is bound to another DPoP key than the one that signed this proof: get a new token (the " +
    "client does so on its next call); if it persists, something else is sending this client's tokens.",
};

function describe(config: TokenRequestConfig, status: number, failure: Failure): string {
  if (status >= 500 && !failure.error) {
    return `The token endpoint ${config.tokenUrl} failed on the server's side (HTTP ${status}). ` +
      "The credentials were not checked; try again later.";
  }
  const what = failure.error
    ? `${failure.error}${failure.errorDescription ? `: ${failure.errorDescription}` : ""}`
    : "no OAuth error in the body";
  const advice = ADVICE[failure.error ?? ""] ?? "Check the org URL, clientId, scopes and key.";
  return `The token endpoint ${config.tokenUrl} refused the client-credentials request for client ` +
    `${config.clientId} (HTTP ${status}, ${what}). ${advice}`;
}
