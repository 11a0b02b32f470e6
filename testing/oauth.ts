/**
 * A fake of Okta's org authorization server for service apps: a token endpoint that really verifies
 * `private_key_jwt` client assertions and DPoP proofs, and the matching check of access tokens on
 * resource requests. The fake org routes `POST /oauth2/v1/token` to
 * {@linkcode OAuthServer.handleToken} and checks `Bearer`/`DPoP` credentials with
 * {@linkcode OAuthServer.verifyAccess}; tests can use it alone as an injected `fetch`.
 *
 * @example
 * ```ts
 * import { createOAuthServer } from "./oauth.ts";
 * const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
 * const publicJwk = await crypto.subtle.exportKey("jwk", (pair as CryptoKeyPair).publicKey);
 * const server = createOAuthServer({
 *   issuer: "https://example.okta.com",
 *   clients: [{ clientId: "0oa1", publicJwk, scopes: ["okta.users.read"], requireDpop: true }],
 *   requireNonce: true,
 * });
 * const fetch = (input: RequestInfo | URL, init?: RequestInit) => server.handleToken(new Request(input, init));
 * ```
 *
 * @module
 */
import { type OAuthClientRegistration, verifyClientAssertion } from "./_oauth_assertion.ts";
import { type NonceSource, verifyProof } from "./_oauth_dpop.ts";
import { ReplayGuard } from "./_oauth_replay.ts";
import { invalidTokenResponse, OAuthRefusal, randomId, tokenErrorResponse } from "./_oauth_responses.ts";

export type { OAuthClientRegistration } from "./_oauth_assertion.ts";

