/**
 * What `#yaml` resolves to in Worker and browser bundles (package.json `imports` conditions): no YAML
 * parser, since those runtimes have no `okta.yaml` files. YAML text passed in `sources.files` is refused.
 *
 * @module
 */
import type { Findings, Layer } from "./sources.ts";

const REASON =
  "this build has no YAML parser (Worker and browser bundles leave it out): pass the settings as options";

/** Always throws an error named `NoYamlParser`: this build carries no YAML parser. */
export function parse(_text: string): never {
  const error = new Error(REASON);
  error.name = "NoYamlParser";
  throw error;
}

/** Refuses a YAML file, naming it: this build cannot read it. */
export function layerFromYaml(_text: string, path: string, found: Findings): Layer {
  found.claimed.add("");
  found.problems.push({ field: "okta", source: path, message: `cannot be read: ${REASON}.` });
  return new Map();
}
