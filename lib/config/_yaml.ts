/**
 * The YAML parser for `okta.yaml` files, behind the `#yaml` specifier: package.json maps it to
 * `_yaml_none.ts` for Worker and browser bundles, which have no files to read, so they do not carry it.
 *
 * @module
 */
export { parse } from "@std/yaml";
