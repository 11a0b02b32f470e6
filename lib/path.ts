/**
 * Safe path building for generated methods: a path parameter can never reach another endpoint.
 *
 * @module
 */

/**
 * Percent-encodes one path parameter. Values that URL parsers would turn into a different path (`""`,
 * `"."`, `".."` and their encoded spellings) throw a `TypeError` naming the parameter, since encoding
 * cannot make them safe: WHATWG URLs treat `%2e%2e` as `..`.
 *
 * @example
 * ```ts
 * import { encodePathParam } from "./path.ts";
 * encodePathParam("userId", "a/b?c"); // "a%2Fb%3Fc"
 * ```
 */
export function encodePathParam(name: string, value: string | number | boolean): string {
  const text = String(value);
  if (text === "" || /^(?:\.|%2e){1,2}$/i.test(text)) {
    throw new TypeError(`Path parameter "${name}" cannot be ${JSON.stringify(text)}.`);
  }
  return encodeURIComponent(text);
}
