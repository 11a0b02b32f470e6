/**
 * A JSON state file written atomically (a temporary file renamed over it), so an interruption at any
 * moment leaves either the previous state or the new one, never half of one.
 *
 * @module
 */
import { readFile, rename, rm, writeFile } from "node:fs/promises";

/** Writes `state` to `path` atomically. */
export async function saveState(path: string, state: unknown): Promise<void> {
  const temporary = `${path}.tmp`;
  await writeFile(temporary, JSON.stringify(state, null, 2) + "\n");
  await rename(temporary, path);
}

/** The state saved at `path`, or `undefined` when there is none. */
export async function loadState<T>(path: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return undefined;
    throw error;
  }
  return JSON.parse(text) as T;
}

/** Removes the state file (and a temporary one left by an interrupted write). */
export async function removeState(path: string): Promise<void> {
  await rm(path, { force: true });
  await rm(`${path}.tmp`, { force: true });
}
