/**
 * Gathers every configuration source, merges them in one documented precedence and validates the result,
 * reporting all problems at once and none that only follows from another.
 *
 * @module
 */
import { ConfigError, type ConfigProblem } from "../errors.ts";
import { type EnvRead, type FileRead, homeDir, oktaEnv, readTextFile, workingDir } from "../runtime.ts";
import { ENV_NAMES, envNames, FIELDS, isSecretPath } from "./fields.ts";
import type { OktaClientOptions } from "./options.ts";
import type {
  AuthStrategy,
  CacheStore,
  Hooks,
  Logger,
  RateLimitClock,
  RateLimitStore,
  RateLimitWait,
} from "../seams.ts";
import { type Places, whereToSet } from "./places.ts";
import type { ParsedConfig } from "./schema.ts";
import { findings, type Layer, layerFromEnv, layerFromObject, located } from "./sources.ts";
import { ENV_ALIASES } from "./suggest.ts";

/**
 * What the constructor options hand over that is not configuration data: objects and functions, kept as
 * given (the options were copied at construction), and the settings only the constructor takes.
 */
export interface HandedOver {
  /** `logging.logger`. */
  logger?: Logger;
  /** `fetch`. */
  fetch?: typeof fetch;
  /** `auth`. */
  auth?: AuthStrategy;
  /** `hooks`, when at least one is set. */
  hooks?: Hooks;
  /** `cache.store`. */
  cacheStore?: CacheStore;
  /** `rateLimit.store`. */
  rateLimitStore?: RateLimitStore;
  /** `rateLimit.clock`. */
  clock?: RateLimitClock;
  /** `rateLimit.onRateLimit`. */
  onRateLimit?: (wait: RateLimitWait) => boolean | void;
  /** `tls.ca`, as a list. */
  ca?: string[];
  /** `drappUrl`. */
  drappUrl?: string;
}

/** The validated configuration, with defaults applied and `orgUrl` normalized (no trailing slash). */
export type ResolvedConfig = ParsedConfig & {
  client: ParsedConfig["client"] & { orgUrl: string };
  /** Where each field's value came from, by dotted path (`client.privateKey` → `./okta.yaml`). */
  sources: Record<string, string>;
  /** The objects, functions and constructor-only settings of the options. */
  handed: HandedOver;
};

/** What configuration needs from the runtime; tests supply their own to play a runtime without permissions. */
export interface ConfigHost {
  /** The `OKTA_*` environment variables, and the names of `known` the runtime refused. */
  env(known: readonly string[]): EnvRead;
  /** Reads a file. */
  read(path: string): FileRead;
  /** The home directory, or whether the runtime refused to say. */
  home(): { path?: string; denied?: boolean };
  /** The working directory. */
  cwd(): string | undefined;
}

const runtimeHost: ConfigHost = { env: oktaEnv, read: readTextFile, home: homeDir, cwd: workingDir };

/** The YAML files to read, lowest precedence first: `~/.okta/okta.yaml`, then `./okta.yaml`. */
function defaultFiles(host: ConfigHost, places: Places): { path: string; text?: string; shown: string }[] {
  const files: { path: string; text?: string; shown: string }[] = [];
  const home = host.home();
  if (home.path) files.push({ path: `${home.path}/.okta/okta.yaml`, shown: "~/.okta/okta.yaml" });
  else if (home.denied) {
    places.files.push("~/.okta/okta.yaml");
    places.deniedFiles.push({ path: "~/.okta/okta.yaml", flag: "--allow-env" });
  }
  const cwd = host.cwd();
  if (cwd) files.push({ path: `${cwd}/okta.yaml`, shown: "./okta.yaml" });
  return files;
}

/**
 * Resolves the configuration: `~/.okta/okta.yaml` < `./okta.yaml` < environment < `options`. Throws a
 * {@linkcode ConfigError} listing every problem, each with its field and source, and for a missing value
 * every place it can be set.
 */
