/**
 * Reading the repository's own files from a test, on every runtime that has files. A Worker bundle (workerd)
 * has none: there the reader gives `undefined`, and the tests that need a file return early.
 */

/** The text of `path` (relative to the repository root), or `undefined` where the runtime has no files. */
export function projectFile(path: string): string | undefined {
  const g = globalThis as unknown as {
    Deno?: { readTextFileSync(path: URL): string };
    process?: { getBuiltinModule?(id: string): unknown };
  };
  let url: URL;
  try {
    url = new URL(`../${path}`, import.meta.url);
  } catch {
    return undefined; // a bundle (workerd) has no file URL to start from
  }
  if (url.protocol !== "file:") return undefined;
  if (g.Deno) return g.Deno.readTextFileSync(url);
  const fs = g.process?.getBuiltinModule?.("fs") as
    | { readFileSync(path: URL, encoding: "utf8"): string }
    | undefined;
  return fs?.readFileSync(url, "utf8");
}
