/**
 * The real-world overlay (`spec/overlay.json`): what real Okta orgs do that the API description does not
 * say, as data, one entry per fact with where it was seen. The generator applies it to the description
 * before reading it, so the generated code follows the facts and nobody edits generated files.
 *
 * An entry's edits each set one value, found by its key path from the document's root. An edit that
 * replaces a value names the value it expects to find (`was`), and one that adds a value expects none, so
 * a refresh of the description that moves or fixes what an entry mends stops the generator with a message
 * instead of silently generating something else. Pure functions: no file access, usable from the tests
 * on every runtime.
 *
 * @module
 */

/** One value set in the description. */
export interface OverlayEdit {
  /** Keys from the document's root to the value: `["paths", "/api/v1/sessions", "post"]`. */
  at: string[];
  /** The value the description has there now; leave it out when the entry adds a value that is absent. */
  was?: unknown;
  /** The value the entry puts there. */
  value: unknown;
}

/** One fact about real orgs, and the edits that make the description say it. */
export interface OverlayEntry {
  /** A short, stable name for the entry (named in errors and in `spec/README.md`). */
  id: string;
  /** What real orgs do, in one sentence. */
  fact: string;
  /** Where it was seen: recorded traffic, an SDK, Okta's own documentation or trackers, with dates. */
  seen: string;
  /** The edits, applied in order. */
  edits: OverlayEdit[];
}

/** The overlay file. */
export interface Overlay {
  /** What the file is (for readers of the JSON). */
  description?: string;
  /** The entries, applied in order. */
  entries: OverlayEntry[];
}

/** A response object's extension: this 2xx may come with an empty body although it declares content. */
export const EMPTY_BODY = "x-oktakit-empty-body";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Structural equality of two JSON values (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length &&
      a.every((x, i) => sameJson(x, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length &&
    keys.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
}

/** Checks the shape of a parsed overlay file, throwing on the first problem. */
export function checkOverlay(value: unknown): Overlay {
  if (!isObject(value) || !Array.isArray(value.entries)) {
    throw new Error("the overlay has no `entries` array");
  }
  const ids = new Set<string>();
  for (const [i, entry] of (value.entries as unknown[]).entries()) {
    const e = entry as Partial<OverlayEntry>;
    const name = typeof e?.id === "string" ? e.id : `#${i}`;
    for (const key of ["id", "fact", "seen"] as const) {
      if (typeof e?.[key] !== "string" || !e[key]!.trim()) {
        throw new Error(`overlay entry ${name}: no \`${key}\``);
      }
    }
    if (ids.has(e.id!)) throw new Error(`overlay entry ${name} appears twice`);
    ids.add(e.id!);
    if (!Array.isArray(e.edits) || !e.edits.length) throw new Error(`overlay entry ${name}: no edits`);
    for (const edit of e.edits) {
      const ok = isObject(edit) && Array.isArray(edit.at) && edit.at.length > 0 &&
        edit.at.every((k) => typeof k === "string") && Object.hasOwn(edit, "value");
      if (!ok) throw new Error(`overlay entry ${name}: each edit needs \`at\` (keys) and \`value\``);
    }
  }
  return value as unknown as Overlay;
}

/**
 * `spec` with the overlay's edits made, in order. The input is not changed: the objects along each edited
 * path are copied. Throws, naming the entry, when a path leads nowhere or the description no longer holds
 * what an entry expects (`was`, or nothing).
 */
export function applyOverlay<T extends object>(spec: T, overlay: Overlay): T {
  let root = { ...spec } as unknown as Json;
  for (const entry of overlay.entries) {
    for (const edit of entry.edits) root = applyEdit(root, entry.id, edit);
  }
  return root as unknown as T;
}

function applyEdit(root: Json, id: string, edit: OverlayEdit): Json {
  const where = edit.at.map((k) => JSON.stringify(k)).join(" → ");
  const copy = { ...root };
  let parent = copy;
  for (const key of edit.at.slice(0, -1)) {
    const child = parent[key];
    if (!isObject(child)) {
      throw new Error(`overlay entry ${id}: nothing at ${where} (missing ${JSON.stringify(key)})`);
    }
    parent = parent[key] = { ...child };
  }
  const last = edit.at.at(-1)!;
  const present = Object.hasOwn(parent, last);
  const expects = Object.hasOwn(edit, "was");
  if (present && !expects) {
    throw new Error(
      `overlay entry ${id}: the description now has a value at ${where}; if Okta has fixed what the entry ` +
        "mends, remove the entry, else add what it replaces as `was`.",
    );
  }
  if (expects && (!present || !sameJson(parent[last], edit.was))) {
    throw new Error(
      `overlay entry ${id}: the description changed at ${where} (found ${
        present ? JSON.stringify(parent[last]) : "nothing"
      }); check whether the entry is still needed.`,
    );
  }
  parent[last] = structuredClone(edit.value);
  return copy;
}
