/**
 * Command-line flags, parsed with `node:util`'s `parseArgs` (Deno, Bun and Node have it) in its lenient
 * mode, with every check made here so each mistake gets a message that says what to do, with a
 * did-you-mean: an unknown flag, a missing value, a flag given twice.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { didYouMean } from "./did_you_mean.ts";
import { UsageError } from "./errors.ts";

/** One flag a command accepts. */
export interface FlagSpec {
  /** The name without dashes (`max-pages`). */
  name: string;
  /** A flag that takes a value, or a switch (`--dry-run`, `--no-activate`, `--activate=false`). */
  kind: "string" | "boolean";
  /** May be given more than once (each value is kept, in order). */
  multiple?: boolean;
  /** The value's placeholder in help (`N`, `FILE`). */
  value?: string;
  /** One line of help. */
  help: string;
}

/** What a command line held, checked against the command's flags. */
export interface ParsedFlags {
  /** Arguments that are not flags, in order (everything after `--` included). */
  positionals: string[];
  /** Each flag given, by name, with its values in order. */
  values: Map<string, (string | boolean)[]>;
}

/** Flags that would put a secret on the command line, where shell history keeps it. */
const SECRETS = new Set(["token", "api-token", "apiToken", "private-key", "privateKey", "client-secret"]);

const SECRET_MESSAGE =
  "oktakit takes no credentials on the command line, where your shell history would keep them: " +
  "set OKTA_CLIENT_TOKEN (or, for a service app, OKTA_CLIENT_AUTHORIZATIONMODE=PrivateKey with " +
  "OKTA_CLIENT_CLIENTID, OKTA_CLIENT_SCOPES and OKTA_CLIENT_PRIVATEKEY), or put them in ./okta.yaml or " +
  "~/.okta/okta.yaml under okta.client.";

function booleanValue(flag: string, text: string): boolean {
  const lower = text.toLowerCase();
  if (["true", "1", "yes"].includes(lower)) return true;
  if (["false", "0", "no"].includes(lower)) return false;
  throw new UsageError(
    `--${flag} is a switch: give it alone, or as --${flag}=true or --${flag}=false (got "${text}").`,
  );
}

/**
 * Parses `args` against `specs`. `command` names the command in messages (`oktakit user listUsers`).
 * `-h` is `--help`.
 */
export function parseFlags(args: string[], specs: readonly FlagSpec[], command: string): ParsedFlags {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const options = Object.fromEntries(specs.map((s) => [s.name, { type: s.kind, multiple: true }]));
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  const positionals: string[] = [];
  const values = new Map<string, (string | boolean)[]>();
  const add = (spec: FlagSpec, value: string | boolean, raw: string) => {
    const list = values.get(spec.name) ?? [];
    if (list.length > 0 && !spec.multiple) throw new UsageError(`${raw} is given twice; give it once.`);
    list.push(value);
    values.set(spec.name, list);
  };
  for (const token of tokens) {
    if (token.kind === "positional") positionals.push(token.value);
    if (token.kind !== "option") continue;
    const name = token.name === "h" && byName.has("help") ? "help" : token.name;
    const spec = byName.get(name);
    if (spec?.kind === "string") {
      if (token.value === undefined) {
        throw new UsageError(`${token.rawName} needs a value: ${token.rawName} ${spec.value ?? "VALUE"}.`);
      }
      add(spec, token.value, token.rawName);
    } else if (spec) {
      add(spec, token.value === undefined ? true : booleanValue(name, token.value), token.rawName);
    } else if (name.startsWith("no-") && byName.get(name.slice(3))?.kind === "boolean") {
      add(byName.get(name.slice(3))!, false, token.rawName);
    } else if (SECRETS.has(name)) {
      throw new UsageError(SECRET_MESSAGE);
    } else {
      const hint = didYouMean(name, specs.map((s) => s.name), "--");
      throw new UsageError(`${command} has no option ${token.rawName}.${hint} See ${command} --help.`);
    }
  }
  return { positionals, values };
}

/** The last value of a string flag, or `undefined`. */
export function stringFlag(flags: ParsedFlags, name: string): string | undefined {
  const value = flags.values.get(name)?.at(-1);
  return typeof value === "string" ? value : undefined;
}

/** A switch's value: `true`/`false` when given, else `fallback`. */
export function booleanFlag(flags: ParsedFlags, name: string, fallback = false): boolean {
  const value = flags.values.get(name)?.at(-1);
  return typeof value === "boolean" ? value : fallback;
}

/** A positive integer flag, or `undefined` when absent; anything else is a usage error. */
export function countFlag(flags: ParsedFlags, name: string): number | undefined {
  const text = stringFlag(flags, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new UsageError(`--${name} takes a whole number of at least 1 (got "${text}").`);
  }
  return Number(text);
}

/** A number of seconds (fractions allowed), or `undefined` when absent. */
export function secondsFlag(flags: ParsedFlags, name: string): number | undefined {
  const text = stringFlag(flags, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < 0) {
    throw new UsageError(`--${name} takes a number of seconds (got "${text}").`);
  }
  return value;
}

/** Help lines for `specs`: `  --name VALUE   help`, aligned. */
export function flagHelp(specs: readonly FlagSpec[]): string {
  const left = specs.map((s) => `  --${s.name}${s.kind === "string" ? ` ${s.value ?? "VALUE"}` : ""}`);
  const width = Math.max(...left.map((l) => l.length)) + 2;
  return specs.map((s, i) => `${left[i].padEnd(width)}${s.help}`).join("\n");
}
