/**
 * Who may call: the org's SSWS API token (every scope), access tokens the test minted with
 * `org.createAccessToken`, and tokens from an attached OAuth server (`testing/oauth.ts`).
 *
 * @module
 */
import { FakeFailure } from "./_errors.ts";

/** The result of an OAuth server's access-token check (the shape `testing/oauth.ts` returns). */
export type AccessVerdict =
  | { ok: true; clientId: string; scopes: string[] }
  | { ok: false; response: Response };

/** The part of the OAuth server (`createOAuthServer` in `testing/oauth.ts`) the org uses. */
export interface OAuthServerLike {
  /** Answers `POST /oauth2/v1/token`. */
  handleToken(request: Request): Promise<Response> | Response;
  /** Checks a request's `Authorization: Bearer|DPoP` token (and DPoP proof). */
  verifyAccess(request: Request): Promise<AccessVerdict> | AccessVerdict;
}

/** An authenticated caller. */
export interface Principal {
  /** `"SSWS"` for the API token, otherwise the token scheme (`"Bearer"` or `"DPoP"`). */
  scheme: "SSWS" | "Bearer" | "DPoP";
  /** The OAuth client, for OAuth tokens. */
  clientId?: string;
  /** Granted scopes; `undefined` means all (API token). */
  scopes?: readonly string[];
}

/** Where the org keeps what it accepts. */
export interface AuthConfig {
  apiToken: string;
  /** Access tokens minted by the test: token → client and scopes. */
  minted: Map<string, { clientId: string; scopes: string[] }>;
  oauth?: OAuthServerLike;
}

const INVALID = () => new FakeFailure(401, "E0000011", "Invalid token provided");

/** Authenticates a request or answers (a `FakeFailure` to throw, or the OAuth server's own response). */
export async function authenticate(request: Request, config: AuthConfig): Promise<Principal | Response> {
  const header = request.headers.get("authorization") ?? "";
  const space = header.indexOf(" ");
  const scheme = space > 0 ? header.slice(0, space).toLowerCase() : "";
  const credential = space > 0 ? header.slice(space + 1).trim() : "";
  if (scheme === "ssws") {
    if (credential !== "" && credential === config.apiToken) return { scheme: "SSWS" };
    throw INVALID();
  }
  if (scheme !== "bearer" && scheme !== "dpop") throw INVALID();
  const minted = scheme === "bearer" ? config.minted.get(credential) : undefined;
  if (minted) return { scheme: "Bearer", clientId: minted.clientId, scopes: minted.scopes };
  if (!config.oauth) throw INVALID();
  const verdict = await config.oauth.verifyAccess(request);
  if (!verdict.ok) return verdict.response;
  return {
    scheme: scheme === "dpop" ? "DPoP" : "Bearer",
    clientId: verdict.clientId,
    scopes: verdict.scopes,
  };
}

/**
 * True when `granted` satisfies an operation needing any one of `required`. A `.manage` scope also
 * grants the matching `.read` scope, as Okta's do.
 */
export function hasScope(granted: readonly string[], required: readonly string[]): boolean {
  if (required.length === 0) return true;
  return required.some((scope) =>
    granted.includes(scope) ||
    (scope.endsWith(".read") && granted.includes(scope.replace(/\.read$/, ".manage")))
  );
}

/** Throws Okta's 403 E0000006 with a `WWW-Authenticate` challenge naming the missing scopes. */
export function requireScopes(
  principal: Principal,
  required: readonly string[],
  origin: string,
  path: string,
) {
  if (principal.scopes === undefined || hasScope(principal.scopes, required)) return;
  const challenge = [
    `${principal.scheme === "DPoP" ? "DPoP" : "Bearer"} authorization_uri="${origin}/oauth2/v1/authorize"`,
    `realm="${origin}"`,
    `scope="${required.join(" ")}"`,
    `error="insufficient_scope"`,
    `error_description="The access token provided does not contain the required scopes."`,
    `resource="${path}"`,
  ].join(", ");
  throw new FakeFailure(403, "E0000006", "You do not have permission to perform the requested action", [], {
    "WWW-Authenticate": challenge,
  });
}
