/**
 * Reads each configuration source into a flat layer of `path → {value, source}`, so that the merge can
 * say where every value came from, and reports keys and variable names that no field has, with the
 * name they most likely meant.
 *
 * @module
 */
import { envNames, FIELDS } from "./fields.ts";
import type { ConfigProblem } from "../errors.ts";
import { show } from "./places.ts";
import { ENV_ALIASES, SHARED_ENV_NAMES, suggestEnvName } from "./suggest.ts";
import { checkKeys } from "./unknown_keys.ts";

/** A value and where it came from. */
export interface Sourced {
  /** The value, already converted to the field's type where that was possible. */
  value: unknown;
  /** A human-readable source: `constructor`, `environment (OKTA_CLIENT_ORGURL)`, a file path. */
  source: string;
  /** The line of a YAML file the value is on, where it could be found. */
  line?: number;
}

/** One source's values by dotted path (`client.orgUrl`). */
export type Layer = Map<string, Sourced>;

/** What reading the sources found besides values. */
export interface Findings {
  /** Problems found in the sources themselves (unknown keys, unreadable files, conflicting variables). */
  problems: ConfigProblem[];
  /**
   * Paths (or sections, or `""` for all) a problem already explains, so that no follow-on "missing" is
   * reported for them: a misspelled key's field, a field with conflicting variables, every field after a
   * file could not be parsed.
   */
  claimed: Set<string>;
  /** Variables other tools use (`OKTA_API_TOKEN`), with the name oktakit reads; reported only if needed. */
  envHints: { name: string; meant: string }[];
  /** Environment names set to empty text. */
  emptyEnv: string[];
}

/** A new, empty set of findings. */
export function findings(): Findings {
  return { problems: [], claimed: new Set(), envHints: [], emptyEnv: [] };
}

/** `file:line` where the line is known. */
export function located(source: string, line: number | undefined): string {
  return line ? `${source}:${line}` : source;
}

/**
 * Flattens a nested object (the YAML `okta:` block or constructor options) into a layer, reporting keys no
 * field has. `lines` maps YAML key paths to their lines; `fromConstructor` also accepts constructor-only options.
 */
export function layerFromObject(
  root: unknown,
  source: string,
  found: Findings,
  { lines, fromConstructor = false }: { lines?: Map<string, number>; fromConstructor?: boolean } = {},
): Layer {
  const layer: Layer = new Map();
  if (root === undefined || root === null) return layer;
  if (typeof root !== "object" || Array.isArray(root)) {
    found.problems.push({ field: "okta", source, message: "expected a mapping of settings." });
    found.claimed.add("");
    return layer;
  }
  const lineOf = (path: string) => lines?.get(`okta.${path}`);
  checkKeys(root as Record<string, unknown>, fromConstructor, (path, message, claim) => {
    found.problems.push({ field: `okta.${path}`, source: located(source, lineOf(path)), message });
    if (claim !== undefined) found.claimed.add(claim);
  });
  for (const field of FIELDS) {
    for (const path of [field.path, ...(field.aliases ?? [])]) {
      const value = path.split(".").reduce<unknown>(
        (
          node,
          key,
        ) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined),
        root,
      );
      if (value !== undefined && value !== null) layer.set(field.path, { value, source, line: lineOf(path) });
    }
  }
  return layer;
}

/**
 * Converts `OKTA_*` environment variables to a layer, turning strings into numbers and booleans. Unknown
 * `OKTA_CLIENT_*` and `OKTA_TESTING_*` names are errors with a suggestion; other tools' names for the same
 * settings (`OKTA_API_TOKEN`) are kept as hints, reported only when the field they resemble is missing.
 */
export function layerFromEnv(env: Record<string, string | undefined>, found: Findings): Layer {
  const layer: Layer = new Map();
  const known = new Set<string>();
  for (const field of FIELDS) {
    const names = envNames(field);
    names.forEach((name) => known.add(name));
    found.emptyEnv.push(...names.filter((name) => env[name] === ""));
    const set = names.filter((name) => env[name] !== undefined && env[name] !== "");
    if (set.length === 0) continue;
    const distinct = [...new Set(set.map((name) => env[name]!.trim()))];
    const source = `environment (${set.join(", ")})`;
    if (distinct.length > 1) {
      const got = field.secret ? "" : ` (got ${distinct.map(show).join(" and ")})`;
      found.problems.push({
        field: `okta.${field.path}`,
        source,
        message: `set in two spellings with different values${got}: keep one.`,
      });
      found.claimed.add(field.path);
      continue;
    }
    layer.set(field.path, { value: convert(env[set[0]]!, field.kind), source });
  }
  for (const name of Object.keys(env)) {
    if (known.has(name) || env[name] === undefined) continue;
    const ours = /^OKTA_(CLIENT|TESTING)_/.test(name) && !SHARED_ENV_NAMES.has(name);
    if (!ours) {
      if (ENV_ALIASES[name]) found.envHints.push({ name, meant: ENV_ALIASES[name] });
      continue;
    }
    const meant = suggestEnvName(name);
    const field = FIELDS.find((f) => meant && envNames(f).includes(meant));
    found.problems.push({
      field: name,
      source: "environment",
      message: meant
        ? `not a variable oktakit reads: did you mean ${meant}?`
        : "not a variable oktakit reads; see the README's Configuration section for the names.",
    });
    if (field) found.claimed.add(field.path);
  }
  return layer;
}

/**
 * Converts one environment string; text that does not convert is kept, for validation to report. Lists
 * stay text: the schema splits comma- or space-separated text wherever it comes from.
 */
function convert(text: string, kind: string): unknown {
  const trimmed = text.trim();
  switch (kind) {
    case "number": {
      const n = Number(trimmed);
      return trimmed !== "" && Number.isFinite(n) ? n : text;
    }
    case "boolean": {
      const lower = trimmed.toLowerCase();
      if (["true", "1", "yes", "on"].includes(lower)) return true;
      if (["false", "0", "no", "off"].includes(lower)) return false;
      return text;
    }
    default:
      return text;
  }
}
