/**
 * Safe path building for generated methods: a path parameter can never reach another endpoint.
 *
 * @module
 */

/**
 * Percent-encodes one path parameter. Values that URL parsers would turn into a different path (`"."`,
 * `".."` and their encoded spellings) throw a `TypeError` naming the parameter, since encoding cannot make
 * them safe: WHATWG URLs treat `%2e%2e` as `..`. So do values that cannot be an id: blank or
 * whitespace-only strings, numbers that are not finite, and anything that is not a string, a number or a
 * boolean (`undefined`, `null`, objects: from plain JavaScript they would be sent as `/undefined`,
 * `/null` or `/%5Bobject%20Object%5D`).
 *
 * @example
 * ```ts
 * import { encodePathParam } from "./path.ts";
 * encodePathParam("userId", "a/b?c"); // "a%2Fb%3Fc"
 * ```
 */
export function encodePathParam(name: string, value: string | number | boolean): string {
  const type = typeof value;
  if (type !== "string" && type !== "number" && type !== "boolean") {
    const shown = value === null
      ? "null"
      : Array.isArray(value)
      ? "an array"
      : type === "object"
      ? "an object"
      : type;
    throw new TypeError(`Path parameter "${name}" must be a string or a number, not ${shown}.`);
  }
  const text = String(value);
  if (type === "number" && !Number.isFinite(value)) {
    throw new TypeError(`Path parameter "${name}" must be a finite number, not ${text}.`);
  }
  if (!/\S/.test(text) || /^(?:\.|%2e){1,2}$/i.test(text)) {
    throw new TypeError(`Path parameter "${name}" cannot be ${JSON.stringify(text)}.`);
  }
  return encodeURIComponent(text);
}

/** The path of a URL, without query (`https://a.okta.com/api/v1/users?x=1` → `/api/v1/users`), parsed as text. */
export function pathOf(url: string): string {
  const host = url.indexOf("//");
  if (host < 0) return url.split("?")[0];
  const start = url.indexOf("/", host + 2);
  return start < 0 ? "/" : url.slice(start).split("?")[0];
}
