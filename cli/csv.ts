/**
 * CSV through `csv-parse` and `csv-stringify` (RFC 4180 quoting: commas, quotes and line breaks inside
 * values survive a round trip; UTF-8 throughout, a byte-order mark on input is skipped). A cell holds a
 * string; numbers and booleans are written as text, and objects and arrays as JSON.
 *
 * @module
 */
import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { stringify } from "csv-stringify/sync";
import { getPath } from "./fields.ts";

/** The header line for `fields`. */
export function csvHeader(fields: readonly string[]): string {
  return stringify([fields as string[]]);
}

/** One cell: empty for a missing or null value, JSON for an object or array, text otherwise. */
function cell(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** CSV lines for `items`, one per item, with the values at `fields`. */
export function csvRows(items: readonly unknown[], fields: readonly string[]): string {
  return stringify(items.map((item) => fields.map((field) => cell(getPath(item, field)))));
}

/** A cell read back: JSON text of an object or array becomes the value again (as {@linkcode csvRows} wrote it). */
export function cellValue(text: string): unknown {
  if (/^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      // text that merely starts with a bracket
    }
  }
  return text;
}

/** One record of a CSV file: the line it starts on and its cells by column name. */
export interface CsvRecord {
  /** 1-based line number where the record starts (the header is line 1). */
  line: number;
  /** Cells by column name. */
  cells: Record<string, string>;
}

/** The records of the CSV file at `path`, streamed (memory stays flat whatever the file's size). */
export async function* readCsv(path: string): AsyncGenerator<CsvRecord> {
  const parser = createReadStream(path).pipe(
    parse({ columns: true, info: true, bom: true, skip_empty_lines: true }),
  );
  // info.lines is where a record ends; where it starts follows from where the previous one ended and the
  // empty lines skipped since (a quoted value may span lines).
  let previousEnd = 1;
  let previousEmpty = 0;
  for await (
    const { record, info } of parser as AsyncIterable<
      { record: Record<string, string>; info: { lines: number; empty_lines: number } }
    >
  ) {
    const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
    yield { line, cells: record };
  }
}
