/**
 * The valibot schema of the merged configuration (YAML shape below `okta:`), with its bounds, and the
 * validation that reports every field's issues and still yields the rest for the cross-field checks.
 *
 * @module
 */
import * as v from "valibot";
import { type LogLevel, parseLogLevel } from "../log.ts";
import { FIELDS } from "./fields.ts";

const text = v.pipe(v.string("expected text"), v.trim());
const flag = v.boolean("expected true or false");

/** The longest timeout timers can hold: setTimeout's limit, 2^31 - 1 milliseconds, in whole seconds. */
export const MAX_TIMEOUT_SECONDS = 2147483;
/** The default `maxResponseBytes`: 64 MiB, far above Okta's largest pages. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** The most pages a list may request ahead of its consumer. */
export const MAX_PREFETCH = 10;
/** The most retries per call; each 429 retry may wait up to a minute for the rate-limit window. */
export const MAX_RETRIES = 10;

const seconds = (min: number, minMessage: string) =>
  v.pipe(
    v.number("expected a number of seconds"),
    v.minValue(min, minMessage),
    v.maxValue(MAX_TIMEOUT_SECONDS, `expected at most ${MAX_TIMEOUT_SECONDS} seconds (about 24 days)`),
  );

/** Python's numeric log levels, as Python's `logging` module names them. */
const PYTHON_LEVELS: Record<string, LogLevel> = {
  10: "DEBUG",
  20: "INFO",
  30: "WARN",
  40: "ERROR",
  50: "ERROR",
};
const logLevel = (value: string | number): LogLevel | undefined =>
  PYTHON_LEVELS[String(value).trim()] ?? parseLogLevel(String(value));

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
    dpopKeyRotationInterval: v.optional(seconds(0, "expected 0 (never) or more seconds"), 86_400),
    connectionTimeout: v.optional(seconds(0, "expected 0 or more seconds"), 30),
    requestTimeout: v.optional(
      seconds(0, "expected 0 (no limit) or more seconds"),
      0,
    ),
    maxResponseBytes: v.optional(
      v.pipe(
        v.number("expected a number of bytes"),
        v.integer("expected a whole number of bytes"),
        v.minValue(0, "expected 0 (no limit) or more bytes"),
      ),
      DEFAULT_MAX_RESPONSE_BYTES,
    ),
    bodyIdleTimeout: v.optional(seconds(0, "expected 0 (no limit) or more seconds"), 30),
    userAgent: v.optional(text),
    prefetch: v.optional(
      v.pipe(
        v.number("expected a whole number of pages"),
        v.integer("expected a whole number of pages"),
        v.minValue(0, "expected 0 (off) or more pages"),
        v.maxValue(MAX_PREFETCH, `expected at most ${MAX_PREFETCH} pages`),
      ),
      1,
    ),
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
          v.maxValue(MAX_RETRIES, `expected at most ${MAX_RETRIES} retries`),
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
      maxWait: v.optional(seconds(0, "expected 0 or more seconds")),
      firstWave: v.optional(flag, true),
    }),
    cache: v.object({
      enabled: v.optional(flag, false),
      defaultTtl: v.optional(
        v.pipe(v.number("expected a number of seconds"), v.minValue(0, "expected 0 or more seconds")),
        300,
      ),
      defaultTti: v.optional(
        v.pipe(v.number("expected a number of seconds"), v.minValue(0, "expected 0 or more seconds")),
        300,
      ),
      maxEntries: v.optional(
        v.pipe(
          v.number("expected a whole number"),
          v.integer("expected a whole number"),
          v.minValue(1, "expected 1 or more entries"),
        ),
        10_000,
      ),
      sweepInterval: v.optional(seconds(0, "expected 0 or more seconds"), 60),
    }),
    logging: v.object({
      enabled: v.optional(flag, false),
      logLevel: v.optional(
        v.pipe(
          v.union([v.string(), v.number()], "expected a level name"),
          v.check(
            (level) => logLevel(level) !== undefined,
            "expected DEBUG, INFO, WARN or ERROR (or Python's 10, 20, 30, 40, 50)",
          ),
          v.transform((level) => logLevel(level)!),
        ),
        "INFO",
      ),
    }),
  }),
  testing: v.object({ disableHttpsCheck: v.optional(flag, false) }),
});

/** The merged configuration after validation and defaults. */
export type ParsedConfig = v.InferOutput<typeof ConfigSchema>;

/** One schema issue: the dotted path of the field, what was expected, and the value received. */
export type Issue = { path: string; message: string; received: string };

/**
 * Validates the merged tree against the schema. Every issue is reported; the fields with issues are then
 * left out so that the rest still yields a configuration (defaults filling the holes) for the cross-field
 * checks, which therefore never report a follow-on "missing" for a field that was merely invalid.
 */
export function validate(tree: Record<string, unknown>): { config?: ParsedConfig; issues: Issue[] } {
  let parsed = v.safeParse(ConfigSchema, tree);
  if (parsed.success) return { config: parsed.output, issues: [] };
  const issues = parsed.issues.map((issue) => ({
    path: fieldPath(v.getDotPath(issue) ?? ""),
    message: issue.message,
    received: issue.received,
  }));
  for (const { path } of issues) unset(tree, path);
  parsed = v.safeParse(ConfigSchema, tree);
  return { config: parsed.success ? parsed.output : undefined, issues };
}

/** The field (or section) an issue's path is in: `client.scopes.1` → `client.scopes`. */
function fieldPath(path: string): string {
  const field = FIELDS.find((f) => path === f.path || path.startsWith(`${f.path}.`));
  return field?.path ?? path;
}

function unset(tree: Record<string, unknown>, path: string): void {
  const keys = path.split(".");
  let node: unknown = tree;
  for (const key of keys.slice(0, -1)) node = (node as Record<string, unknown> | undefined)?.[key];
  if (node && typeof node === "object") delete (node as Record<string, unknown>)[keys[keys.length - 1]];
}
