/**
 * The `exports` maps of the three package manifests, from one table: the hand-written entry points below,
 * then one `./api/<file>` per generated namespace. package.json (npm) and deno.json (what `deno publish`
 * reads) get only their `exports` key rewritten; jsr.json, kept for tools that read it, is written whole
 * from deno.json's name and version and the same exports.
 *
 * @module
 */

/**
 * The entry points written by hand, subpath → file, in the order the manifests list them (before the
 * namespaces). A new entry (`./cli`, a rate-limit store adapter, ...) is one line here; then run the
 * generator.
 */
export const HAND_WRITTEN_EXPORTS: Readonly<Record<string, string>> = {
  ".": "./mod.ts",
  "./core": "./core.ts",
  "./auth": "./auth.ts",
  "./models": "./models/mod.ts",
  "./testing": "./testing/mod.ts",
  "./cli": "./cli/main.ts",
  "./rate-limit/deno-kv": "./rate_limit/deno_kv.ts",
  "./rate-limit/redis": "./rate_limit/redis.ts",
  "./rate-limit/durable-object": "./rate_limit/durable_object.ts",
};

/** The manifests whose exports the generator owns, relative to the project root. */
export const MANIFESTS = ["package.json", "deno.json", "jsr.json"] as const;

/**
 * The whole exports map: the hand-written entries, then one `./api/<file>` per namespace file name, in file
 * name order (tag order would put `SSFReceiver` before `Schema`, away from where a reader looks for it).
 */
export function exportsMap(namespaceFiles: readonly string[]): Record<string, string> {
  const map: Record<string, string> = { ...HAND_WRITTEN_EXPORTS };
  for (const file of [...namespaceFiles].sort()) map[`./api/${file}`] = `./api/${file}.ts`;
  return map;
}

/**
 * Each manifest's new text, from the current texts of package.json and deno.json. Only `exports` changes
 * in those two, in place, so their other keys keep their values and order.
 */
export function manifests(
  current: { "package.json": string; "deno.json": string },
  exports: Record<string, string>,
): Map<(typeof MANIFESTS)[number], string> {
  const pkg = withKey(JSON.parse(current["package.json"]), "exports", exports);
  const deno = withKey(JSON.parse(current["deno.json"]), "exports", exports);
  const jsr = { name: deno.name, version: deno.version, exports };
  return new Map([["package.json", json(pkg)], ["deno.json", json(deno)], ["jsr.json", json(jsr)]]);
}

// Two-space JSON with a final newline is what these files are in and what `deno fmt` leaves them as, so
// an unchanged table rewrites them byte for byte.
function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** `object` with `key` set to `value`: in its place when present, last otherwise. */
function withKey(object: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  if (!(key in object)) return { ...object, [key]: value };
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, k === key ? value : v]));
}
