/**
 * `oktakit logs tail`: the System Log as NDJSON, from `--since` on, polling for new events as the library's
 * `tailLogs` does until Ctrl-C; with `--until`, the events of that window and then the end.
 *
 * @module
 */
import {
  booleanFlag,
  countFlag,
  flagHelp,
  type FlagSpec,
  parseFlags,
  secondsFlag,
  stringFlag,
} from "./args.ts";
import { didYouMean } from "./did_you_mean.ts";
import { Interrupted, UsageError } from "./errors.ts";
import { GLOBAL_FLAGS } from "./help.ts";
import { outputClosed, writeOut } from "./output.ts";
import type { Session } from "./session.ts";

const FLAGS: FlagSpec[] = [
  {
    name: "since",
    kind: "string",
    value: "TIME|15m",
    help: "from this time (ISO 8601) or this long ago (30s, 15m, 2h, 7d); default now",
  },
  {
    name: "until",
    kind: "string",
    value: "TIME|5m",
    help: "up to this time: list the window and end instead of polling",
  },
  {
    name: "filter",
    kind: "string",
    value: "EXPR",
    help: 'a System Log filter, such as eventType eq "user.session.start"',
  },
  { name: "q", kind: "string", value: "WORDS", help: "keywords to search for" },
  {
    name: "interval",
    kind: "string",
    value: "SECONDS",
    help: "seconds between polls once caught up (default 10)",
  },
  { name: "limit", kind: "string", value: "N", help: "page size (at most 1000)" },
  ...GLOBAL_FLAGS,
];

const HELP = `oktakit logs tail: the System Log as NDJSON on stdout.

Usage: oktakit logs tail [--since TIME|15m] [--until TIME] [--filter EXPR] [--q WORDS]

Without --until it keeps polling for new events (every --interval seconds once caught up) until Ctrl-C,
which ends it cleanly (exit code 130). With --until it lists that window and ends.

Options:
${flagHelp(FLAGS)}

Example:
  oktakit logs tail --since 1h --filter 'eventType sw "user.lifecycle"' | jq -r .displayMessage
`;

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** An ISO 8601 time, or a duration ago (`15m`), as an ISO string. */
export function timeFlag(name: string, text: string, now = Date.now()): string {
  const relative = /^(\d+(?:\.\d+)?)([smhd])$/.exec(text.trim());
  if (relative) return new Date(now - Number(relative[1]) * UNITS[relative[2]] * 1000).toISOString();
  const time = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(time)) {
    throw new UsageError(
      `--${name} takes an ISO 8601 time (2026-01-31T12:00:00Z) or a duration ago (30s, 15m, 2h, 7d); got "${text}".`,
    );
  }
  return new Date(time).toISOString();
}

/** Runs `oktakit logs ...argv`; returns the exit code. */
export async function runLogs(session: Session, argv: string[]): Promise<number> {
  const flags = parseFlags(argv, FLAGS, "oktakit logs");
  const [sub, ...rest] = flags.positionals;
  if (booleanFlag(flags, "help") || sub === undefined) {
    if (sub === undefined && !booleanFlag(flags, "help")) {
      throw new UsageError(`Name the subcommand: oktakit logs tail.\n\n${HELP}`);
    }
    await writeOut(HELP);
    return 0;
  }
  if (sub !== "tail") {
    throw new UsageError(`oktakit logs has one subcommand, tail (got "${sub}").${didYouMean(sub, ["tail"])}`);
  }
  if (rest.length) {
    throw new UsageError(
      `oktakit logs tail takes no arguments besides its options (got "${rest.join(" ")}").`,
    );
  }
  const since = stringFlag(flags, "since");
  const until = stringFlag(flags, "until");
  const query = {
    since: since === undefined ? new Date().toISOString() : timeFlag("since", since),
    filter: stringFlag(flags, "filter"),
    q: stringFlag(flags, "q"),
    limit: countFlag(flags, "limit"),
  };
  const interval = secondsFlag(flags, "interval");
  const okta = await session.client();
  const progress = session.progress;
  progress.label = "logs";
  progress.start();
  const events = until === undefined
    ? okta.tailLogs({ ...query, interval, signal: session.signal })
    : okta.systemLog.listLogEvents({ ...query, until: timeFlag("until", until) }, { signal: session.signal });
  try {
    for await (const event of events) {
      await writeOut(`${JSON.stringify(event)}\n`);
      progress.items++;
      if (outputClosed()) break;
    }
  } catch (error) {
    if (!session.signal.aborted) throw error;
  }
  progress.finish(`logs: ${progress.items} events in ${progress.elapsedSeconds().toFixed(1)} s`);
  // tailLogs ends quietly when its signal aborts: Ctrl-C is the normal end of a tail, and still exit 130.
  if (session.signal.aborted) throw new Interrupted("logs tail stopped.");
  return 0;
}
