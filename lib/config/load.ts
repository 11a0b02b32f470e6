/**
 * Gathers every configuration source, merges them in one documented precedence and validates the result,
 * reporting all problems at once.
 *
 * @module
 */
import { ConfigError, type ConfigProblem } from "../errors.ts";
import { homeDir, oktaEnv, readTextFile, workingDir } from "../runtime.ts";
import { isSecretPath } from "./fields.ts";
import type { ParsedConfig } from "./schema.ts";
import { type Layer, layerFromEnv, layerFromObject, layerFromYaml } from "./sources.ts";
import type { OktaClientOptions } from "./options.ts";

/** The validated configuration, with defaults applied and `orgUrl` normalized (no trailing slash). */
export type ResolvedConfig = ParsedConfig & {
  client: ParsedConfig["client"] & { orgUrl: string };
  /** Where each field's value came from, by dotted path (`client.privateKey` → `./okta.yaml`). */
  sources: Record<string, string>;
};

/** Finds the YAML files to read, lowest precedence first: `~/.okta/okta.yaml`, then `./okta.yaml`. */
function defaultFiles(): { path: string; text?: string }[] {
  const files: { path: string }[] = [];
  const home = homeDir();
  if (home) files.push({ path: `${home}/.okta/okta.yaml` });
  const cwd = workingDir();
  if (cwd) files.push({ path: `${cwd}/okta.yaml` });
  return files;
}

/**
 * Resolves the configuration: `~/.okta/okta.yaml` < `./okta.yaml` < environment < `options`. Throws a
 * {@linkcode ConfigError} listing every problem, each with its field and source.
 */
export async function resolveConfig(options: OktaClientOptions = {}): Promise<ResolvedConfig> {
  const problems: ConfigProblem[] = [];
  const layers: Layer[] = [];
  const sources = options.sources ?? {};
  const files = sources === false || sources.files === false ? [] : sources.files ?? defaultFiles();
  for (const file of files) {
    let content = file.text;
    try {
      content ??= readTextFile(file.path);
    } catch (error) {
      problems.push({
        field: "okta",
        source: file.path,
        message: `cannot be read (${(error as Error).message}).`,
      });
    }
    if (content !== undefined) layers.push(await layerFromYaml(content, file.path, problems));
  }
  const env = sources === false || sources.env === false ? undefined : sources.env ?? oktaEnv();
  if (env) layers.push(layerFromEnv(env, problems));
  const { testing, ...client } = options;
  layers.push(layerFromObject({ client, testing }, "constructor", problems));

  const merged: Layer = new Map();
  for (const layer of layers) for (const [path, value] of layer) merged.set(path, value);
  const sourceOf = (path: string) => merged.get(path)?.source ?? "default";

  const tree: Record<string, Record<string, unknown>> = {
    client: { rateLimit: {}, cache: {}, logging: {} },
    testing: {},
  };
  for (const [path, { value }] of merged) {
    const keys = path.split(".");
    let node: Record<string, unknown> = tree;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]] = value;
  }

  // The schema (and valibot) load with the first call, not with the module: importing the client stays cheap.
  const { validate } = await import("./schema.ts");
  const result = validate(tree, options.auth !== undefined);
  if (!result.ok) {
    for (const issue of result.issues) {
      const received = isSecretPath(issue.path) ? "" : ` (got ${issue.received})`;
      problems.push({
        field: `okta.${issue.path}`,
        source: sourceOf(issue.path),
        message: `${issue.message}${received}.`,
      });
    }
  } else {
    for (const check of result.checks) {
      problems.push({ field: `okta.${check.path}`, source: sourceOf(check.path), message: check.message });
    }
  }
  if (problems.length > 0 || !result.ok) throw new ConfigError(problems);
  const config = result.config as ResolvedConfig;
  config.client.orgUrl = config.client.orgUrl.replace(/\/+$/, "");
  config.sources = Object.fromEntries([...merged].map(([path, { source }]) => [path, source]));
  return config;
}
