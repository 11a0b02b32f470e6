/**
 * The command line of one operation, turned into its method's arguments: path parameters from the
 * positionals in the path's order, query and header parameters from flags (converted to their types, enum
 * values checked), the body from `--body`. Every problem is a usage error before anything is sent.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import process from "node:process";
import { buffer } from "node:stream/consumers";
import type { OperationParam } from "../api/_operations.ts";
import type { FlagSpec, ParsedFlags } from "./args.ts";
import type { Operation } from "./catalog.ts";
import { didYouMean } from "./did_you_mean.ts";
import { UsageError } from "./errors.ts";

/** The flags every operation takes besides its own parameters. */
export function commonFlags(op: Operation): FlagSpec[] {
  const flags: FlagSpec[] = [];
  if (op.body) {
    flags.push({
      name: "body",
      kind: "string",
      value: "FILE|-|JSON",
      help: `the request body${op.body.required ? " (required)" : ""}: ${bodyHelp(op)}`,
    });
  }
  if (op.paginated) {
    flags.push(
      { name: "max-pages", kind: "string", value: "N", help: "stop after N pages" },
      { name: "max-items", kind: "string", value: "N", help: "stop after N items" },
    );
  }
  return flags;
}

function bodyHelp(op: Operation): string {
  switch (op.body!.kind) {
    case "json":
      return "a JSON file, - for stdin, or JSON text";
    case "form":
      return "a JSON object of form fields (file, - or text)";
    case "multipart":
      return "the file to upload (sent as the form field `file`)";
    default:
      return `a file sent as it is (${op.body!.mediaType}), or - for stdin`;
  }
}

/** A query or header parameter as a flag. */
export function paramFlag(p: OperationParam): FlagSpec {
  const item = p.type.replace(/\[\]$/, "");
  const facts = [p.in === "header" ? "header" : "query", p.format, p.required ? "required" : undefined];
  const values = p.enum && p.enum.length > 4 ? `; one of ${p.enum.join(", ")}` : "";
  const repeat = p.type.endsWith("[]") ? "; repeat for several" : "";
  return {
    name: p.name,
    kind: p.type === "boolean" ? "boolean" : "string",
    multiple: p.type.endsWith("[]"),
    value: p.enum && p.enum.length <= 4 ? p.enum.join("|") : item.toUpperCase(),
    help: `${facts.filter(Boolean).join(", ")}${values}${repeat}`,
  };
}

/** One value of `p` from its flag's text, converted to the parameter's type. */
function convert(p: OperationParam, raw: string | boolean): string | number | boolean {
  const type = p.type.replace(/\[\]$/, "");
  if (typeof raw === "boolean") return raw; // a switch, already read as true/false
  if (type === "integer") {
    if (!/^-?\d+$/.test(raw)) throw new UsageError(`--${p.name} takes a whole number (got "${raw}").`);
    return Number(raw);
  }
  if (type === "number") {
    const value = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(value)) {
      throw new UsageError(`--${p.name} takes a number (got "${raw}").`);
    }
    return value;
  }
  if (p.enum && !p.enum.includes(raw)) {
    throw new UsageError(
      `--${p.name} takes one of ${p.enum.join(", ")} (got "${raw}").${didYouMean(raw, p.enum)}`,
    );
  }
  return raw;
}

/** The method's arguments before the call options: path values, then the body, then the parameters. */
export interface OperationArgs {
  /** Path parameter values in the path's order. */
  path: string[];
  /** The body, when the operation takes one (possibly `undefined` when optional and not given). */
  body?: unknown;
  /** Query and header parameters, when the operation has any. */
  params?: Record<string, unknown>;
}

/** Checks and converts the command line of `op`. */
export async function operationArgs(
  op: Operation,
  flags: ParsedFlags,
  command: string,
): Promise<OperationArgs> {
  const pathParams = op.params.filter((p) => p.in === "path");
  const given = flags.positionals;
  if (given.length !== pathParams.length) {
    const usage = pathParams.map((p) => `<${p.name}>`).join(" ");
    const which = given.length < pathParams.length
      ? `is missing ${pathParams.slice(given.length).map((p) => `<${p.name}>`).join(" ")}`
      : `takes ${pathParams.length || "no"} path parameter${pathParams.length === 1 ? "" : "s"}, ` +
        `and got ${given.length}: ${given.map((g) => JSON.stringify(g)).join(" ")}`;
    throw new UsageError(`${command} ${which}. Usage: ${command}${usage ? ` ${usage}` : ""} [options].`);
  }
  pathParams.forEach((p, i) => {
    if (given[i] === "") throw new UsageError(`<${p.name}> is empty.`);
    if (p.enum && !p.enum.includes(given[i])) {
      throw new UsageError(
        `<${p.name}> takes one of ${p.enum.join(", ")} (got "${given[i]}").${didYouMean(given[i], p.enum)}`,
      );
    }
  });
  const args: OperationArgs = { path: given };
  const others = op.params.filter((p) => p.in !== "path");
  if (others.length > 0) {
    const params: Record<string, unknown> = {};
    for (const p of others) {
      const values = flags.values.get(p.name);
      if (values === undefined) {
        if (p.required) throw new UsageError(`${command} needs --${p.name} (${paramFlag(p).help}).`);
        continue;
      }
      const converted = values.map((v) => convert(p, v));
      params[p.name] = p.type.endsWith("[]") ? converted : converted[0];
    }
    args.params = params;
  }
  if (op.body) {
    const source = flags.values.get("body")?.at(-1) as string | undefined;
    if (source === undefined && op.body.required) {
      throw new UsageError(`${command} needs a body: --body FILE (or --body - to read stdin).`);
    }
    args.body = source === undefined ? undefined : await readBody(op, source);
  }
  return args;
}

async function readSource(source: string): Promise<Uint8Array> {
  if (source === "-") return new Uint8Array(await buffer(process.stdin));
  try {
    return new Uint8Array(await readFile(source));
  } catch (error) {
    throw new UsageError(`--body ${source}: cannot read the file (${(error as Error).message}).`);
  }
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--body ${where} is not valid JSON: ${(error as Error).message}.`);
  }
}

/** Reads the body from a file, stdin (`-`) or inline JSON text, as the operation sends it. */
async function readBody(op: Operation, source: string): Promise<unknown> {
  const kind = op.body!.kind;
  // JSON text given inline: no file name starts with `{` or `[` in practice, and it saves a temporary file.
  const inline = (kind === "json" || kind === "form") && /^\s*[[{]/.test(source);
  if (kind === "multipart") {
    const bytes = await readSource(source);
    // Every multipart operation in the description uploads one file in the field `file`.
    return { file: new File([bytes as BlobPart], source === "-" ? "upload" : basename(source)) };
  }
  if (kind === "binary") return await readSource(source);
  const text = inline ? source : new TextDecoder().decode(await readSource(source));
  const value = parseJson(text, inline ? "(inline)" : source);
  if (kind === "form" && (typeof value !== "object" || value === null || Array.isArray(value))) {
    throw new UsageError(`--body for ${op.id} is a form: give a JSON object of its fields.`);
  }
  return value;
}
