/**
 * `oktakit import users FILE`: users from NDJSON or CSV, created (`--mode create`) or created and updated by
 * login (`--mode upsert`), in parallel through the client's rate-limit scheduler (so no 429s), with a result
 * per input line in the results file. `--dry-run` sends no write: it reads, and says what would be done.
 * After an interruption, `--resume` goes on with the lines that have no result, and a create that may have
 * reached Okta without its answer is checked by login before it is sent again.
 *
 * @module
 */
import { access } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { booleanFlag, countFlag, flagHelp, type FlagSpec, parseFlags, stringFlag } from "./args.ts";
import { didYouMean } from "./did_you_mean.ts";
import { Interrupted, UsageError } from "./errors.ts";
import { GLOBAL_FLAGS } from "./help.ts";
import { type InputRecord, readRecords } from "./import_records.ts";
import { type ImportSettings, Journal, type LineResult, ResultsFile } from "./import_results.ts";
import { type ImportContext, importUser } from "./import_user.ts";
import { writeErr, writeOut } from "./output.ts";
import { runPool } from "./pool.ts";
import type { Session } from "./session.ts";

const FLAGS: FlagSpec[] = [
  {
    name: "mode",
    kind: "string",
    value: "create|upsert",
    help: "create new users only, or also update existing ones by login (default create)",
  },
  {
    name: "format",
    kind: "string",
    value: "ndjson|csv",
    help: "the input's format (default: from its extension, .csv or else NDJSON)",
  },
  {
    name: "activate",
    kind: "boolean",
    help: "activate created users (default true; --no-activate creates them STAGED)",
  },
  { name: "dry-run", kind: "boolean", help: "send no write: read the org and record what would be done" },
  {
    name: "results",
    kind: "string",
    value: "FILE",
    help: "the results file, NDJSON or .csv (default FILE.results.ndjson beside the input)",
  },
  { name: "resume", kind: "boolean", help: "go on with the interrupted import whose results file this is" },
  {
    name: "checkpoint",
    kind: "string",
    value: "FILE",
    help: "the checkpoint journal (default RESULTS.checkpoint)",
  },
  {
    name: "concurrency",
    kind: "string",
    value: "N",
    help: "lines worked on at once (default 10; the client's scheduler sets the pace)",
  },
  ...GLOBAL_FLAGS,
];

const HELP = `oktakit import users: users from NDJSON or CSV, with a result per input line.

Usage: oktakit import users FILE [--mode create|upsert] [--dry-run] [--resume] [options]

Input: NDJSON, one user per line (as oktakit export writes them, or a bare profile such as
{"login":"ada@example.com","email":"ada@example.com","firstName":"Ada","lastName":"Lovelace"}), or CSV with
a header row: profile.login, profile.email, ... (as oktakit export --format csv writes them); a column
without a dot is a profile attribute, credentials.password.value sets a password, empty cells are left out,
and a cell holding a JSON array or object is sent as that value.

Each input line gets one result in the results file: created, updated, skipped (unchanged) or failed (with
Okta's errorCode and errorSummary); a dry run records would-create and would-update instead. Upsert updates
only the profile attributes that differ (a partial update). After an interruption, run the same command
with --resume: lines with a result are not done again, and a create that may have reached Okta without its
answer is looked up by login before being sent again, so no user is created twice.

Options:
${flagHelp(FLAGS)}

Example:
  oktakit import users people.csv --mode upsert --dry-run
`;

/** Settings from the command line. */
function settingsOf(flags: ReturnType<typeof parseFlags>, input: string): ImportSettings {
  const mode = stringFlag(flags, "mode") ?? "create";
  if (mode !== "create" && mode !== "upsert") {
    throw new UsageError(
      `--mode takes create or upsert (got "${mode}").${didYouMean(mode, ["create", "upsert"])}`,
    );
  }
  const format = stringFlag(flags, "format") ?? (extname(input).toLowerCase() === ".csv" ? "csv" : "ndjson");
  if (format !== "ndjson" && format !== "csv") {
    throw new UsageError(
      `--format takes ndjson or csv (got "${format}").${didYouMean(format, ["ndjson", "csv"])}`,
    );
  }
  return { input: resolve(input), format, mode, activate: booleanFlag(flags, "activate", true) };
}

