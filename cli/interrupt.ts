/**
 * Ctrl-C and SIGTERM as an `AbortSignal`: the first one asks the work to stop at a safe point (requests in
 * flight are aborted, checkpoints stay as last written, the exit code is 130); a second one exits at once.
 *
 * @module
 */
import process from "node:process";
import { writeErr } from "./output.ts";

/** The interruption of one run. */
export interface Interruption {
  /** Aborts on the first SIGINT or SIGTERM. */
  readonly signal: AbortSignal;
  /** Stops listening (a listener left behind would keep some runtimes alive). */
  dispose(): void;
}

/** Listens for SIGINT and SIGTERM until disposed. */
export function listenForInterrupt(): Interruption {
  const controller = new AbortController();
  const onSignal = (name: string) => {
    if (controller.signal.aborted) {
      writeErr(`oktakit: ${name} again: exiting now.`);
      process.exit(130);
    }
    controller.abort(new Error(`interrupted by ${name}`));
  };
  const onInt = () => onSignal("SIGINT");
  const onTerm = () => onSignal("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  return {
    signal: controller.signal,
    dispose() {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
    },
  };
}
