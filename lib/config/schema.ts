/**
 * The valibot schema of the merged configuration (YAML shape below `okta:`), and the checks that need
 * more than one field.
 *
 * @module
 */
import * as v from "valibot";

const text = v.pipe(v.string("expected text"), v.trim());
const seconds = v.number("expected a number of seconds");
const flag = v.boolean("expected true or false");

/** The schema of the merged configuration. */
export const ConfigSchema = v.object({
  client: v.object({
    orgUrl: v.optional(text),
    authorizationMode: v.optional(
      v.picklist(["SSWS", "Bearer", "PrivateKey"], "expected one of SSWS, Bearer, PrivateKey"),
      "SSWS",
    ),
    token: v.optional(text),
    clientId: v.optional(text),
    scopes: v.optional(
      v.pipe(
        v.union([v.array(v.string()), v.string()], "expected a list of scopes"),
        v.transform((s) => typeof s === "string" ? s.split(/[\s,]+/).filter(Boolean) : s),
      ),
      [],
    ),
    privateKey: v.optional(v.union([v.string(), v.looseObject({})], "expected PEM text or a JWK")),
    kid: v.optional(text),
    dpop: v.optional(flag, false),
    connectionTimeout: v.optional(v.pipe(seconds, v.minValue(0, "expected 0 or more seconds")), 30),
    requestTimeout: v.optional(seconds, 0),
    userAgent: v.optional(text),
    proxy: v.optional(v.object({
      host: v.optional(text),
      port: v.optional(v.pipe(
        v.number("expected a port number"),
        v.integer("expected a whole port number"),
        v.minValue(1, "expected a port from 1 to 65535"),
        v.maxValue(65535, "expected a port from 1 to 65535"),
      )),
      username: v.optional(text),
      password: v.optional(v.string("expected text")),
    })),
    rateLimit: v.object({
      maxRetries: v.optional(
        v.pipe(
          v.number("expected a whole number"),
          v.integer("expected a whole number"),
          v.minValue(0, "expected 0 (never retry) or more"),
        ),
        2,
      ),
      throttle: v.optional(flag, true),
      maxConcurrent: v.optional(
        v.pipe(
          v.number("expected a whole number"),
          v.integer("expected a whole number"),
          v.minValue(1, "expected 1 or more requests in flight"),
        ),
        10,
      ),
      reserve: v.optional(
        v.pipe(
          v.number("expected a fraction such as 0.1"),
          v.minValue(0, "expected a fraction from 0 up to (not including) 1"),
          v.maxValue(0.99, "expected a fraction from 0 up to (not including) 1"),
        ),
        0.1,
      ),
      maxWait: v.optional(v.pipe(seconds, v.minValue(0, "expected 0 or more seconds"))),
    }),
    cache: v.object({
      enabled: v.optional(flag, false),
      defaultTtl: v.optional(v.pipe(seconds, v.minValue(0, "expected 0 or more seconds")), 300),
      defaultTti: v.optional(v.pipe(seconds, v.minValue(0, "expected 0 or more seconds")), 300),
    }),
    logging: v.object({
      enabled: v.optional(flag, false),
      logLevel: v.optional(
        v.pipe(
          v.string(),
          v.transform((s) =>
            s.trim().toUpperCase().replace(/^WARNING$/, "WARN").replace(/^CRITICAL$/, "ERROR")
          ),
          v.picklist(["DEBUG", "INFO", "WARN", "ERROR"], "expected DEBUG, INFO, WARN or ERROR"),
        ),
        "INFO",
      ),
    }),
  }),
  testing: v.object({ disableHttpsCheck: v.optional(flag, false) }),
});

/** The merged configuration after validation and defaults. */
export type ParsedConfig = v.InferOutput<typeof ConfigSchema>;

/** A problem found by {@linkcode crossChecks}: the dotted field path and what is wrong. */
export type Check = { path: string; message: string };

