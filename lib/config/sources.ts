/**
 * Reads each configuration source into a flat layer of `path → {value, source}`, so that the merge can
 * say where every value came from.
 *
 * @module
 */
import { envNames, FIELDS } from "./fields.ts";
import type { ConfigProblem } from "../errors.ts";

/** A value and where it came from. */
export interface Sourced {
  /** The value, already converted to the field's type where that was possible. */
  value: unknown;
  /** A human-readable source: `constructor`, `environment (OKTA_CLIENT_ORGURL)`, a file path. */
  source: string;
}

/** One source's values by dotted path (`client.orgUrl`). */
export type Layer = Map<string, Sourced>;

/** Flattens a nested object (the YAML `okta:` block or constructor options) into a layer. */
export function layerFromObject(root: unknown, source: string, problems: ConfigProblem[]): Layer {
  const layer: Layer = new Map();
  if (root === undefined || root === null) return layer;
  if (typeof root !== "object") {
    problems.push({ field: "okta", source, message: "expected a mapping of settings." });
    return layer;
  }
  for (const field of FIELDS) {
    for (const path of [field.path, ...(field.aliases ?? [])]) {
      const value = path.split(".").reduce<unknown>(
        (
          node,
          key,
        ) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined),
        root,
      );
      if (value !== undefined && value !== null) layer.set(field.path, { value, source });
    }
  }
  return layer;
}

/** Parses the text of an `okta.yaml` file and returns the layer under its `okta:` key. */
export async function layerFromYaml(text: string, path: string, problems: ConfigProblem[]): Promise<Layer> {
  // Imported here, only when a file exists; `#yaml` is a no-parser stub in Worker and browser bundles
  // (package.json `imports` conditions), so they do not carry a YAML parser at all.
  const { parse } = await import("#yaml");
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    const message = (error as Error)?.name === "NoYamlParser"
      ? `cannot be read: ${reason}.`
      : `the file is not valid YAML (${reason}).`;
    problems.push({ field: "okta", source: path, message });
    return new Map();
  }
  if (document === null || document === undefined) return new Map();
  const okta = (document as Record<string, unknown>)?.okta;
  if (okta === undefined) {
    problems.push({ field: "okta", source: path, message: "the file has no top-level `okta:` key." });
    return new Map();
  }
  return layerFromObject(okta, path, problems);
}

/** Converts `OKTA_*` environment variables to a layer, turning strings into numbers and booleans. */
export function layerFromEnv(env: Record<string, string | undefined>, problems: ConfigProblem[]): Layer {
  const layer: Layer = new Map();
  for (const field of FIELDS) {
    const found = envNames(field).filter((name) => env[name] !== undefined && env[name] !== "");
    if (found.length === 0) continue;
    const distinct = new Set(found.map((name) => env[name]));
    const source = `environment (${found.join(", ")})`;
    if (distinct.size > 1) {
      problems.push({
        field: `okta.${field.path}`,
        source,
        message: "set in two spellings with different values; keep one.",
      });
      continue;
    }
    layer.set(field.path, { value: convert(env[found[0]]!, field.kind), source });
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
