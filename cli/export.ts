/**
 * `oktakit export <resource ...> --out DIR`: users, groups, group members, apps, app users and app groups
 * to one file each, NDJSON or CSV, streamed to disk (memory stays flat however large the org). The
 * checkpoint file in the folder holds each stream's place after every page; `--resume` goes on from it
 * after an interruption (Ctrl-C, a network failure, a 5xx beyond the retries) with no row twice and none
 * missing. It is removed once the export is complete.
 *
 * @module
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { booleanFlag, countFlag, flagHelp, type FlagSpec, parseFlags, stringFlag } from "./args.ts";
import { loadState, removeState, saveState } from "./checkpoint.ts";
import { didYouMean } from "./did_you_mean.ts";
import { Interrupted, UsageError } from "./errors.ts";
import { SOURCES } from "./export_sources.ts";
import { exportStream, type StreamState } from "./export_stream.ts";
import { parseFields } from "./fields.ts";
import { GLOBAL_FLAGS } from "./help.ts";
import { writeErr, writeOut } from "./output.ts";
import type { Session } from "./session.ts";

const FLAGS: FlagSpec[] = [
  { name: "out", kind: "string", value: "DIR", help: "the folder to write to (created if needed; required)" },
  { name: "format", kind: "string", value: "ndjson|csv", help: "file format (default ndjson)" },
  {
    name: "fields",
    kind: "string",
    value: "a,b.c",
    help:
      "fields to keep, dotted for nested ones (profile.department); CSV columns (default: a few per resource)",
  },
  {
    name: "group",
    kind: "string",
    multiple: true,
    value: "ID",
    help: "group-members of this group only (repeat)",
  },
  {
    name: "app",
    kind: "string",
    multiple: true,
    value: "ID",
    help: "app-users and app-groups of this app only (repeat)",
  },
  { name: "limit", kind: "string", value: "N", help: "page size (default: each endpoint's maximum)" },
  { name: "resume", kind: "boolean", help: "go on with the interrupted export recorded in the checkpoint" },
  {
    name: "checkpoint",
    kind: "string",
    value: "FILE",
    help: "the checkpoint file (default DIR/.oktakit-export-checkpoint.json)",
  },
  ...GLOBAL_FLAGS,
];

const HELP = `oktakit export: resources to files, one per resource, resumable.

Usage: oktakit export <resource ...> --out DIR [options]

Resources: ${SOURCES.map((s) => s.name).join(", ")}
(group-members, app-users and app-groups cover every group or app unless --group/--app name some.)

Each resource goes to DIR/<resource>.ndjson (one JSON object per line) or DIR/<resource>.csv. After every
page the checkpoint records each file's length and the cursor of the next page; after an interruption
(Ctrl-C, a network failure, a 5xx beyond the retries), run the same command with --resume to go on without
duplicates or gaps. The checkpoint is removed when the export is complete.

Options:
${flagHelp(FLAGS)}

Example:
  oktakit export users group-members --out ./backup --format csv --fields id,status,profile.login,profile.department
`;

/** What an export was started with; a resumed export must be asked for the same way. */
interface Settings {
  resources: string[];
  format: "ndjson" | "csv";
  fields: string[] | null;
  limit: number | null;
  groups: string[];
  apps: string[];
}

/** The checkpoint file. */
interface ExportState {
  version: 1;
  settings: Settings;
  streams: Record<string, StreamState>;
}

function readSettings(flags: ReturnType<typeof parseFlags>): Partial<Settings> {
  const settings: Partial<Settings> = {};
  const names = flags.positionals;
  for (const name of names) {
    if (!SOURCES.some((s) => s.name === name)) {
      throw new UsageError(
        `There is nothing called "${name}" to export.${didYouMean(name, SOURCES.map((s) => s.name))} ` +
          `Resources: ${SOURCES.map((s) => s.name).join(", ")}.`,
      );
    }
  }
  if (names.length) settings.resources = SOURCES.map((s) => s.name).filter((n) => names.includes(n));
  const format = stringFlag(flags, "format");
  if (format !== undefined) {
    if (format !== "ndjson" && format !== "csv") {
      throw new UsageError(
        `--format takes ndjson or csv (got "${format}").${didYouMean(format, ["ndjson", "csv"])}`,
      );
    }
    settings.format = format;
  }
  const fields = stringFlag(flags, "fields");
  if (fields !== undefined) {
    const parsed = parseFields(fields);
    if (!parsed) {
      throw new UsageError(
        `--fields takes field paths separated by commas, such as id,profile.login (got "${fields}").`,
      );
    }
    settings.fields = parsed;
  }
  const limit = countFlag(flags, "limit");
  if (limit !== undefined) settings.limit = limit;
  const groups = flags.values.get("group") as string[] | undefined;
  const apps = flags.values.get("app") as string[] | undefined;
  if (groups) settings.groups = groups;
  if (apps) settings.apps = apps;
  return settings;
}