export async function resolveConfig(
  options: OktaClientOptions = {},
  host: ConfigHost = runtimeHost,
): Promise<ResolvedConfig> {
  const found = findings();
  const places: Places = { env: false, files: [], emptyEnv: found.emptyEnv, deniedEnv: [], deniedFiles: [] };
  const layers: Layer[] = [];
  const sources = options.sources ?? {};
  places.off = sources === false || (sources.files === false && sources.env === false);
  if (sources !== false && sources.files !== false) {
    const files = sources.files?.map((file) => ({ ...file, shown: file.path })) ?? defaultFiles(host, places);
    for (const file of files) {
      let text = file.text;
      try {
        const read = text === undefined ? host.read(file.path) : { text };
        if ("text" in read) text = read.text;
        if ("denied" in read) places.deniedFiles.push({ path: file.shown, flag: "--allow-read" });
        places.files.push(file.shown);
      } catch (error) {
        found.problems.push({
          field: "okta",
          source: file.path,
          message: `cannot be read (${(error as Error).message}).`,
        });
        found.claimed.add("");
      }
      // Loaded only when a file exists; `#yaml` is a stub without a parser in Worker and browser bundles.
      if (text !== undefined) layers.push((await import("#yaml")).layerFromYaml(text, file.path, found));
    }
  }
  if (sources !== false && sources.env !== false) {
    const read = sources.env
      ? { values: sources.env, denied: [] }
      : host.env([...ENV_NAMES, ...Object.keys(ENV_ALIASES)]);
    places.env = read.values !== undefined || read.denied.length > 0;
    places.deniedEnv = read.denied;
    if (read.values) layers.push(layerFromEnv(read.values, found));
  }
  const { testing, ...client } = options;
  layers.push(layerFromObject({ client, testing }, "constructor", found, { fromConstructor: true }));

  const merged: Layer = new Map();
  for (const layer of layers) for (const [path, value] of layer) merged.set(path, value);
  const sourceOf = (path: string) => {
    const value = merged.get(path);
    return value ? located(value.source, value.line) : "not set";
  };
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

  // The schema (valibot) and the checks load with the first call, not with the module: importing stays cheap.
  const [{ validate }, { crossChecks }] = await Promise.all([import("./schema.ts"), import("./checks.ts")]);
  const { config, issues } = validate(tree);
  const problems: ConfigProblem[] = [...found.problems];
  const claimed = (path: string) =>
    [...found.claimed].some((c) => c === "" || path === c || path.startsWith(`${c}.`));
  for (const issue of issues) {
    const received = isSecretPath(issue.path) ? "" : ` (got ${issue.received})`;
    problems.push({
      field: `okta.${issue.path}`,
      source: sourceOf(issue.path),
      message: `${issue.message}${received}.`,
    });
    found.claimed.add(issue.path);
  }
  for (const check of config ? crossChecks(config, options.auth !== undefined) : []) {
    if (claimed(check.path)) continue;
    if (!check.missing) {
      problems.push({ field: `okta.${check.path}`, source: sourceOf(check.path), message: check.message });
      continue;
    }
    // A variable other tools use for this field explains the gap better than "not set".
    const field = FIELDS.find((f) => f.path === check.path)!;
    const hint = found.envHints.find((h) => envNames(field).includes(h.meant));
    problems.push(
      hint
        ? {
          field: hint.name,
          source: "environment",
          message:
            `not a variable oktakit reads, and okta.${check.path} is not set: did you mean ${hint.meant}?`,
        }
        : {
          field: `okta.${check.path}`,
          source: "not set",
          message: `${check.message} ${whereToSet(check.path, places)}`,
        },
    );
  }
  if (problems.length > 0 || !config) throw new ConfigError(problems);
  const resolved = config as ResolvedConfig;
  resolved.client.orgUrl = resolved.client.orgUrl.replace(/\/+$/, "");
  resolved.sources = Object.fromEntries([...merged].map(([path, { source }]) => [path, source]));
  resolved.handed = handedOver(options);
  return resolved;
}

/** The objects, functions and constructor-only settings of `options`, kept as given. */
function handedOver(options: OktaClientOptions): HandedOver {
  const { hooks } = options;
  return {
    logger: options.logging?.logger,
    fetch: options.fetch,
    auth: options.auth,
    hooks: hooks && Object.values(hooks).some((hook) => hook !== undefined) ? hooks : undefined,
    cacheStore: options.cache?.store,
    rateLimitStore: options.rateLimit?.store,
    clock: options.rateLimit?.clock,
    onRateLimit: options.rateLimit?.onRateLimit,
    ca: options.tls?.ca === undefined ? undefined : [options.tls.ca].flat(),
    drappUrl: options.drappUrl,
  };
}
