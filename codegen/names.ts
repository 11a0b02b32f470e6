/**
 * Naming rules: file names, namespace names, identifiers and property keys.
 *
 * @module
 */

/** `UserLifecycle` → `user_lifecycle`, `OAuth2ClientJsonWebKey` → `o_auth2_client_json_web_key`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
}

/** `UserLifecycle` → `userLifecycle`, `CAPTCHA` → `captcha`, `SSFReceiver` → `ssfReceiver`. */
export function lowerCamel(name: string): string {
  const leadingCaps = /^[A-Z]+(?=[A-Z][a-z]|[0-9]|$)/.exec(name)?.[0];
  if (leadingCaps && leadingCaps.length > 1) {
    return leadingCaps.toLowerCase() + name.slice(leadingCaps.length);
  }
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** `getUser` → `GetUser`. */
export function upperFirst(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property key as written in a type or object literal: bare when it is an identifier, else quoted. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** A property access: `.name` or `["odd-name"]`. */
export function propertyAccess(name: string): string {
  return IDENTIFIER.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

const RESERVED = new Set([
  "break",
  "case",
  "catch",
  "class",
  "const",
  "continue",
  "debugger",
  "default",
  "delete",
  "do",
  "else",
  "enum",
  "export",
  "extends",
  "false",
  "finally",
  "for",
  "function",
  "if",
  "import",
  "in",
  "instanceof",
  "new",
  "null",
  "return",
  "super",
  "switch",
  "this",
  "throw",
  "true",
  "try",
  "typeof",
  "var",
  "void",
  "while",
  "with",
  "yield",
  "let",
  "static",
  "implements",
  "interface",
  "package",
  "private",
  "protected",
  "public",
  "await",
  "arguments",
  "eval",
]);

/** A safe local variable name for a parameter called `name`. */
export function variableName(name: string): string {
  let id = name.replace(/[^A-Za-z0-9_$]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase());
  if (!IDENTIFIER.test(id)) id = `_${id}`;
  return RESERVED.has(id) ? `${id}_` : id;
}
