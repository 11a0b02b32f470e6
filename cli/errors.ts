/**
 * The command's own failures, each with its exit code: a usage error (2) is found before anything is sent;
 * an interruption (130) ends work that was saved so far. Failures from Okta are the library's `OktaError`s.
 *
 * @module
 */

/** A mistake on the command line or in an input file's settings: exit code 2, nothing was sent. */
export class UsageError extends Error {
  /** Always 2. */
  readonly exitCode = 2;
  /** @param message What is wrong and what to do about it. */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** The work was interrupted (Ctrl-C, SIGTERM): exit code 130, the conventional 128 + SIGINT. */
export class Interrupted extends Error {
  /** Always 130. */
  readonly exitCode = 130;
  /** @param message What was saved and how to go on. */
  constructor(message = "interrupted") {
    super(message);
    this.name = "Interrupted";
  }
}

/** The exit codes, as `--help` documents them. */
export const EXIT = { ok: 0, failures: 1, usage: 2, interrupted: 130 } as const;