/** The settings a resumed export keeps; anything given again must agree with them. */
function resumedSettings(saved: Settings, given: Partial<Settings>, checkpoint: string): Settings {
  for (const [key, value] of Object.entries(given)) {
    const before = saved[key as keyof Settings];
    if (JSON.stringify(value) !== JSON.stringify(before)) {
      throw new UsageError(
        `--resume goes on with the export as it was started, and ${checkpoint} records ${key} = ` +
          `${JSON.stringify(before)}, not ${
            JSON.stringify(value)
          }. Leave ${key} out, or delete the checkpoint to start over.`,
      );
    }
  }
  return saved;
}

/** Runs `oktakit export ...argv`; returns the exit code. */
export async function runExport(session: Session, argv: string[]): Promise<number> {
  const flags = parseFlags(argv, FLAGS, "oktakit export");
  if (booleanFlag(flags, "help")) {
    await writeOut(HELP);
    return 0;
  }
  const out = stringFlag(flags, "out");
  if (out === undefined) {
    throw new UsageError(
      "oktakit export needs --out DIR, the folder to write to. See oktakit export --help.",
    );
  }
  const checkpoint = stringFlag(flags, "checkpoint") ?? join(out, ".oktakit-export-checkpoint.json");
  const given = readSettings(flags);
  const saved = await loadState<ExportState>(checkpoint);
  let state: ExportState;
  if (booleanFlag(flags, "resume")) {
    if (!saved) {
      throw new UsageError(
        `Nothing to resume: there is no checkpoint at ${checkpoint} (an export removes it when complete).`,
      );
    }
    state = { ...saved, settings: resumedSettings(saved.settings, given, checkpoint) };
  } else {
    if (saved && Object.values(saved.streams).some((s) => !s.done)) {
      throw new UsageError(
        `An interrupted export is recorded in ${checkpoint}: add --resume to go on with it, or delete that file to start over.`,
      );
    }
    if (!given.resources) {
      throw new UsageError(
        `Name what to export: oktakit export <${SOURCES.map((s) => s.name).join("|")} ...> --out DIR.`,
      );
    }
    const format = given.format ?? "ndjson";
    const settings: Settings = {
      resources: given.resources,
      format,
      fields: given.fields ?? null,
      limit: given.limit ?? null,
      groups: given.groups ?? [],
      apps: given.apps ?? [],
    };
    const streams = Object.fromEntries(
      settings.resources.map((
        name,
      ) => [name, { file: `${name}.${format}`, bytes: 0, items: 0, done: false }]),
    );
    state = { version: 1, settings, streams };
  }
  const { settings } = state;
  if (settings.groups.length && !settings.resources.includes("group-members")) {
    throw new UsageError(
      "--group names the groups whose members to export: add group-members to the resources.",
    );
  }
  if (settings.apps.length && !settings.resources.some((r) => r === "app-users" || r === "app-groups")) {
    throw new UsageError(
      "--app names the apps whose assignments to export: add app-users or app-groups to the resources.",
    );
  }
  await mkdir(out, { recursive: true });
  const okta = await session.client();
  const save = () => saveState(checkpoint, state);
  await save();
  const progress = session.progress;
  progress.start();
  let current = "";
  try {
    for (const source of SOURCES.filter((s) => settings.resources.includes(s.name))) {
      current = source.name;
      const stream = state.streams[source.name];
      progress.label = `export ${source.name}`;
      let fields: string[] | undefined = settings.fields ??
        (settings.format === "csv" ? [...source.fields] : undefined);
      // A per-parent row without its parent's id would be of no use: the id column is always kept.
      const key = source.perParent?.key;
      if (fields && key && !fields.includes(key)) fields = [key, ...fields];
      await exportStream(source, stream, {
        okta,
        signal: session.signal,
        progress,
        path: join(out, stream.file),
        format: settings.format,
        fields,
        limit: settings.limit ?? source.limit,
        parentIds: source.perParent?.parent === "groups" ? settings.groups : settings.apps,
        save,
      });
      await save();
    }
  } catch (error) {
    progress.stop();
    if (session.signal.aborted) {
      throw new Interrupted(
        `export interrupted during ${current}: everything up to the last page is saved (checkpoint ${checkpoint}); ` +
          "run the same command with --resume to go on.",
      );
    }
    writeErr(
      `oktakit: export stopped during ${current}: ${(error as Error).message}\n` +
        `oktakit: everything before it is saved (checkpoint ${checkpoint}); run the same command with --resume to go on.`,
    );
    return 1;
  }
  await removeState(checkpoint);
  const counts = settings.resources.map((name) =>
    `${name} ${state.streams[name].items.toLocaleString("en-US")}`
  );
  progress.finish(`export done in ${progress.elapsedSeconds().toFixed(1)} s: ${counts.join(", ")} → ${out}`);
  return 0;
}
