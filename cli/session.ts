/**
 * What one run of the command shares: the interruption signal, the progress line and the client (made on
 * first use, so `--help` and usage errors never read the configuration).
 *
 * @module
 */
import type { Okta } from "../mod.ts";
import { createClient } from "./client.ts";
import { Progress, type ProgressOptions } from "./progress.ts";

/** One run's shared state. */
export class Session {
  /** Aborts when the run is interrupted (Ctrl-C, SIGTERM). */
  readonly signal: AbortSignal;
  /** The progress line on stderr. */
  readonly progress: Progress;
  #client: Promise<Okta> | undefined;

  /**
   * @param signal Aborts on interruption.
   * @param progress How progress is shown.
   */
  constructor(signal: AbortSignal, progress: ProgressOptions) {
    this.signal = signal;
    this.progress = new Progress(progress);
  }

  /** The client, configured and checked on first use. */
  client(): Promise<Okta> {
    return this.#client ??= createClient(this.progress);
  }
}
