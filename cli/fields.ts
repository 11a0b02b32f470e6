/**
 * Dotted field paths (`profile.department`) over Okta's objects: reading one, keeping only some, and
 * building nested objects back from flat columns (a CSV row).
 *
 * @module
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Splits `--fields id,profile.login` into paths; an empty entry or a path with an empty part is an error. */
export function parseFields(text: string): string[] | undefined {
  const fields = text.split(",").map((f) => f.trim());
  return fields.every((f) => f !== "" && f.split(".").every((part) => part !== "")) ? fields : undefined;
}

/** The value at `path` in `item` (`undefined` when any part is missing). */
export function getPath(item: unknown, path: string): unknown {
  let value = item;
  for (const part of path.split(".")) {
    if (!isObject(value)) return undefined;
    value = value[part];
  }
  return value;
}

/** Sets `path` in `target`, creating the objects on the way. */
export function setPath(target: Json, path: string, value: unknown): void {
  const parts = path.split(".");
  let at = target;
  for (const part of parts.slice(0, -1)) {
    if (!isObject(at[part])) at[part] = {};
    at = at[part] as Json;
  }
  at[parts.at(-1)!] = value;
}

/** `item` with only `fields` kept, nested as in the original (`{ id, profile: { login } }`). */
export function project(item: unknown, fields: readonly string[]): Json {
  const out: Json = {};
  for (const field of fields) {
    const value = getPath(item, field);
    if (value !== undefined) setPath(out, field, value);
  }
  return out;
}
