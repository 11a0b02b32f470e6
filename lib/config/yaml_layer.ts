/**
 * The layer of an `okta.yaml` file: its settings under `okta:`, each with its line, or the parser's reason
 * with the line where the file stops being YAML. Reached through `#yaml`, so Worker and browser bundles,
 * which have no files, carry neither this nor the parser.
 *
 * @module
 */
import { parse } from "@std/yaml";
import { type Findings, type Layer, layerFromObject, located } from "./sources.ts";
import { keyLines } from "./yaml_lines.ts";

/** Parses the text of an `okta.yaml` file and returns the layer under its `okta:` key. */
export function layerFromYaml(text: string, path: string, found: Findings): Layer {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    found.claimed.add(""); // what the file holds is unknown: no field is reported missing
    const { line, column, reason } = yamlError(error);
    found.problems.push({
      field: "okta",
      source: located(path, line),
      message: `not valid YAML: ${reason}${line ? ` (line ${line}, column ${column})` : ""}. ` +
        "Check the indentation (spaces, not tabs) and the quotes on that line.",
    });
    return new Map();
  }
  // An empty file, or one holding only `{}` (what some tools write for "no settings"), sets nothing.
  if (document === null || document === undefined || isEmptyMapping(document)) return new Map();
  const okta = (document as Record<string, unknown>)?.okta;
  if (okta === undefined) {
    found.claimed.add("");
    found.problems.push({
      field: "okta",
      source: path,
      message: "the file has no top-level okta: key; put the settings under okta: client:.",
    });
    return new Map();
  }
  return layerFromObject(okta, path, found, { lines: keyLines(text) });
}

function isEmptyMapping(document: unknown): boolean {
  return typeof document === "object" && !Array.isArray(document) && Object.keys(document!).length === 0;
}

/** The parser's reason, without the excerpt of the file that follows it (the excerpt may hold a secret). */
function yamlError(error: unknown): { line?: number; column?: number; reason: string } {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split("\n")[0];
  const at = / at line (\d+), column (\d+):?\s*$/.exec(first);
  const pos = (error as { linePos?: { line: number; col: number }[] })?.linePos?.[0];
  const reason = (at ? first.slice(0, at.index) : first).replace(/:\s*$/, "");
  return { line: pos?.line ?? (Number(at?.[1]) || undefined), column: pos?.col ?? Number(at?.[2]), reason };
}
