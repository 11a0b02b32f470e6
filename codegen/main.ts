/**
 * oktakit's code generator: reads Okta's OpenAPI description and writes `models/`, `api/` and the `exports`
 * of package.json, deno.json and jsr.json (one table, in `manifests.ts`).
 *
 * ```sh
 * deno run -A codegen/main.ts           # write, from spec/okta-management.json
 * deno run -A codegen/main.ts --check   # compare, exit 1 on drift
 * deno run -A codegen/main.ts other.json|other.yaml [--check]   # from another copy of the description
 * ```
 *
 * `spec/okta-management.json` is the structure-only extract the project carries; `npm run update-spec`
 * refreshes it from Okta's upstream file and then runs this generator. `spec/overlay.json`, what real orgs
 * do that the description does not say, is applied to whichever description is read (`overlay.ts`).
 *
 * Output is formatted with `deno fmt` (line width 110, as in deno.json) in a temporary directory
 * before it is compared or written, so a run on unchanged input changes no file.
 *
 * @module
 */
import { Analysis } from "./analysis.ts";
import { generateApi, namespaces } from "./api.ts";
import { exportsMap, MANIFESTS, manifests } from "./manifests.ts";
import { GENERATED, generateModels } from "./models.ts";
import { readOperations, requestSchemas } from "./operations.ts";
import { applyOverlay, checkOverlay, type Overlay } from "./overlay.ts";
import { loadSpec } from "./spec.ts";

const ROOT = new URL("../", import.meta.url);
/** The extract the generator reads unless told otherwise. */
const DEFAULT_SPEC = new URL("spec/okta-management.json", ROOT);
/** What real orgs do that the description does not say; applied to whichever description is read. */
const OVERLAY = new URL("spec/overlay.json", ROOT);
const DIRS = ["models", "api"] as const;

/**
 * Generates every file in memory: `models/x.ts` / `api/x.ts` → formatted source, and each manifest →
 * its text with the exports of today's namespaces.
 */
export async function generate(specPath: string | URL = DEFAULT_SPEC): Promise<Map<string, string>> {
  const spec = applyOverlay(await loadSpec(specPath), await loadOverlay());
  const operations = readOperations(spec);
  const analysis = new Analysis(spec, requestSchemas(operations));
  const raw = new Map<string, string>();
  for (const [name, text] of generateModels(analysis)) raw.set(`models/${name}.ts`, text);
  for (const [name, text] of generateApi(analysis, operations)) raw.set(`api/${name}.ts`, text);
  const out = await format(raw);
  const current = {
    "package.json": await Deno.readTextFile(new URL("package.json", ROOT)),
    "deno.json": await Deno.readTextFile(new URL("deno.json", ROOT)),
  };
  const exports = exportsMap(namespaces(operations).map((ns) => ns.file));
  for (const [path, text] of manifests(current, exports)) out.set(path, text);
  return out;
}

async function loadOverlay(): Promise<Overlay> {
  try {
    return checkOverlay(JSON.parse(await Deno.readTextFile(OVERLAY)));
  } catch (error) {
    throw new Error(`spec/overlay.json: ${(error as Error).message}`);
  }
}

async function format(files: Map<string, string>): Promise<Map<string, string>> {
  const dir = await Deno.makeTempDir({ prefix: "oktakit-codegen-" });
  try {
    for (const d of DIRS) await Deno.mkdir(`${dir}/${d}`);
    await Promise.all([...files].map(([path, text]) => Deno.writeTextFile(`${dir}/${path}`, text)));
    const fmt = new Deno.Command(Deno.execPath(), {
      args: ["fmt", "--no-config", "--line-width=110", "--quiet", ...DIRS.map((d) => `${dir}/${d}`)],
      stdout: "inherit",
      stderr: "inherit",
    });
    const { success } = await fmt.output();
    if (!success) throw new Error("deno fmt failed on the generated code (see above)");
    const out = new Map<string, string>();
    for (const path of [...files.keys()].sort()) out.set(path, await Deno.readTextFile(`${dir}/${path}`));
    return out;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/**
 * The generated `.ts` files currently in models/ and api/ (those whose first line is the marker), and the
 * manifests as they are.
 */
async function existing(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const name of MANIFESTS) {
    try {
      out.set(name, await Deno.readTextFile(new URL(name, ROOT)));
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }
  for (const d of DIRS) {
    let entries: Deno.DirEntry[] = [];
    try {
      entries = await Array.fromAsync(Deno.readDir(new URL(`${d}/`, ROOT)));
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    for (const entry of entries) {
      if (!entry.isFile || !entry.name.endsWith(".ts")) continue;
      const text = await Deno.readTextFile(new URL(`${d}/${entry.name}`, ROOT));
      if (text.startsWith(GENERATED)) out.set(`${d}/${entry.name}`, text);
    }
  }
  return out;
}

async function main(args: string[]): Promise<number> {
  const check = args.includes("--check");
  const positional = args.filter((a) => !a.startsWith("--"));
  if (positional.length > 1) {
    console.error("usage: deno run -A codegen/main.ts [spec/okta-management.json] [--check]");
    return 2;
  }
  const started = performance.now();
  let fresh: Map<string, string>;
  try {
    fresh = await generate(positional[0] ?? DEFAULT_SPEC);
  } catch (error) {
    console.error(`codegen: ${(error as Error).message}`);
    return 2;
  }
  const current = await existing();
  const changed = [...fresh.keys()].filter((p) => current.get(p) !== fresh.get(p));
  const stale = [...current.keys()].filter((p) => !fresh.has(p)).sort();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (check) {
    if (!changed.length && !stale.length) {
      console.log(`codegen --check: ${fresh.size} files up to date (${seconds}s).`);
      return 0;
    }
    for (const p of changed) console.error(`${current.has(p) ? "differs" : "missing"}: ${p}`);
    for (const p of stale) console.error(`not generated any more: ${p}`);
    console.error(
      `codegen --check: ${changed.length + stale.length} files out of date; run codegen/main.ts.`,
    );
    return 1;
  }
  for (const d of DIRS) await Deno.mkdir(new URL(`${d}/`, ROOT), { recursive: true });
  for (const p of changed) await Deno.writeTextFile(new URL(p, ROOT), fresh.get(p)!);
  for (const p of stale) await Deno.remove(new URL(p, ROOT));
  const lines = [...fresh.values()].reduce((n, t) => n + t.split("\n").length - 1, 0);
  console.log(
    `codegen: ${fresh.size} files (${lines} lines), ${changed.length} written, ${stale.length} removed (${seconds}s).`,
  );
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
