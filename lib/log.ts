/**
 * Logging: off by default, a pluggable {@linkcode Logger}, levels, and redaction of every secret.
 *
 * @module
 */

import type { Logger, LogLevel } from "./seams.ts";

export type { Logger, LogLevel };

const ORDER: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 };

/** Turns a configured level name (`info`, `WARNING`, `critical`...) into a {@linkcode LogLevel}. */
export function parseLogLevel(name: string): LogLevel | undefined {
  const upper = name.trim().toUpperCase();
  if (upper === "WARNING") return "WARN";
  if (upper === "CRITICAL" || upper === "FATAL") return "ERROR";
  return upper in ORDER ? upper as LogLevel : undefined;
}

/** A logger that drops records below `level` and redacts data before passing it on. */
export function leveledLogger(target: Logger, level: LogLevel): Logger {
  const at = (min: LogLevel, write: (m: string, d?: Record<string, unknown>) => void) =>
    ORDER[min] >= ORDER[level]
      ? (message: string, data?: Record<string, unknown>) =>
        write.call(target, message, data === undefined ? undefined : redact(data) as Record<string, unknown>)
      : () => {};
  return {
    debug: at("DEBUG", target.debug),
    info: at("INFO", target.info),
    warn: at("WARN", target.warn),
    error: at("ERROR", target.error),
  };
}

/** A logger that writes nothing (logging off). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** The text that replaces a secret. */
export const REDACTED = "[REDACTED]";

const SECRET_KEY =
  /^(authorization|proxy-authorization|dpop|cookie|set-cookie|token|access_token|refresh_token|id_token|client_assertion|client_secret|private_?key|password|passcode|pass_code|answer|secret)$/i;

/**
 * A deep copy of `value` with secrets replaced: header values such as `Authorization` and `DPoP`, and
 * body fields such as `password`, `token`, `client_assertion`, `privateKey`, `passCode` and security
 * `answer`s, at any depth.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (value instanceof Headers) return redact(Object.fromEntries(value), depth);
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && item !== undefined && item !== null
      ? REDACTED
      : redact(item, depth + 1);
  }
  return out;
}

/**
 * Removes token-like secrets from a free-text string: `SSWS x`, `Bearer x`, credentials in URLs, and the
 * values of query parameters in URLs other than {@linkcode SAFE_QUERY_PARAMETERS}.
 */
export function redactText(text: string): string {
  return text
    .replace(/\b(SSWS|Bearer|DPoP)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`)
    .replace(/\/\/[^/@\s:]+:[^/@\s]+@/g, `//${REDACTED}@`)
    .replace(/\bhttps?:\/\/[^\s"'<>]*\?[^\s"'<>]*/gi, redactUrl);
}

/**
 * Query parameters whose values are shown as they are wherever a URL is shown (errors, logs): paging and
 * search parameters, which say what was asked for. Every other parameter's value is shown as
 * `[REDACTED]`: a `?code=` or a caller's `?token=` is a secret.
 */
export const SAFE_QUERY_PARAMETERS: readonly string[] = [
  "limit",
  "after",
  "filter",
  "search",
  "q",
  "expand",
  "since",
  "until",
  "sortBy",
  "sortOrder",
];
const SAFE = new Set(SAFE_QUERY_PARAMETERS.map((name) => name.toLowerCase()));

/**
 * `url` with the value of every query parameter other than {@linkcode SAFE_QUERY_PARAMETERS} replaced by
 * `[REDACTED]` (`/api/v1/x?code=abc&limit=2` → `/api/v1/x?code=[REDACTED]&limit=2`); read as text, so a URL
 * is shown as it was given otherwise.
 */
export function redactUrl(url: string): string {
  const start = url.indexOf("?");
  if (start < 0) return url;
  const hash = url.indexOf("#", start);
  const end = hash < 0 ? url.length : hash;
  const query = url.slice(start + 1, end).split("&").map((pair) => {
    const equals = pair.indexOf("=");
    if (equals < 0 || equals === pair.length - 1) return pair;
    const name = pair.slice(0, equals);
    let decoded = name;
    try {
      decoded = decodeURIComponent(name.replace(/\+/g, " "));
    } catch {
      // A malformed name is not a safe one.
    }
    return SAFE.has(decoded.toLowerCase()) ? pair : `${name}=${REDACTED}`;
  });
  return `${url.slice(0, start)}?${query.join("&")}${url.slice(end)}`;
}
