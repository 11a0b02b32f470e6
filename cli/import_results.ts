/**
 * The files an import keeps: the results file, one line per input line as it completes (NDJSON, or CSV
 * when its name ends in `.csv`), and the checkpoint, an append-only journal of the creates sent. Both are
 * appended to as the work goes, so whatever stops the run, `--resume` knows which lines are done and which
 * creates may have reached Okta without their answer (those are checked by login before being sent again).
 *
 * @module
 */
import { open, readFile, rm, truncate } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";

/** What happened to one input line. */
export interface LineResult {
  /** The line (for CSV, the line its record starts on). */
  line: number;
  /** The user's login, when the line has one. */
  login?: string;
  /** The outcome; `would-create` and `would-update` are a dry run's. */
  result: "created" | "updated" | "skipped" | "failed" | "would-create" | "would-update";
  /** The user's id. */
  id?: string;
  /** Okta's error code, for a failure Okta reported. */
  errorCode?: string;
  /** Okta's summary (with its causes), or what was wrong with the line. */
  errorSummary?: string;
  /** More about the outcome (which attributes an update changed, a create whose answer was lost). */
  note?: string;
}

const COLUMNS = ["line", "login", "result", "id", "errorCode", "errorSummary", "note"] as const;

/** The text up to its last line break: a line cut short by an interruption is dropped. */
async function completeLines(path: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return undefined;
    throw error;
  }
  const end = text.lastIndexOf("\n") + 1;
  if (end < text.length) await truncate(path, new TextEncoder().encode(text.slice(0, end)).length);
  return text.slice(0, end);
}

/** An append-only file of lines. */
class Appender {
  #file: Awaited<ReturnType<typeof open>> | undefined;
  #path: string;
  #chain: Promise<void> = Promise.resolve();
  constructor(path: string) {
    this.#path = path;
  }
  /** Appends `text` (writes are queued, so concurrent workers never interleave within a line). */
  append(text: string): Promise<void> {
    this.#chain = this.#chain.then(async () => {
      this.#file ??= await open(this.#path, "a");
      await this.#file.write(text);
    });
    return this.#chain;
  }
  async close(): Promise<void> {
    await this.#chain.catch(() => {});
    await this.#file?.close();
    this.#file = undefined;
  }
}

/** The results file. */
export class ResultsFile {
  readonly #csv: boolean;
  readonly #out: Appender;

  private constructor(path: string, csv: boolean) {
    this.#csv = csv;
    this.#out = new Appender(path);
  }

  /**
   * Opens `path` for appending. `resume`: the lines already done are read from it (a line cut short by the
   * interruption is dropped); otherwise the file must not exist.
   */
  static async open(
    path: string,
    resume: boolean,
  ): Promise<{ file: ResultsFile; done: Map<number, LineResult> }> {
    const csv = path.toLowerCase().endsWith(".csv");
    const file = new ResultsFile(path, csv);
    const done = new Map<number, LineResult>();
    const text = resume ? await completeLines(path) : undefined;
    if (text) {
      const rows: LineResult[] = csv
        ? (parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[]).map((r) => ({
          ...r,
          line: Number(r.line),
        } as LineResult))
        : text.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
      for (const row of rows) done.set(row.line, row);
    } else if (csv) {
      await file.#out.append(stringify([[...COLUMNS]]));
    }
    return { file, done };
  }

  /** Records one line's outcome. */
  record(result: LineResult): Promise<void> {
    if (!this.#csv) return this.#out.append(JSON.stringify(result) + "\n");
    // One record per line (no line breaks inside cells), so a cut-off last line is found by its line break.
    const cells = COLUMNS.map((c) => String(result[c] ?? "").replace(/\r?\n/g, " "));
    return this.#out.append(stringify([cells]));
  }

  /** Closes the file. */
  close(): Promise<void> {
    return this.#out.close();
  }
}

/** The settings an import was started with; a resumed import must be asked for the same way. */
export interface ImportSettings {
  input: string;
  format: "ndjson" | "csv";
  mode: "create" | "upsert";
  activate: boolean;
}

/** The checkpoint: the import's settings, then a line per create about to be sent. */
export class Journal {
  readonly #path: string;
  readonly #out: Appender;

  private constructor(path: string) {
    this.#path = path;
    this.#out = new Appender(path);
  }

  /**
   * Opens the journal at `path`. Resuming, returns the saved settings and the lines whose create was sent
   * (their outcome is unknown unless the results file has it); otherwise starts it with `settings`.
   */
  static async open(
    path: string,
    settings: ImportSettings,
    resume: boolean,
  ): Promise<{ journal: Journal; saved?: ImportSettings; sent: Set<number> }> {
    const journal = new Journal(path);
    const sent = new Set<number>();
    const text = resume ? await completeLines(path) : undefined;
    if (text) {
      let saved: ImportSettings | undefined;
      for (const line of text.split("\n").filter((l) => l.trim())) {
        const entry = JSON.parse(line);
        if (entry.settings) saved = entry.settings;
        if (typeof entry.sending === "number") sent.add(entry.sending);
      }
      return { journal, saved, sent };
    }
    await rm(path, { force: true });
    await journal.#out.append(JSON.stringify({ settings }) + "\n");
    return { journal, sent };
  }

  /** Notes that the create of `line` is about to be sent (before it is: an answer lost later is then known). */
  sending(line: number, login: string): Promise<void> {
    return this.#out.append(JSON.stringify({ sending: line, login }) + "\n");
  }

  /** Closes the journal; `remove` deletes it (the import is complete). */
  async close(remove: boolean): Promise<void> {
    await this.#out.close();
    if (remove) await rm(this.#path, { force: true });
  }
}
