import { describe, it } from "node:test";
import assert from "node:assert/strict";

/**
 * The text of a project file, where the runtime has files (not in Workers: `undefined` there).
 */
function source(path: string): string | undefined {
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

/** Static `import` and `export … from` statements that load a module (type-only ones do not). */
const STATIC = /^(?:import|export)\s+(type\s+)?(?:[^;"']*?\s+from\s+)?["']([^"']+)["']/gm;

/**
 * Every module `entry` loads when it is imported: project files by path, packages and `#` imports by
 * specifier (not followed). `undefined` where the runtime has no files.
 */
function loadedBy(entry: string): Set<string> | undefined {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const path = queue.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const text = source(path);
    if (text === undefined) return undefined;
    for (const [, typeOnly, specifier] of text.matchAll(STATIC)) {
      if (typeOnly) continue;
      if (!specifier.startsWith(".")) {
        seen.add(specifier);
        continue;
      }
      const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "";
      const resolved = new URL(specifier, `file:///${dir}`).pathname.slice(1);
      queue.push(resolved);
    }
  }
  return seen;
}

describe("what importing the client loads", () => {
  // ky probes the runtime's Request and streams as it loads (on Node that loads undici, about 13 MB), and
  // the scheduler is only needed once a call is made: both load with a client's first call.
  for (const entry of ["core.ts", "mod.ts"]) {
    it(`${entry} loads neither ky nor the scheduler until the first call`, () => {
      const loaded = loadedBy(entry);
      if (loaded === undefined) return; // Workers: no files to read (bundles load everything anyway)
      assert.ok(loaded.has("lib/client.ts") && loaded.has("lib/http/send.ts"), "the walk follows imports");
      for (const late of ["ky", "lib/http/ky_instance.ts", "lib/http/scheduler.ts", "valibot"]) {
        assert.ok(!loaded.has(late), `${entry} loads ${late} at import`);
      }
    });
  }
});

describe("the oktakit command stays out of the library", () => {
  // cli/ imports node: modules and CSV packages: no library entry may load any of it.
  for (const entry of ["mod.ts", "core.ts", "auth.ts", "testing/mod.ts", "models/mod.ts", "api/user.ts"]) {
    it(`${entry} loads no cli/ module`, () => {
      const loaded = loadedBy(entry);
      if (loaded === undefined) return; // Workers: no files to read
      assert.deepEqual([...loaded].filter((path) => path.startsWith("cli/") || path.startsWith("csv-")), []);
    });
  }

  it("the walk does see the command's own imports (so the check above can fail)", () => {
    const loaded = loadedBy("cli/main.ts");
    if (loaded === undefined) return;
    assert.ok(loaded.has("cli/export.ts") && loaded.has("core.ts") && loaded.has("csv-parse"));
  });
});