/** The rules a single field's type cannot express; every rule that fails is reported. */
export function crossChecks(config: ParsedConfig, customAuth = false): Check[] {
  const problems: Check[] = [];
  const { client, testing } = config;
  const url = client.orgUrl;
  if (!url) {
    problems.push({ path: "client.orgUrl", message: "missing: set it to https://{yourOktaDomain}." });
  } else {
    for (const message of orgUrlProblems(url, testing.disableHttpsCheck)) {
      problems.push({ path: "client.orgUrl", message });
    }
  }
  if (customAuth) {
    // The caller's own AuthStrategy authorizes requests: no token or key is needed here.
  } else if (client.authorizationMode === "PrivateKey") {
    if (!client.clientId) {
      problems.push({
        path: "client.clientId",
        message: "missing: PrivateKey mode needs the service app's client id.",
      });
    }
    if (client.scopes.length === 0) {
      problems.push({
        path: "client.scopes",
        message: "missing: PrivateKey mode needs at least one scope, such as okta.users.read.",
      });
    }
    if (!client.privateKey) {
      problems.push({
        path: "client.privateKey",
        message: "missing: PrivateKey mode needs the service app's private key (PEM or JWK).",
      });
    }
  } else if (!client.token) {
    problems.push({
      path: "client.token",
      message: `missing: ${client.authorizationMode} mode needs ${
        client.authorizationMode === "SSWS" ? "an API token" : "an access token"
      }.`,
    });
  } else if (/^\{.*\}$/.test(client.token) || client.token === "YOUR_API_TOKEN") {
    problems.push({
      path: "client.token",
      message: "still the placeholder from the example: replace it with your API token.",
    });
  }
  if (client.proxy && !client.proxy.host) {
    problems.push({ path: "client.proxy.host", message: "missing: a proxy needs a host." });
  }
  if (client.proxy && client.proxy.port === undefined) {
    problems.push({ path: "client.proxy.port", message: "missing: a proxy needs a port." });
  }
  return problems;
}

/** What is wrong with an org URL, following the rules users know from Okta's SDKs. */
function orgUrlProblems(url: string, allowHttp: boolean): string[] {
  const problems: string[] = [];
  if (url.includes("{yourOktaDomain}")) {
    problems.push("still contains the {yourOktaDomain} placeholder: use your org's domain.");
  }
  if ((url.match(/:\/\//g) ?? []).length !== 1) {
    problems.push('must contain exactly one "://", as in https://dev-123456.okta.com.');
  }
  if (url.includes(".com.com")) problems.push('contains ".com.com": check for a doubled domain suffix.');
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    if (problems.length === 0) problems.push("is not a valid URL.");
  }
  if (parsed) {
    if (/-admin\./i.test(parsed.hostname)) {
      problems.push(
        'is the admin console\'s host (-admin): remove "-admin", e.g. https://dev-123456.okta.com.',
      );
    }
    if (parsed.protocol !== "https:" && !allowHttp) {
      problems.push("must use https:// (set testing.disableHttpsCheck only for a local test server).");
    }
  }
  return problems;
}

/** The outcome of {@linkcode validate}: the parsed configuration, or each issue with its dotted path. */
export type Validation =
  | { ok: true; config: ParsedConfig; checks: Check[] }
  | { ok: false; issues: { path: string; message: string; received: string }[] };

/**
 * Validates the merged tree: the schema first, then (when it passes) the cross-field checks; with
 * `customAuth`, credentials are the caller's strategy's business and are not required.
 */
export function validate(tree: unknown, customAuth = false): Validation {
  const parsed = v.safeParse(ConfigSchema, tree);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.issues.map((issue) => ({
        path: v.getDotPath(issue) ?? "",
        message: issue.message,
        received: issue.received,
      })),
    };
  }
  return { ok: true, config: parsed.output, checks: crossChecks(parsed.output, customAuth) };
}
