/**
 * The configuration fields, once: their place in the YAML shape, their type, and their environment names.
 *
 * @module
 */

/** The type a field's text from the environment is converted to. */
export type FieldKind = "string" | "number" | "boolean" | "list";

/** One configuration field. */
export interface Field {
  /** Dotted path below `okta.` in the YAML shape, such as `client.rateLimit.maxRetries`. */
  path: string;
  /** The type the field holds. */
  kind: FieldKind;
  /** Secrets are never shown in errors, logs or serialized config. */
  secret?: boolean;
  /** The value ends up in an HTTP header (or a proxy's), so it must be header-safe text. */
  header?: boolean;
  /** Other YAML keys accepted for the same field (older documents' spellings). */
  aliases?: string[];
}

/** Every field, in documentation order. */
export const FIELDS: readonly Field[] = [
  { path: "client.orgUrl", kind: "string" },
  { path: "client.authorizationMode", kind: "string" },
  { path: "client.token", kind: "string", secret: true, header: true },
  { path: "client.clientId", kind: "string", header: true },
  { path: "client.scopes", kind: "list" },
  { path: "client.privateKey", kind: "string", secret: true },
  { path: "client.kid", kind: "string", header: true },
  { path: "client.dpop", kind: "boolean" },
  { path: "client.dpopKeyRotationInterval", kind: "number" },
  { path: "client.connectionTimeout", kind: "number" },
  { path: "client.requestTimeout", kind: "number" },
  { path: "client.maxResponseBytes", kind: "number" },
  { path: "client.bodyIdleTimeout", kind: "number" },
  { path: "client.userAgent", kind: "string", header: true },
  { path: "client.prefetch", kind: "number" },
  { path: "client.proxy.host", kind: "string" },
  { path: "client.proxy.port", kind: "number" },
  { path: "client.proxy.username", kind: "string", header: true },
  { path: "client.proxy.password", kind: "string", secret: true, header: true },
  { path: "client.rateLimit.maxRetries", kind: "number" },
  { path: "client.rateLimit.throttle", kind: "boolean" },
  { path: "client.rateLimit.maxConcurrent", kind: "number" },
  { path: "client.rateLimit.reserve", kind: "number" },
  { path: "client.rateLimit.maxWait", kind: "number" },
  { path: "client.rateLimit.firstWave", kind: "boolean" },
  { path: "client.cache.enabled", kind: "boolean" },
  { path: "client.cache.defaultTtl", kind: "number" },
  { path: "client.cache.defaultTti", kind: "number" },
  { path: "client.cache.maxEntries", kind: "number" },
  { path: "client.cache.sweepInterval", kind: "number" },
  { path: "client.logging.enabled", kind: "boolean" },
  { path: "client.logging.logLevel", kind: "string" },
  { path: "testing.disableHttpsCheck", kind: "boolean", aliases: ["testing.testingDisableHttpsCheck"] },
];

/**
 * Options only the constructor takes (functions and objects no file or variable can hold), as paths in the
 * same shape: `client.x` is the top-level option `x`.
 */
export const CONSTRUCTOR_ONLY: readonly string[] = [
  "client.headers",
  "client.auth",
  "client.fetch",
  "client.sources",
  "client.tls.ca",
  "client.cache.store",
  "client.logging.logger",
  "client.hooks",
  "client.drappUrl",
  "client.rateLimit.onRateLimit",
  "client.rateLimit.store",
  "client.rateLimit.clock",
];

const snake = (segment: string) => segment.replace(/[A-Z]/g, (c) => "_" + c).toUpperCase();

/**
 * The environment names of a field, in both spellings users have: squashed
 * (`OKTA_CLIENT_RATELIMIT_MAXRETRIES`) and snake (`OKTA_CLIENT_RATE_LIMIT_MAX_RETRIES`).
 */
export function envNames(field: Field): string[] {
  const names = new Set<string>();
  for (const path of [field.path, ...(field.aliases ?? [])]) {
    const segments = path.split(".");
    names.add(["OKTA", ...segments.map((s) => s.toUpperCase())].join("_"));
    names.add(["OKTA", ...segments.map(snake)].join("_"));
  }
  return [...names];
}

/** Every environment name of every field. */
export const ENV_NAMES: readonly string[] = FIELDS.flatMap(envNames);

/** The field at a dotted path (`client.orgUrl`), if there is one. */
export function fieldAt(path: string): Field | undefined {
  return FIELDS.find((field) => field.path === path);
}

/** Whether a dotted path names a secret. */
export function isSecretPath(path: string): boolean {
  return fieldAt(path)?.secret === true;
}
