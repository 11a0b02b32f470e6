/**
 * The YAML side of configuration, behind the `#yaml` specifier: package.json maps it to `_yaml_none.ts` for
 * Worker and browser bundles, which have no files to read, so they carry neither the parser nor this code.
 *
 * @module
 */
export { parse } from "@std/yaml";
export { layerFromYaml } from "./yaml_layer.ts";
