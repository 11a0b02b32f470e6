/**
 * The rules a single field's type cannot express: required fields per authorization mode, the org URL,
 * placeholders and pasted prefixes on tokens, and text that cannot travel in an HTTP header. Secrets are
 * described, never shown.
 *
 * @module
 */
import { FIELDS } from "./fields.ts";
import { orgUrlProblems } from "./org_url.ts";
import { show } from "./places.ts";
import type { ParsedConfig } from "./schema.ts";

/** A problem found by {@linkcode crossChecks}: the dotted field path, what is wrong, and whether it is unset. */
export type Check = { path: string; message: string; missing?: boolean };

const TOKEN_PLACEHOLDERS = [
  /^\$?\{.*\}$/, // {apiToken}, ${OKTA_TOKEN}
  /\{\s*[A-Za-z_][\w.-]*\s*\}/, // 00ab{apiToken}: a placeholder inside other text (real tokens hold no braces)
  /^<.*>$/, // <your-api-token>
  /\.\.\.|\u2026/, // 00aBcD... (the README's own example)
  /^your[\s_-]*(api[\s_-]*|access[\s_-]*)?token$/i, // YOUR_API_TOKEN
  /^your[\s_-]*client[\s_-]*id$/i, // YOUR_CLIENT_ID
  /^\$[A-Z_][A-Z0-9_]*$/, // $OKTA_CLIENT_TOKEN, never expanded
  /^x{4,}$/i,
];

/** Whether a token (or client id) is one of the documentation's placeholders rather than a real value. */
export function isTokenPlaceholder(token: string): boolean {
  return TOKEN_PLACEHOLDERS.some((pattern) => pattern.test(token));
}

/** Every rule that fails; values of secret fields never appear in the messages. */
export function crossChecks(config: ParsedConfig, customAuth = false): Check[] {
  const problems: Check[] = [];
  const { client, testing } = config;
  const missing = (path: string, message: string) => problems.push({ path, message, missing: true });
  if (!client.orgUrl) {
    missing("client.orgUrl", "the org URL is required, such as https://dev-123456.okta.com.");
  } else {
    for (const message of orgUrlProblems(client.orgUrl, testing.disableHttpsCheck)) {
      problems.push({ path: "client.orgUrl", message });
    }
  }
  const mode = client.authorizationMode;
  if (customAuth) {
    // The caller's own AuthStrategy authorizes requests: no token or key is needed here.
  } else if (mode === "PrivateKey") {
    if (!client.clientId) missing("client.clientId", "PrivateKey mode needs the service app's client id.");
    else if (isTokenPlaceholder(client.clientId)) {
      problems.push({
        path: "client.clientId",
        message:
          "is still a placeholder from the documentation: replace it with the service app's client id " +
          "(Admin Console: Applications > your service app > General).",
      });
    }
    if (client.scopes.length === 0) {
      missing("client.scopes", "PrivateKey mode needs at least one scope, such as okta.users.read.");
    }
    if (!client.privateKey) {
      missing("client.privateKey", "PrivateKey mode needs the service app's private key (PEM or JWK).");
    }
  } else if (!client.token) {
    missing(
      "client.token",
      mode === "SSWS"
        ? "SSWS mode needs an API token (Admin Console: Security > API > Tokens)."
        : "Bearer mode needs an access token.",
    );
  } else {
    const message = tokenProblem(client.token, mode);
    if (message) problems.push({ path: "client.token", message });
  }
  if (client.dpop && !customAuth && mode !== "PrivateKey") {
    problems.push({
      path: "client.dpop",
      message: `DPoP binds the access tokens PrivateKey mode obtains; ${
        mode === "SSWS" ? "an API token (SSWS)" : "an access token obtained elsewhere (Bearer)"
      } cannot be bound to a key: remove dpop, or set authorizationMode to PrivateKey.`,
    });
  }
  for (const field of FIELDS) {
    if (!field.header || field.path === "client.token") continue;
    const value = field.path.split(".").reduce<unknown>(
      (node, key) => (node as Record<string, unknown> | undefined)?.[key],
      config,
    );
    const message = typeof value === "string" ? headerProblem(value, field.secret) : undefined;
    if (message) problems.push({ path: field.path, message });
  }
  if (client.proxy && !client.proxy.host) missing("client.proxy.host", "a proxy needs a host.");
  if (client.proxy && client.proxy.port === undefined) missing("client.proxy.port", "a proxy needs a port.");
  return problems;
}

/** What is wrong with a token that is present, without ever repeating it. */
function tokenProblem(token: string, mode: "SSWS" | "Bearer"): string | undefined {
  const prefix = /^(SSWS|Bearer|DPoP)\s+/i.exec(token)?.[1];
  if (prefix) {
    const other = prefix.toUpperCase() === "SSWS" ? "SSWS" : "Bearer";
    const fix = other === mode
      ? `give the token alone; the client adds "${mode} " itself.`
      : `give the token alone, and set authorizationMode to ${other}${
        other === "SSWS" ? " (the default)" : ""
      }.`;
    return `starts with "${prefix} ": ${fix}`;
  }
  if (isTokenPlaceholder(token)) {
    return `is still a placeholder from the documentation: replace it with ${
      mode === "SSWS" ? "an API token (Admin Console: Security > API > Tokens)" : "your access token"
    }.`;
  }
  return headerProblem(token, true) ??
    (/\s/.test(token) ? "contains a space, and a token is a single word: copy it again." : undefined);
}

/** Whether text can be sent in an HTTP header: no line breaks or control characters, Latin-1 only. */
function headerProblem(value: string, secret = false): string | undefined {
  const got = secret ? "" : ` (got ${show(value)})`;
  const fix = secret ? "copy it again without it." : "remove it.";
  const codes = [...value].map((c) => c.codePointAt(0)!);
  if (codes.some((c) => c === 10 || c === 13)) {
    return `contains a line break${got}, which cannot be sent in an HTTP header: ${fix}`;
  }
  if (codes.some((c) => (c < 32 && c !== 9) || c === 127)) {
    return `contains a control character${got}, which cannot be sent in an HTTP header: ${fix}`;
  }
  if (codes.some((c) => c > 255)) {
    return `contains a character outside Latin-1 (such as a curly quote)${got}, which cannot be sent in an ` +
      `HTTP header: ${fix}`;
  }
  return undefined;
}
