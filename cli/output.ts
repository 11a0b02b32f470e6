/**
 * stdout for data only (so `oktakit ... | jq` works) and stderr for messages, with backpressure: a write
 * waits for a slow reader instead of buffering a whole export in memory. A reader that goes away
 * (`| head`) ends the output quietly, as command-line tools do.
 *
 * @module
 */
import process from "node:process";

let closed = false;
process.stdout.on?.("error", () => closed = true);

/** True once the reader of stdout has gone away (a closed pipe): further output is dropped. */
export function outputClosed(): boolean {
  return closed;
}

/** Writes `chunk` to stdout, waiting for the reader when its buffer is full. */
export function writeOut(chunk: string | Uint8Array): Promise<void> {
  if (closed) return Promise.resolve();
  return new Promise((resolve) => {
    let ok: boolean;
    try {
      ok = process.stdout.write(chunk);
    } catch {
      closed = true; // a runtime that throws on a closed pipe instead of emitting "error"
      return resolve();
    }
    if (ok) return resolve();
    const done = () => {
      process.stdout.off("drain", done);
      process.stdout.off("error", done);
      process.stdout.off("close", done);
      resolve();
    };
    process.stdout.on("drain", done);
    process.stdout.on("error", done);
    process.stdout.on("close", done);
  });
}

/** Writes a line to stderr (messages, progress). */
export function writeErr(line: string): void {
  try {
    process.stderr.write(line.endsWith("\n") ? line : `${line}\n`);
  } catch {
    // stderr gone: nothing left to tell
  }
}

/** Resolves once everything written to stdout has been handed to the operating system. */
export function flushOut(): Promise<void> {
  if (closed || process.stdout.writableLength === 0 || process.stdout.writableLength === undefined) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 2000); // never hang an exit on a stuck reader
    process.stdout.write("", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
