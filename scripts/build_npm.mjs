// Builds the npm package in .tmp/npm/package: JavaScript and declarations compiled by tsc from the same
// sources JSR publishes (Node will not strip types from .ts files inside node_modules), with a
// package.json whose exports, `#yaml` conditions and dependencies mirror the project's. Publish with
// `npm publish .tmp/npm/package`.
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";

const root = resolve(import.meta.dirname, "..");
const out = join(root, ".tmp", "npm", "package");
rmSync(out, { recursive: true, force: true });
// The library, then the `oktakit` command: it alone is compiled with Node's types (it runs on Deno, Bun and
// Node through their node: modules), so the library itself is never checked against APIs it must not use.
for (const config of ["tsconfig.build.json", "tsconfig.cli.json"]) {
  execFileSync(join(root, "node_modules", ".bin", "tsc"), ["-p", join(root, config)], { stdio: "inherit" });
}

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

// The 121 namespace modules in a few: runtimes pay per module loaded (Node about 0.2 ms and 50-90 KB of memory
// each), so the full entry would spend more on loading them than on their code, while one module for all of
// them would make a single namespace cost what all of them do. So consecutive namespaces (in file name order,
// which keeps user_*, application_*, ... together) are merged into chunks of about CHUNK bytes of compiled
// code, `api/_namespaces_<n>.js`; each `api/<tag>.js` re-exports its class from its chunk (so
// `@oktakit/management/api/user` and the full entry share one `UserApi`), and `api/mod.js` imports from the
// chunks. The classes are pure declarations, so bundlers still keep only the ones used. Declarations (.d.ts)
// stay one per namespace; JSR publishes the sources, one module per namespace.
const CHUNK = 100_000;
const apiDir = join(out, "api");
const namespaceFiles = readdirSync(apiDir).filter((f) => /^[a-z].*\.js$/.test(f) && f !== "mod.js").sort();
const classes = new Map();
const chunks = [[]];
let chunkSize = 0;
for (const file of namespaceFiles) {
  const text = readFileSync(join(apiDir, file), "utf8");
  const names = [...text.matchAll(/^export class (\w+) /gm)].map((m) => m[1]);
  if (names.length !== 1 || text.match(/^export /gm).length !== 1) {
    throw new Error(`api/${file}: expected exactly one export, a namespace class`);
  }
  if (chunkSize > 0 && chunkSize + text.length > CHUNK) {
    chunks.push([]);
    chunkSize = 0;
  }
  chunks.at(-1).push(file);
  chunkSize += text.length;
  classes.set(file, { name: names[0], chunk: `_namespaces_${chunks.length}.js` });
}
for (const [i, files] of chunks.entries()) {
  const chunk = `_namespaces_${i + 1}.js`;
  const merged = await build({
    absWorkingDir: out, // so the bundle's file comments read `// api/user.js`
    stdin: {
      contents: files.map((file) => `export { ${classes.get(file).name} } from "./${file}";\n`).join(""),
      resolveDir: apiDir,
      sourcefile: `api/${chunk}`,
    },
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    legalComments: "none",
    write: false,
    // lib/ stays shared with the rest of the package: only the namespace files are merged.
    plugins: [{
      name: "lib-external",
      setup: (b) => b.onResolve({ filter: /^\.\.\// }, ({ path }) => ({ path, external: true })),
    }],
  });
  writeFileSync(
    join(apiDir, chunk),
    `// The namespace classes of ${files.join(", ")}, merged by scripts/build_npm.mjs.\n` +
      merged.outputFiles[0].text,
  );
}
for (const [file, { name, chunk }] of classes) {
  writeFileSync(join(apiDir, file), `export { ${name} } from "./${chunk}";\n`);
}
const modFile = join(apiDir, "mod.js");
const mod = readFileSync(modFile, "utf8").replace(
  /from "\.\/([a-z0-9_]+\.js)";/g,
  (line, file) => (classes.has(file) ? `from "./${classes.get(file).chunk}";` : line),
);
if (/from "\.\/[a-z][a-z0-9_]*\.js";/.test(mod)) throw new Error("api/mod.js still imports a namespace file");
writeFileSync(modFile, mod);

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
      bin: Object.fromEntries(Object.entries(pkg.bin).map(([name, path]) => [name, js(path)])),
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
// The command's file keeps its `#!/usr/bin/env node` line through tsc; npm links it as `oktakit` and makes it
// executable on install, and so does this (for `npm link` and a copied package).
for (const path of Object.values(pkg.bin)) {
  const file = join(out, js(path));
  if (!readFileSync(file, "utf8").startsWith("#!/usr/bin/env node\n")) throw new Error(`${file}: no shebang`);
  chmodSync(file, 0o755);
}
console.log(`npm package built in ${out} (${walk(out).length} files)`);