/** Options of {@linkcode createOAuthServer}. */
export interface OAuthServerOptions {
  /** The org URL, such as `https://example.okta.com`; assertions must name `{issuer}/oauth2/v1/token`. */
  issuer: string;
  /** The service apps that may ask for tokens. */
  clients: readonly OAuthClientRegistration[];
  /** Token requests with a DPoP proof must carry the current nonce (Okta's behaviour). Default false. */
  requireNonce?: boolean;
  /** Resource requests with a DPoP token must carry the current nonce too. Default false. */
  requireResourceNonce?: boolean;
  /** Lifetime of issued tokens in seconds. Default 3600, as Okta's. */
  tokenTtlSeconds?: number;
  /** The current time in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
}

/** The outcome of {@linkcode OAuthServer.verifyAccess}. */
export type AccessCheck =
  | { ok: true; clientId: string; scopes: string[]; tokenType: "Bearer" | "DPoP" }
  | { ok: false; response: Response };

/** The fake authorization server. */
export interface OAuthServer {
  /** Answers `POST {issuer}/oauth2/v1/token` (client credentials, `private_key_jwt`, optional DPoP). */
  handleToken(request: Request): Promise<Response>;
  /** Checks a resource request's `Authorization: Bearer|DPoP <token>` (and `DPoP` proof). */
  verifyAccess(request: Request): Promise<AccessCheck>;
  /** How many tokens were issued so far. */
  issuedTokens(): number;
  /** How many token requests arrived so far, refused ones included. */
  tokenRequests(): number;
  /** Invalidates every issued token (as if revoked): the next use answers 401. */
  revokeAll(): void;
  /** Replaces the current DPoP nonce, making the old one stale. */
  rotateNonce(): void;
}

interface IssuedToken {
  clientId: string;
  scopes: string[];
  expiresAt: number;
  jkt?: string;
}

const FORM = "application/x-www-form-urlencoded";
const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** Creates a fake authorization server; see the module example. */
export function createOAuthServer(options: OAuthServerOptions): OAuthServer {
  const issuer = new URL(options.issuer).origin;
  const tokenUrl = `${issuer}/oauth2/v1/token`;
  const now = options.now ?? Date.now;
  const ttl = options.tokenTtlSeconds ?? 3600;
  const clients = new Map(options.clients.map((client) => [client.clientId, client]));
  const tokens = new Map<string, IssuedToken>();
  const replay = new ReplayGuard();
  let nonce = randomId(22);
  const nonces: NonceSource = { current: () => nonce, valid: (value) => value === nonce };
  let issued = 0;
  let requests = 0;

  async function issue(request: Request): Promise<Response> {
    if (request.method !== "POST") {
      throw new OAuthRefusal(400, "invalid_request", "The token endpoint accepts POST only.");
    }
    if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith(FORM)) {
      throw new OAuthRefusal(400, "invalid_request", `The request body must be ${FORM}.`);
    }
    // Decoded by hand: workerd warns when text() reads a body whose type is not text/*.
    const form = new URLSearchParams(new TextDecoder().decode(await request.arrayBuffer()));
    if (form.get("grant_type") !== "client_credentials") {
      throw new OAuthRefusal(400, "unsupported_grant_type", "Only client_credentials is supported here.");
    }
    const assertion = form.get("client_assertion");
    if (form.get("client_assertion_type") !== JWT_BEARER || !assertion) {
      throw new OAuthRefusal(
        401,
        "invalid_client",
        "Client authentication with a private_key_jwt assertion is required.",
      );
    }
    // The assertion is checked (and its jti consumed) before DPoP, as Okta does: a nonce demand burns it.
    const client = await verifyClientAssertion(assertion, clients, tokenUrl, now(), replay);
    const formClientId = form.get("client_id");
    if (formClientId !== null && formClientId !== client.clientId) {
      throw new OAuthRefusal(401, "invalid_client", "client_id does not match the client_assertion.");
    }
    const requested = (form.get("scope") ?? "").split(" ").filter(Boolean);
    if (requested.length === 0) {
      throw new OAuthRefusal(400, "invalid_scope", "The scope parameter is required.");
    }
    const refused = requested.filter((scope) => !client.scopes.includes(scope));
    if (refused.length) {
      throw new OAuthRefusal(
        400,
        "invalid_scope",
        `The following scopes are not allowed: ${refused.join(", ")}.`,
      );
    }
    const proof = request.headers.get("dpop");
    let jkt: string | undefined;
    if (proof !== null || client.requireDpop) {
      jkt = await verifyProof(proof, {
        request,
        nonces: options.requireNonce ? nonces : undefined,
        now: now(),
        replay,
        status: 400,
      });
    }
    const accessToken = randomId(48);
    tokens.set(accessToken, {
      clientId: client.clientId,
      scopes: requested,
      expiresAt: now() + ttl * 1000,
      jkt,
    });
    issued++;
    const body = {
      token_type: jkt ? "DPoP" : "Bearer",
      expires_in: ttl,
      access_token: accessToken,
      scope: requested.join(" "),
    };
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { "content-type": "application/json", "cache-control": "no-store", pragma: "no-cache" },
    });
  }

  async function check(request: Request): Promise<AccessCheck> {
    const match = /^(Bearer|DPoP)\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
    const scheme = match?.[1].toLowerCase() === "dpop" ? "DPoP" : "Bearer";
    try {
      if (!match) throw new OAuthRefusal(401, "invalid_token", "The access token is missing.");
      const accessToken = match[2];
      const token = tokens.get(accessToken);
      if (!token || token.expiresAt <= now()) {
        throw new OAuthRefusal(401, "invalid_token", "The access token is invalid.");
      }
      if (scheme === "Bearer" && token.jkt) {
        throw new OAuthRefusal(
          401,
          "invalid_token",
          "The access token is DPoP-bound; present it with the DPoP scheme.",
        );
      }
      if (scheme === "DPoP") {
        if (!token.jkt) throw new OAuthRefusal(401, "invalid_token", "The access token is not DPoP-bound.");
        await verifyProof(request.headers.get("dpop"), {
          request,
          accessToken,
          jkt: token.jkt,
          nonces: options.requireResourceNonce ? nonces : undefined,
          now: now(),
          replay,
          status: 401,
        });
      }
      return { ok: true, clientId: token.clientId, scopes: [...token.scopes], tokenType: scheme };
    } catch (error) {
      if (!(error instanceof OAuthRefusal)) throw error;
      return { ok: false, response: invalidTokenResponse(error, scheme, issuer) };
    }
  }

  return {
    async handleToken(request) {
      requests++;
      try {
        return await issue(request);
      } catch (error) {
        if (error instanceof OAuthRefusal) return tokenErrorResponse(error);
        throw error;
      }
    },
    verifyAccess: check,
    issuedTokens: () => issued,
    tokenRequests: () => requests,
    revokeAll: () => tokens.clear(),
    rotateNonce: () => {
      nonce = randomId(22);
    },
  };
}
