/**
 * Keys no configuration field has, in a YAML file or in constructor options from plain JavaScript, each
 * reported with the key it most likely meant (`orgURL` → `orgUrl`, `maxRetries` → under `rateLimit`).
 *
 * @module
 */
import { CONSTRUCTOR_ONLY, FIELDS } from "./fields.ts";
import { optionName, show } from "./places.ts";
import { knownPaths, suggestPath } from "./suggest.ts";

/** Receives one problem: the key's dotted path, the message, and the path it most likely meant. */
export type Report = (path: string, message: string, meant?: string) => void;

/**
 * Reports every key of `root` (the YAML `okta:` block, or constructor options under `client`) that no field
 * has, with the key it most likely meant, and every section that is not a mapping.
 */
export function checkKeys(root: Record<string, unknown>, constructor: boolean, report: Report): void {
  walk(root, "", knownPaths(constructor), report, constructor);
}

function walk(
  node: Record<string, unknown>,
  prefix: string,
  known: Set<string>,
  report: Report,
  constructor: boolean,
): void {
  const leaves = new Set([...FIELDS.flatMap((f) => [f.path, ...(f.aliases ?? [])]), ...CONSTRUCTOR_ONLY]);
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (!known.has(path)) {
      const meant = suggestPath(path, knownPaths(true));
      report(path, unknownKey(path, meant, constructor), meant);
      continue;
    }
    if (leaves.has(path) || value === undefined || value === null) continue;
    if (typeof value !== "object" || Array.isArray(value)) {
      const keys = [...known].filter((p) =>
        p.startsWith(`${path}.`) && !p.slice(path.length + 1).includes(".")
      );
      report(
        path,
        `expected a mapping of ${keys.map((p) => p.slice(path.length + 1)).join(", ")} (got ${show(value)}).`,
        path,
      );
      continue;
    }
    walk(value as Record<string, unknown>, path, known, report, constructor);
  }
}

/** The message for a key no field has, with what it most likely meant. */
function unknownKey(path: string, meant: string | undefined, constructor: boolean): string {
  const noun = constructor ? "option" : "key";
  const parent = (p: string) => p.slice(0, Math.max(0, p.lastIndexOf(".")));
  const leaf = (p: string) => p.slice(p.lastIndexOf(".") + 1);
  const shape = (p: string) =>
    p.replace(/^client\./, "").split(".").reduceRight(
      (inner, key) => `{ ${key}${inner ? `: ${inner}` : ""} }`,
      "",
    );
  if (!meant || path.startsWith(`${meant}.`)) {
    return `unknown ${noun}; see the README's Configuration section.`;
  }
  if (!constructor && CONSTRUCTOR_ONLY.includes(meant)) {
    return `unknown key: ${optionName(meant)} can only be given to the constructor, as ${shape(meant)}.`;
  }
  if (parent(meant) === parent(path)) return `unknown ${noun}: did you mean ${leaf(meant)}?`;
  const where = constructor ? shape(meant) : `okta.${meant}`;
  return `unknown ${noun} here: it belongs under ${leaf(parent(meant))}, as ${where}.`;
}
