/**
 * The one place that knows which runtime it is on: environment, files and the runtime's name. Everything
 * degrades to "nothing there" where a runtime has no files or environment (Workers, browsers).
 *
 * @module
 */

// Minimal shapes of the runtime globals we feature-detect, so no runtime's type package is needed.
interface DenoLike {
  version: { deno: string };
  env: { get(name: string): string | undefined; toObject(): Record<string, string> };
  permissions?: { querySync?(descriptor: { name: string; variable?: string }): { state: string } };
  readTextFileSync(path: string): string;
  cwd(): string;
}
interface ProcessLike {
  versions?: { node?: string; bun?: string };
  env?: Record<string, string | undefined>;
  cwd?(): string;
  getBuiltinModule?(id: string): unknown;
}
interface FsLike {
  readFileSync(path: string, encoding: "utf8"): string;
}

const g = globalThis as unknown as {
  Deno?: DenoLike;
  process?: ProcessLike;
  navigator?: { userAgent?: string };
};

/** The runtime's name and version, for the User-Agent. */
export function runtimeInfo(): { name: string; version: string } {
  if (g.Deno?.version) return { name: "deno", version: g.Deno.version.deno };
  if (g.process?.versions?.bun) return { name: "bun", version: g.process.versions.bun };
  if (g.process?.versions?.node) return { name: "node", version: g.process.versions.node };
  const agent = g.navigator?.userAgent ?? "";
  if (agent.startsWith("Cloudflare-Workers")) return { name: "workerd", version: "unknown" };
  return { name: "unknown", version: "unknown" };
}

/** What {@linkcode oktaEnv} could read, and what the runtime refused. */
export interface EnvRead {
  /** The `OKTA_*` variables read; `undefined` where the runtime has no environment (Workers). */
  values: Record<string, string> | undefined;
  /** Names of `known` the runtime would not let us read (Deno without `--allow-env`); empty otherwise. */
  denied: string[];
}

/**
 * The `OKTA_*` environment variables. Where the runtime refuses the whole environment (Deno without
 * `--allow-env`), each name of `known` that was granted one by one (`--allow-env=OKTA_CLIENT_TOKEN`) is
 * read, never prompting, and the rest are listed in `denied` so errors can name the missing flag.
 */
export function oktaEnv(known: readonly string[] = []): EnvRead {
  let all: Record<string, string | undefined> | undefined;
  try {
    all = g.Deno ? g.Deno.env.toObject() : g.process?.env;
  } catch (error) {
    if (!g.Deno || !isPermissionError(error)) return { values: undefined, denied: [] };
    const values: Record<string, string> = {};
    const denied: string[] = [];
    for (const name of known) {
      const value = granted({ name: "env", variable: name }) ? g.Deno.env.get(name) : null;
      if (value === null) denied.push(name);
      else if (value !== undefined) values[name] = value;
    }
    return { values, denied };
  }
  if (!all) return { values: undefined, denied: [] };
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(all)) {
    if (name.startsWith("OKTA_") && value !== undefined) values[name] = value;
  }
  return { values, denied: [] };
}

/** Whether Deno has already granted a permission; never prompts. */
function granted(descriptor: { name: string; variable?: string }): boolean {
  try {
    return g.Deno?.permissions?.querySync?.(descriptor).state === "granted";
  } catch {
    return false;
  }
}

function isPermissionError(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  return name === "NotCapable" || name === "PermissionDenied";
}

function fs(): FsLike | undefined {
  try {
    return g.process?.getBuiltinModule?.("fs") as FsLike | undefined;
  } catch {
    return undefined;
  }
}

/** The outcome of reading a file: its text, or that it is absent, or that the runtime refused to read it. */
export type FileRead = { text: string } | { absent: true } | { denied: true };

/**
 * Reads a text file synchronously. A file that does not exist (or a runtime without files) is `absent`; one
 * the runtime may not read (Deno without `--allow-read`) is `denied`, so errors can name the flag. Other
 * errors are rethrown so a broken file is not silently skipped.
 */
export function readTextFile(path: string): FileRead {
  try {
    if (g.Deno) return { text: g.Deno.readTextFileSync(path) };
    const nodeFs = fs();
    return nodeFs ? { text: nodeFs.readFileSync(path, "utf8") } : { absent: true };
  } catch (error) {
    const name = (error as { name?: string; code?: string }).name;
    const code = (error as { code?: string }).code;
    if (name === "NotFound" || code === "ENOENT" || code === "ENOTDIR") return { absent: true };
    if (isPermissionError(error)) return { denied: true };
    throw error;
  }
}

/**
 * The user's home directory, where the runtime has one; `denied` where the runtime would not let us read
 * `HOME` (Deno without `--allow-env`).
 */
export function homeDir(): { path?: string; denied?: boolean } {
  let denied = false;
  for (const name of ["HOME", "USERPROFILE"]) {
    try {
      const path = g.Deno ? g.Deno.env.get(name) : g.process?.env?.[name];
      if (path) return { path };
    } catch (error) {
      denied ||= isPermissionError(error);
    }
  }
  return denied ? { denied } : {};
}

/** The working directory, where the runtime has one. */
export function workingDir(): string | undefined {
  try {
    return g.Deno ? g.Deno.cwd() : g.process?.cwd?.();
  } catch {
    return undefined;
  }
}
