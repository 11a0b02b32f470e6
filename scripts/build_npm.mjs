// Builds the npm package in .tmp/npm/package: JavaScript and declarations compiled by tsc from the same
// sources JSR publishes (Node will not strip types from .ts files inside node_modules), with a
// package.json whose exports, `#yaml` conditions and dependencies mirror the project's. Publish with
// `npm publish .tmp/npm/package`.
import { execFileSync } from "node:child_process";
import { copyFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const out = join(root, ".tmp", "npm", "package");
rmSync(out, { recursive: true, force: true });
execFileSync(join(root, "node_modules", ".bin", "tsc"), ["-p", join(root, "tsconfig.build.json")], {
  stdio: "inherit",
});

// Declarations keep the sources' ".ts" specifiers; point them at the emitted files.
const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
for (const file of walk(out).filter((f) => f.endsWith(".d.ts"))) {
  const text = readFileSync(file, "utf8");
  const fixed = text.replace(/(["'])(\.{1,2}\/[^"']+)\.ts\1/g, "$1$2.js$1");
  if (fixed !== text) writeFileSync(file, fixed);
}

const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const js = (path) => path.replace(/\.ts$/, ".js");
const exports = Object.fromEntries(
  Object.entries(pkg.exports).map((
    [key, path],
  ) => [key, { types: path.replace(/\.ts$/, ".d.ts"), default: js(path) }]),
);
const imports = Object.fromEntries(
  Object.entries(pkg.imports).map(([key, conditions]) => [
    key,
    Object.fromEntries(Object.entries(conditions).map(([condition, path]) => [condition, js(path)])),
  ]),
);
writeFileSync(
  join(out, "package.json"),
  JSON.stringify(
    {
      name: pkg.name,
      version: pkg.version,
      description: pkg.description,
      license: pkg.license,
      type: "module",
      engines: { node: ">=22" },
      sideEffects: pkg.sideEffects.map(js),
      exports,
      imports,
      dependencies: pkg.dependencies,
    },
    null,
    2,
  ) + "\n",
);
for (const file of ["README.md", "LICENSE", "NOTICE"]) copyFileSync(join(root, file), join(out, file));
console.log(`npm package built in ${out} (${walk(out).length} files)`);
