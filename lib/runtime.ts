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

/**
 * The `OKTA_*` environment variables, or `undefined` where the runtime has no environment or does not
 * allow reading it (Deno without `--allow-env`).
 */
export function oktaEnv(): Record<string, string> | undefined {
  let all: Record<string, string | undefined> | undefined;
  try {
    all = g.Deno ? g.Deno.env.toObject() : g.process?.env;
  } catch {
    return undefined;
  }
  if (!all) return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(all)) {
    if (name.startsWith("OKTA_") && value !== undefined) out[name] = value;
  }
  return out;
}

function fs(): FsLike | undefined {
  try {
    return g.process?.getBuiltinModule?.("fs") as FsLike | undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads a text file synchronously; `undefined` when it does not exist, cannot be read, or the runtime
 * has no files. Errors other than "not found" are rethrown so a broken file is not silently skipped.
 */
export function readTextFile(path: string): string | undefined {
  try {
    if (g.Deno) return g.Deno.readTextFileSync(path);
    const nodeFs = fs();
    return nodeFs ? nodeFs.readFileSync(path, "utf8") : undefined;
  } catch (error) {
    const name = (error as { name?: string; code?: string }).name;
    const code = (error as { code?: string }).code;
    if (name === "NotFound" || code === "ENOENT" || code === "ENOTDIR") return undefined;
    if (name === "NotCapable" || name === "PermissionDenied") return undefined;
    throw error;
  }
}

/** The user's home directory, where the runtime has one. */
export function homeDir(): string | undefined {
  const env = oktaLessEnv(["HOME", "USERPROFILE"]);
  return env.HOME ?? env.USERPROFILE;
}

/** The working directory, where the runtime has one. */
export function workingDir(): string | undefined {
  try {
    return g.Deno ? g.Deno.cwd() : g.process?.cwd?.();
  } catch {
    return undefined;
  }
}

function oktaLessEnv(names: string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name of names) {
    try {
      out[name] = g.Deno ? g.Deno.env.get(name) : g.process?.env?.[name];
    } catch {
      out[name] = undefined;
    }
  }
  return out;
}
