/**
 * Reading NDJSON (one JSON value per line) as a stream, with line numbers; blank lines are skipped.
 *
 * @module
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

/** One non-blank line of an NDJSON file. */
export interface NdjsonLine {
  /** 1-based line number. */
  line: number;
  /** The line's text. */
  text: string;
}

/** The non-blank lines of the file at `path`, streamed. */
export async function* readNdjsonLines(path: string): AsyncGenerator<NdjsonLine> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      if (text.trim() !== "") yield { line, text };
    }
  } finally {
    lines.close();
  }
}
