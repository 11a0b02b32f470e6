/**
 * The words configuration errors share: how a value is shown, every place a missing value can be set, and
 * which Deno permission flag was missing when a source could not be read.
 *
 * @module
 */
import { envNames, fieldAt } from "./fields.ts";

/** What the sources could and could not offer, for messages about missing values. */
export interface Places {
  /** Whether environment variables were read at all (`sources: false` reads none). */
  env: boolean;
  /**
   * Whether the caller turned every source off (`sources: false`, or both `env` and `files` false). A
   * runtime with neither files nor environment (a Worker) leaves this unset: the caller set nothing.
   */
  off?: boolean;
  /** The YAML files looked at, as shown to users (`~/.okta/okta.yaml`, `./okta.yaml`). */
  files: string[];
  /** Environment names set to empty text. */
  emptyEnv: string[];
  /** Environment names the runtime would not let us read (Deno without `--allow-env`). */
  deniedEnv: string[];
  /** Files the runtime would not let us read, and the Deno flag that would allow it. */
  deniedFiles: { path: string; flag: string }[];
}

/**
 * A value as messages show it: JSON text (quoted, control characters escaped), the credentials of a URL
 * masked, long text cut. Only ever called for fields that are not secret.
 */
export function show(value: unknown): string {
  if (typeof value !== "string") return typeof value === "number" ? String(value) : JSON.stringify(value);
  let text = value;
  if (/:\/\/[^\s]*@/.test(text)) {
    try {
      const url = new URL(text);
      if (url.username || url.password) text = `${url.protocol}//***@${url.host}${url.pathname}${url.search}`;
    } catch {
      text = text.replace(/(:\/\/)[^\s]*@/, "$1***@");
    }
  }
  if (text.length > 100) text = `${text.slice(0, 97)}...`;
  return JSON.stringify(text);
}

/** `a`, `a or b`, `a, b, or c`. */
export function either(items: string[]): string {
  if (items.length <= 2) return items.join(" or ");
  return `${items.slice(0, -1).join(", ")}, or ${items[items.length - 1]}`;
}

/** The constructor option for a dotted path: `client.proxy.host` → `proxy.host`. */
export function optionName(path: string): string {
  return path.replace(/^client\./, "");
}

/**
 * Every place a missing field can be set, as one sentence: both environment spellings, the YAML path in
 * the files looked at, the constructor option; then what kept a source from being read.
 */
export function whereToSet(path: string, places: Places): string {
  const field = fieldAt(path);
  const names = field ? envNames(field) : [];
  const parts: string[] = [];
  if (places.env && names.length) {
    parts.push(names.length > 1 ? `${names[0]} (or ${names.slice(1).join(", ")})` : names[0]);
  }
  if (places.files.length) parts.push(`okta.${path} in ${either(places.files)}`);
  parts.push(`the ${optionName(path)} option`);
  let text = `Set ${either(parts)}.`;
  if (places.off) text += " (sources: false reads no files or environment.)";
  const empty = names.filter((name) => places.emptyEnv.includes(name));
  if (empty.length) text = `${either(empty)} is set but empty. ${text}`;
  return text + permissionHint(names, places);
}

/** Which Deno flags would have let the sources holding `names` (and the files) be read. */
function permissionHint(names: string[], places: Places): string {
  const unread: string[] = [];
  const flags = new Set<string>();
  const deniedNames = names.filter((name) => places.deniedEnv.includes(name));
  if (deniedNames.length) {
    unread.push(deniedNames[0]);
    flags.add("--allow-env");
  }
  for (const { path, flag } of places.deniedFiles) {
    unread.push(path);
    flags.add(flag);
  }
  if (!unread.length) return "";
  return ` Deno was not allowed to read ${either(unread)}: run with ${[...flags].join(" ")}` +
    (deniedNames.length ? ` (or --allow-env=${deniedNames[0]}).` : ".");
}
