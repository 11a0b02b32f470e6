/**
 * The application kinds the fake creates (bookmark, SWA browser plugin, OIDC client): what each
 * requires and the defaults Okta fills in. Unknown fields in a body are kept as sent.
 *
 * @module
 */
import { isObject } from "./_context.ts";
import { invalid } from "./_errors.ts";
import type { Json, OrgState } from "./_state.ts";

interface Kind {
  names: string[];
  /** Checks `body.settings` and fills defaults in place. */
  prepare(state: OrgState, body: Json, appId: string, previous?: Json): void;
}

function requireStrings(obj: Json, fields: string[], where: string): void {
  const missing = fields.filter((f) => typeof obj[f] !== "string" || obj[f] === "");
  if (missing.length) {
    throw invalid(
      where,
      ...missing.map((f) => `${where}.${f}: The field cannot be left blank`),
    );
  }
}

function settingsApp(body: Json): Json {
  const settings = isObject(body.settings) ? body.settings : (body.settings = {});
  return isObject(settings.app) ? settings.app : (settings.app = {});
}

function credentials(body: Json): Json {
  const creds = isObject(body.credentials) ? body.credentials : (body.credentials = {});
  creds.userNameTemplate ??= { template: "${source.login}", type: "BUILT_IN" };
  return creds;
}

const SECRET_METHODS = new Set(["client_secret_basic", "client_secret_post", "client_secret_jwt"]);

const kinds: Record<string, Kind> = {
  BOOKMARK: {
    names: ["bookmark"],
    prepare(_state, body) {
      const app = settingsApp(body);
      requireStrings(app, ["url"], "settings.app");
      app.requestIntegration ??= false;
      credentials(body);
    },
  },
  BROWSER_PLUGIN: {
    names: ["template_swa", "template_swa3field"],
    prepare(_state, body) {
      const app = settingsApp(body);
      const fields = body.name === "template_swa"
        ? ["url", "usernameField", "passwordField", "buttonField"]
        : ["targetURL", "userNameSelector", "passwordSelector", "buttonSelector"];
      requireStrings(app, fields, "settings.app");
      const creds = credentials(body);
      creds.scheme ??= "EDIT_USERNAME_AND_PASSWORD";
      creds.revealPassword ??= false;
    },
  },
  OPENID_CONNECT: {
    names: ["oidc_client"],
    prepare(state, body, appId, previous) {
      const settings = isObject(body.settings) ? body.settings : {};
      const client = settings.oauthClient;
      if (!isObject(client) || !Array.isArray(client.grant_types) || client.grant_types.length === 0) {
        throw invalid("settings", "settings.oauthClient.grant_types: The field cannot be left blank");
      }
      client.application_type ??= "web";
      client.response_types ??= ["code"];
      client.consent_method ??= "TRUSTED";
      const creds = credentials(body);
      const sent = isObject(creds.oauthClient) ? creds.oauthClient : {};
      const before = isObject(previous?.credentials) && isObject(previous.credentials.oauthClient)
        ? previous.credentials.oauthClient
        : {};
      const method = String(
        sent.token_endpoint_auth_method ?? before.token_endpoint_auth_method ?? "client_secret_basic",
      );
      const oauth: Json = {
        autoKeyRotation: sent.autoKeyRotation ?? before.autoKeyRotation ?? true,
        client_id: before.client_id ?? sent.client_id ?? appId,
        token_endpoint_auth_method: method,
        pkce_required: sent.pkce_required ?? before.pkce_required ?? method === "none",
      };
      if (SECRET_METHODS.has(method)) oauth.client_secret = before.client_secret ?? state.ids.chars(40);
      creds.oauthClient = oauth;
    },
  },
};

/**
 * Validates a create/replace body and returns what to store (read-only fields dropped, defaults
 * filled). `previous` is the stored body on replace, so generated OAuth credentials survive.
 */
export function prepareApp(state: OrgState, input: Json, appId: string, previous?: Json): Json {
  const body = structuredClone(input);
  for (const field of ["id", "status", "created", "lastUpdated", "_links", "_embedded", "orn"]) {
    delete body[field];
  }
  const mode = String(body.signOnMode ?? "");
  const kind = kinds[mode];
  if (!kind) {
    throw invalid(
      "signOnMode",
      `signOnMode: The fake org supports ${Object.keys(kinds).join(", ")}; got "${mode}"`,
    );
  }
  if (previous && body.name === undefined) body.name = previous.name;
  if (!kind.names.includes(String(body.name))) {
    throw invalid("name", `name: ${JSON.stringify(body.name)} is not an app of sign-on mode ${mode}`);
  }
  if (previous && previous.name !== body.name) throw invalid("name", "name: An app's name cannot be changed");
  if (typeof body.label !== "string" || body.label.trim() === "") {
    throw invalid("label", "label: The field cannot be left blank");
  }
  body.features ??= [];
  const accessibility = isObject(body.accessibility) ? body.accessibility : (body.accessibility = {});
  accessibility.selfService ??= false;
  const visibility = isObject(body.visibility) ? body.visibility : (body.visibility = {});
  visibility.autoSubmitToolbar ??= false;
  visibility.autoLaunch ??= false;
  visibility.hide ??= { iOS: false, web: false };
  visibility.appLinks ??= { [`${body.name}_link`]: true };
  kind.prepare(state, body, appId, previous);
  return body;
}
