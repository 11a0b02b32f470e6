#!/usr/bin/env node
/**
 * The `oktakit` command: every operation of Okta's Management API from the terminal, and the bulk work
 * admins do most, resumable and within the rate limits: `export` of users, groups, group members, apps and
 * their assignments to NDJSON or CSV, `import users` from NDJSON or CSV, and `logs tail`.
 *
 * Run it as `npx oktakit` or `bunx oktakit` (the npm package's `bin`), or with Deno as
 * `deno run -A jsr:@oktakit/management/cli`. It reads its configuration exactly as the library does
 * (`OKTA_CLIENT_*` environment variables, `./okta.yaml`, `~/.okta/okta.yaml`, PrivateKey mode included) and
 * never takes a credential on the command line.
 *
 * @example Every operation, exports, imports and the System Log
 * ```sh
 * oktakit user getUser ada@example.com
 * oktakit user listUsers --search 'profile.department eq "Finance"' --max-pages 2 | jq .profile.login
 * oktakit export users groups group-members --out ./backup --format csv --fields id,profile.login
 * oktakit import users people.csv --mode upsert --dry-run
 * oktakit logs tail --since 15m --filter 'eventType eq "user.session.start"'
 * ```
 *
 * Importing this module as a library does nothing but define {@linkcode main}; it runs the command when it
 * is the program's entry point.
 *
 * @module
 */
import process from "node:process";
import { isConfigError, isOktaError, OktaClient } from "../core.ts";
import { findNamespace } from "./catalog.ts";
import { Interrupted, UsageError } from "./errors.ts";
import { runExport } from "./export.ts";
import { namespaceHelp, rootHelp } from "./help.ts";
import { runImport } from "./import.ts";
import { listenForInterrupt } from "./interrupt.ts";
import { runLogs } from "./logs.ts";
import { runOperation } from "./operation.ts";
import { flushOut, writeErr, writeOut } from "./output.ts";
import type { ProgressOptions } from "./progress.ts";
import { Session } from "./session.ts";

/** The package version, as the client's User-Agent carries it (one source of truth: the library's). */
async function version(): Promise<string> {
  const probe = new OktaClient({ orgUrl: "https://example.okta.com", token: "-", sources: false });
  const agent = (await probe.getDefaultHeaders())["user-agent"];
  return /^oktakit\/(\S+)/.exec(agent)?.[1] ?? "unknown";
}

/** `--quiet` and `--progress-interval`, read before the command's own flags (which accept them too). */
function progressOptions(argv: string[]): ProgressOptions {
  const options: ProgressOptions = { quiet: argv.includes("--quiet") };
  const at = argv.findIndex((a) => a === "--progress-interval" || a.startsWith("--progress-interval="));
  if (at >= 0) {
    const text = argv[at].includes("=") ? argv[at].slice(argv[at].indexOf("=") + 1) : argv[at + 1];
    const seconds = Number(text);
    if (!text || !Number.isFinite(seconds) || seconds <= 0) {
      throw new UsageError(`--progress-interval takes a number of seconds above 0 (got "${text ?? ""}").`);
    }
    options.intervalSeconds = seconds;
  }
  return options;
}

async function dispatch(session: Session, argv: string[]): Promise<number> {
  const [first, second] = argv;
  if (first === undefined) {
    writeErr(rootHelp(await version()));
    return 2;
  }
  if (first === "--help" || first === "-h" || first === "help") {
    await writeOut(rootHelp(await version()));
    return 0;
  }
  if (first === "--version" || first === "-V") {
    await writeOut(`${await version()}\n`);
    return 0;
  }
  if (first.startsWith("-")) {
    throw new UsageError(
      `Put the command first: oktakit <namespace> <method> ${first} ... (see oktakit --help).`,
    );
  }
  if (first === "export") return await runExport(session, argv.slice(1));
  if (first === "import") return await runImport(session, argv.slice(1));
  if (first === "logs") return await runLogs(session, argv.slice(1));
  const namespace = findNamespace(first);
  if (second === undefined || second === "--help" || second === "-h") {
    if (second === undefined) {
      throw new UsageError(`Name a method: oktakit ${namespace} <method>.\n\n${namespaceHelp(namespace)}`);
    }
    await writeOut(namespaceHelp(namespace));
    return 0;
  }
  if (second.startsWith("-")) {
    throw new UsageError(`Name a method before the options: oktakit ${namespace} <method> ${second} ...`);
  }
  return await runOperation(session, namespace, second, argv.slice(2));
}

/** What a failure prints, and its exit code. */
function report(error: unknown, interrupted: boolean): number {
  if (error instanceof UsageError || error instanceof Interrupted) {
    writeErr(`oktakit: ${error.message}`);
    return error.exitCode;
  }
  if (interrupted) {
    writeErr("oktakit: interrupted.");
    return 130;
  }
  if (isConfigError(error)) {
    writeErr(`oktakit: ${error.message}`);
    return 2;
  }
  if (isOktaError(error)) {
    writeErr(`oktakit: ${error.message}`);
    return 1;
  }
  const debug = process.env.OKTAKIT_DEBUG ? `\n${(error as Error)?.stack ?? ""}` : "";
  writeErr(`oktakit: ${(error as Error)?.message ?? String(error)}${debug}`);
  return 1;
}

/**
 * Runs the command with `argv` (the arguments after the program name) and returns its exit code: 0 done,
 * 1 failures (an error from Okta, or failed lines recorded in a results file), 2 a usage or configuration
 * error (nothing was sent), 130 interrupted. Output goes to stdout, messages and progress to stderr.
 *
 * @example
 * ```ts ignore
 * import { main } from "@oktakit/management/cli";
 * const code = await main(["user", "listUsers", "--max-items", "10"]);
 * ```
 */
export async function main(argv: string[]): Promise<number> {
  const interruption = listenForInterrupt();
  let session: Session | undefined;
  try {
    session = new Session(interruption.signal, progressOptions(argv));
    return await dispatch(session, argv);
  } catch (error) {
    return report(error, interruption.signal.aborted);
  } finally {
    session?.progress.stop();
    interruption.dispose();
  }
}

// The program's entry point (Deno, Bun and Node 24 say so; Node 22 has no import.meta.main, so there the
// module always runs, which is what its `bin` needs).
if ((import.meta as { main?: boolean }).main !== false) {
  const code = await main(process.argv.slice(2));
  await flushOut();
  process.exit(code);
}