/** Runs `oktakit import ...argv`; returns the exit code. */
export async function runImport(session: Session, argv: string[]): Promise<number> {
  const flags = parseFlags(argv, FLAGS, "oktakit import");
  const [what, input, ...extra] = flags.positionals;
  if (booleanFlag(flags, "help")) {
    await writeOut(HELP);
    return 0;
  }
  if (what !== "users") {
    const hint = what ? ` (got "${what}").${didYouMean(what, ["users"])}` : ".";
    throw new UsageError(`oktakit import imports users: oktakit import users FILE${hint}`);
  }
  if (input === undefined) throw new UsageError("Name the file to import: oktakit import users FILE.");
  if (extra.length) {
    throw new UsageError(`oktakit import users takes one file (got also "${extra.join(" ")}").`);
  }
  try {
    await access(input);
  } catch {
    throw new UsageError(`Cannot read ${input}: no such file.`);
  }
  const settings = settingsOf(flags, input);
  const dryRun = booleanFlag(flags, "dry-run");
  const resume = booleanFlag(flags, "resume");
  const concurrency = countFlag(flags, "concurrency") ?? 10;
  // A dry run's results go beside a real run's without blocking it.
  const resultsPath = stringFlag(flags, "results") ??
    join(dirname(input), `${basename(input)}.${dryRun ? "dry-run" : "results"}.ndjson`);
  const checkpointPath = stringFlag(flags, "checkpoint") ?? `${resultsPath}.checkpoint`;
  const exists = await access(resultsPath).then(() => true, () => false);
  if (resume && !exists) {
    throw new UsageError(`Nothing to resume: there is no results file at ${resultsPath}.`);
  }
  if (!resume && exists) {
    throw new UsageError(
      `${resultsPath} exists: add --resume to go on with that import, or give another --results file (or delete it).`,
    );
  }
  const okta = await session.client();
  // The dry run keeps no journal: it sends no create.
  const opened = dryRun ? undefined : await Journal.open(checkpointPath, settings, resume);
  if (opened?.saved) {
    for (const key of ["input", "format", "mode", "activate"] as const) {
      if (opened.saved[key] !== settings[key]) {
        await opened.journal.close(false);
        throw new UsageError(
          `--resume goes on with the import as it was started, and ${checkpointPath} records ${key} = ` +
            `${JSON.stringify(opened.saved[key])}, not ${JSON.stringify(settings[key])}.`,
        );
      }
    }
  }
  const { file: results, done } = await ResultsFile.open(resultsPath, resume);
  const counts = { created: 0, updated: 0, skipped: 0, failed: 0, "would-create": 0, "would-update": 0 };
  const progress = session.progress;
  progress.label = `import ${basename(input)}`;
  progress.detail = () =>
    Object.entries(counts).filter(([, n]) => n > 0).map(([what, n]) => `${n.toLocaleString("en-US")} ${what}`)
      .join(", ");
  // The total, for the ETA: one cheap pass over the input (parsing only).
  let total = 0;
  for await (const record of readRecords(input, settings.format)) if (!done.has(record.line)) total++;
  progress.total = total;
  progress.start();
  const ctx: ImportContext = {
    okta,
    signal: session.signal,
    mode: settings.mode,
    activate: settings.activate,
    dryRun,
    journal: opened?.journal,
    sentBefore: new Set([...(opened?.sent ?? [])].filter((line) => !done.has(line))),
  };
  const pending = async function* (): AsyncGenerator<InputRecord> {
    for await (const record of readRecords(input, settings.format)) if (!done.has(record.line)) yield record;
  };
  let complete = false;
  try {
    await runPool(pending(), concurrency, async (record) => {
      const result: LineResult = await importUser(ctx, record);
      await results.record(result);
      counts[result.result]++;
      progress.items++;
    }, () => session.signal.aborted);
    complete = !session.signal.aborted;
  } catch (error) {
    if (!session.signal.aborted) {
      progress.stop();
      writeErr(`oktakit: import stopped: ${(error as Error).message}`);
      writeErr(`oktakit: the lines done are in ${resultsPath}; run the same command with --resume to go on.`);
      return 1;
    }
  } finally {
    await results.close();
    await opened?.journal.close(complete);
  }
  if (!complete) {
    progress.stop();
    throw new Interrupted(
      `import interrupted after ${progress.items} lines (results in ${resultsPath}); ` +
        "run the same command with --resume to go on.",
    );
  }
  const before = done.size ? ` (${done.size} done before)` : "";
  progress.finish(
    `import ${dryRun ? "dry run " : ""}done in ${
      progress.elapsedSeconds().toFixed(1)
    } s: ${progress.items} lines${before}, ` +
      `${progress.detail() || "nothing to do"}; results in ${resultsPath}`,
  );
  return counts.failed > 0 ? 1 : 0;
}
