/**
 * Refreshes the API description the project carries in `spec/` from Okta's upstream OpenAPI file, then
 * regenerates `api/` and `models/` from it.
 *
 * ```sh
 * npm run update-spec -- ../shared/spec/okta-management.yaml
 * npm run update-spec -- path/to/management-oneOfInheritance.yaml --commit 0123abc --date 2026-09-30
 * ```
 *
 * The upstream file is `dist/current/management-oneOfInheritance.yaml` of
 * `okta/okta-management-openapi-spec`. `--commit` and `--date` name the upstream commit it was taken
 * from; they may be left out when the file is the one the extract already records (same SHA-256).
 * Writes `spec/okta-management.json` (see `scripts/spec_extract.ts` for what is kept), `spec/README.md`
 * and `NOTICE`, then runs `codegen/main.ts`.
 *
 * @module
 */
import { parse } from "@std/yaml";
import { extractSpec, type Json, type Provenance, serializeSpec, SOURCE_KEY } from "./spec_extract.ts";
import { specNotice, specReadme } from "./spec_readme.ts";
import { checkOverlay } from "../codegen/overlay.ts";

const ROOT = new URL("../", import.meta.url);
const EXTRACT = new URL("spec/okta-management.json", ROOT);
const README = new URL("spec/README.md", ROOT);
const UPSTREAM = {
  repository: "okta/okta-management-openapi-spec",
  file: "dist/current/management-oneOfInheritance.yaml",
};

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? undefined : args[i + 1];
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The commit and date: from the flags, or from the current extract when it came from the same bytes. */
async function commitAndDate(args: string[], hash: string): Promise<{ commit: string; date: string }> {
  const commit = flag(args, "commit");
  const date = flag(args, "date");
  if (commit && date) return { commit, date };
  let previous: Partial<Provenance> = {};
  try {
    previous = (JSON.parse(await Deno.readTextFile(EXTRACT)) as Json)[SOURCE_KEY] as Provenance;
  } catch { /* no extract yet */ }
  if (previous.sha256 === hash && previous.commit && previous.date) {
    return { commit: commit ?? previous.commit, date: date ?? previous.date };
  }
  throw new Error(
    "this upstream file is not the one spec/okta-management.json records: pass --commit <hash> and " +
      `--date <YYYY-MM-DD> of the ${UPSTREAM.repository} commit it comes from`,
  );
}

async function run(...args: string[]): Promise<number> {
  const command = new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    stdout: "inherit",
    stderr: "inherit",
  });
  return (await command.output()).code;
}

async function main(args: string[]): Promise<number> {
  const positional = args.filter((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
  if (positional.length !== 1) {
    console.error(
      "usage: deno run -A scripts/update_spec.ts <upstream okta-management.yaml> " +
        "[--commit <hash> --date <YYYY-MM-DD>]",
    );
    return 2;
  }
  const bytes = await Deno.readFile(positional[0]);
  const upstream = parse(new TextDecoder().decode(bytes)) as Json;
  const info = (upstream.info ?? {}) as { version?: string; license?: { name?: string } };
  if (info.license?.name !== "Apache-2.0") {
    throw new Error(
      `expected an Apache-2.0 description, found licence ${JSON.stringify(info.license?.name)}`,
    );
  }
  const hash = await sha256(bytes);
  const source: Provenance = {
    ...UPSTREAM,
    ...(await commitAndDate(args, hash)),
    apiVersion: String(info.version),
    license: "Apache-2.0",
    sha256: hash,
  };
  const { spec, dropped } = extractSpec(upstream, source);
  const text = serializeSpec(spec);
  await Deno.mkdir(new URL("spec/", ROOT), { recursive: true });
  await Deno.writeTextFile(EXTRACT, text);
  const overlay = checkOverlay(JSON.parse(await Deno.readTextFile(new URL("spec/overlay.json", ROOT))));
  await Deno.writeTextFile(README, specReadme(spec, overlay));
  await Deno.writeTextFile(new URL("NOTICE", ROOT), specNotice(spec));
  const left = [...dropped].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(", ");
  console.log(
    `update-spec: ${(bytes.length / 1e6).toFixed(1)} MB upstream → ${(text.length / 1e6).toFixed(1)} MB ` +
      `spec/okta-management.json (API ${source.apiVersion}, ${source.repository}@${source.commit}).`,
  );
  console.log(`update-spec: left out ${left}.`);
  // The README's line breaks are left to the formatter, as for every other Markdown file.
  if (await run("fmt", "--quiet", "spec/README.md")) return 1;
  return await run("run", "-A", "codegen/main.ts", "spec/okta-management.json");
}

if (import.meta.main) Deno.exit(await main(Deno.args));
