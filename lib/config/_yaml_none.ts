/**
 * What `#yaml` resolves to in Worker and browser bundles (package.json `imports` conditions): no YAML
 * parser, since those runtimes have no `okta.yaml` files. YAML text passed in `sources.files` is refused.
 *
 * @module
 */

/** Always throws an error named `NoYamlParser`: this build carries no YAML parser. */
export function parse(_text: string): never {
  const error = new Error(
    "this build has no YAML parser (Worker and browser bundles leave it out): pass the settings as options",
  );
  error.name = "NoYamlParser";
  throw error;
}
