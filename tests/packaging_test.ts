/**
 * Issue 19, item 13: `npm pack` or `npm publish` at the repository root cannot ship the TypeScript sources,
 * and the documentation shows how to try the checkout or a local build without the devDependencies.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { projectFile } from "./_files.ts";

/** Runs `node script` and returns its exit code and output, where Node's child_process is at hand. */
function runNode(script: string): { status: number; output: string } | undefined {
  const g = globalThis as unknown as {
    process?: { execPath?: string; getBuiltinModule?(id: string): unknown };
  };
  const cp = g.process?.getBuiltinModule?.("child_process") as
    | {
      spawnSync(cmd: string, args: string[], o: object): { status: number; stdout: string; stderr: string };
    }
    | undefined;
  const execPath = g.process?.execPath;
  if (!cp || !execPath || (globalThis as { Deno?: unknown }).Deno || (globalThis as { Bun?: unknown }).Bun) {
    return undefined;
  }
  const result = cp.spawnSync(execPath, [script], { encoding: "utf8" });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe("packaging traps (issue 19, item 13)", () => {
  it("the root package.json is private, and packing it stops with a pointer to the built package", () => {
    const text = projectFile("package.json");
    if (text === undefined) return; // a Worker bundle has no files
    const pkg = JSON.parse(text);
    assert.equal(pkg.private, true, "npm publish refuses a private package");
    assert.equal(pkg.scripts.prepack, "node scripts/refuse_root_pack.mjs", "npm pack runs prepack");
    assert.equal(pkg.scripts["build:npm"], "node scripts/build_npm.mjs");
    const guard = projectFile("scripts/refuse_root_pack.mjs")!;
    assert.match(guard, /process\.exit\(1\)/);
    assert.match(guard, /npm pack \.tmp\/npm\/package/);
    const run = runNode(new URL("../scripts/refuse_root_pack.mjs", import.meta.url).pathname);
    if (run) {
      assert.equal(run.status, 1);
      assert.match(run.output, /npm run build:npm/);
    }
  });

  it("the built package's manifest is written field by field, so it is publishable (not private)", () => {
    const build = projectFile("scripts/build_npm.mjs");
    if (build === undefined) return;
    const written = /writeFileSync\(\s*join\(out, "package\.json"\),[\s\S]*?\n\);/.exec(build)?.[0];
    assert.ok(written, "build_npm.mjs writes the package's own package.json");
    assert.doesNotMatch(written, /private|\.\.\.pkg/);
  });

  it("the docs show how to try the checkout and a local build without the devDependencies", () => {
    const doc = projectFile("docs/local_checkout.md");
    if (doc === undefined) return;
    assert.match(doc, /npm ci --omit=dev --omit=optional/);
    assert.match(doc, /bun link/);
    assert.match(doc, /npm pack \.tmp\/npm\/package/);
    assert.match(doc, /`bun add \.\.\/oktakit`[^\n]*devDependencies/);
  });
});
