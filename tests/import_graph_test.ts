import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { projectFile } from "./_files.ts";

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
    const text = projectFile(path);
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
      assert.ok(loaded.has("lib/client.ts") && loaded.has("lib/http/request.ts"), "the walk follows imports");
      for (const late of ["ky", "lib/http/ky.ts", "lib/http/rate_limit/scheduler.ts", "valibot"]) {
        assert.ok(!loaded.has(late), `${entry} loads ${late} at import`);
      }
    });
  }
});

/** Every import of every file under `lib/` (type-only ones included), as project paths; `undefined` without files. */
function libImports(): Map<string, string[]> | undefined {
  const graph = new Map<string, string[]>();
  const queue = [
    "mod.ts",
    "core.ts",
    "auth.ts",
    "lib/private_key_auth.ts",
    "lib/auth/_private_key_default.ts",
    "lib/auth/_private_key_registered.ts",
    "lib/http/_node_fetch.ts",
    "lib/config/_yaml.ts",
    "rate_limit/deno_kv.ts",
    "rate_limit/redis.ts",
    "rate_limit/durable_object.ts",
  ];
  const dynamic = /import\((["'])([^"']+)\1\)/g;
  while (queue.length > 0) {
    const path = queue.pop()!;
    if (graph.has(path)) continue;
    const text = projectFile(path);
    if (text === undefined) return undefined;
    const targets: string[] = [];
    const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "";
    const specifiers = [...text.matchAll(STATIC)].map((m) => m[2]).concat(
      [...text.matchAll(dynamic)].map((m) => m[2]),
    );
    for (const specifier of specifiers) {
      if (!specifier.startsWith(".")) continue;
      const resolved = new URL(specifier, `file:///${dir}`).pathname.slice(1);
      targets.push(resolved);
      if (resolved.startsWith("lib/")) queue.push(resolved);
    }
    graph.set(path, targets);
  }
  for (const key of [...graph.keys()]) if (!key.startsWith("lib/")) graph.delete(key);
  return graph;
}

describe("the rate-limit store adapters (their own entry points)", () => {
  for (const entry of ["rate_limit/deno_kv.ts", "rate_limit/redis.ts", "rate_limit/durable_object.ts"]) {
    it(`${entry} loads nothing of the client, and no package`, () => {
      const loaded = loadedBy(entry);
      if (loaded === undefined) return;
      assert.ok(loaded.has("lib/rate_limit_store/cas_store.ts"), "the walk follows imports");
      for (const module of loaded) {
        assert.ok(module === entry || module.startsWith("lib/rate_limit_store/"), `${entry} loads ${module}`);
      }
    });
  }
});

describe("layering of lib/ (DESIGN.md: layers only point down)", () => {
  const graph = libImports();
  const importsOf = (test: (file: string) => boolean) =>
    [...(graph ?? [])].filter(([file]) => test(file)).flatMap(([file, targets]) =>
      targets.map((t) => `${file} → ${t}`)
    );
  const surface = [
    "lib/invoke.ts",
    "lib/call.ts",
    "lib/paginate.ts",
    "lib/page_shape.ts",
    "lib/result.ts",
    "lib/system_log.ts",
  ];

  it("the walk reaches the whole of lib/", () => {
    if (graph === undefined) return; // Workers: no files
    for (
      const file of ["lib/http/attempts.ts", "lib/http/rate_limit/scheduler.ts", "lib/auth/token_request.ts"]
    ) {
      assert.ok(graph.has(file), file);
    }
  });

  it("has no import cycle", () => {
    if (graph === undefined) return;
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === "done") return;
      assert.notEqual(state.get(file), "open", `cycle: ${[...trail, file].join(" → ")}`);
      state.set(file, "open");
      for (const target of graph.get(file) ?? []) if (graph.has(target)) visit(target, [...trail, file]);
      state.set(file, "done");
    };
    for (const file of graph.keys()) visit(file, []);
  });

  it("lib/http/ never imports config/ or the client", () => {
    if (graph === undefined) return;
    const bad = importsOf((f) => f.startsWith("lib/http/")).filter((edge) =>
      / → lib\/(config\/|client\.ts|bind\.ts)/.test(edge)
    );
    assert.deepEqual(bad, []);
  });

  it("lib/auth/ never imports lib/http/ (the token requester is handed the attempt loop)", () => {
    if (graph === undefined) return;
    assert.deepEqual(
      importsOf((f) => f.startsWith("lib/auth/")).filter((edge) => / → lib\/http\//.test(edge)),
      [],
    );
  });

  it("config/ imports the seams, never http/ or auth/", () => {
    if (graph === undefined) return;
    const bad = importsOf((f) => f.startsWith("lib/config/")).filter((edge) =>
      / → lib\/(http|auth)\//.test(edge)
    );
    assert.deepEqual(bad, []);
  });

  it("lib/ never imports the generated models/ or api/", () => {
    if (graph === undefined) return;
    assert.deepEqual(importsOf(() => true).filter((edge) => / → (models|api)\//.test(edge)), []);
  });

  it("the call surface (operations, pagination, result styles, System Log) never imports lib/http/", () => {
    if (graph === undefined) return;
    assert.deepEqual(importsOf((f) => surface.includes(f)).filter((edge) => / → lib\/http\//.test(edge)), []);
  });
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
