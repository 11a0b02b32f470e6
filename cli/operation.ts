/**
 * `oktakit <namespace> <method>`: one operation, called through its typed method. A single result is
 * printed as JSON; a list streams NDJSON across its pages (each page written before the next is awaited
 * further, so memory stays flat), up to `--max-pages` pages or `--max-items` items.
 *
 * @module
 */
import type { Okta, Paginated } from "../mod.ts";
import { countFlag, type ParsedFlags, parseFlags } from "./args.ts";
import { findOperation, type Operation } from "./catalog.ts";
import { UsageError } from "./errors.ts";
import { GLOBAL_FLAGS, operationHelp } from "./help.ts";
import { commonFlags, operationArgs, paramFlag } from "./operation_args.ts";
import { outputClosed, writeOut } from "./output.ts";
import type { Progress } from "./progress.ts";
import type { Session } from "./session.ts";

type Method = (...args: unknown[]) => unknown;

/** The parsed command line of one operation, ready to run. */
interface Prepared {
  op: Operation;
  flags: ParsedFlags;
  args: unknown[];
}

async function prepare(namespace: string, method: string, argv: string[]): Promise<Prepared | string> {
  const op = findOperation(namespace, method);
  const command = `oktakit ${namespace} ${op.id}`;
  const specs = [
    ...op.params.filter((p) => p.in !== "path").map(paramFlag),
    ...commonFlags(op),
    ...GLOBAL_FLAGS,
  ];
  const flags = parseFlags(argv, specs, command);
  if (flags.values.has("help")) return operationHelp(op);
  const { path, body, params } = await operationArgs(op, flags, command);
  const args: unknown[] = [...path];
  if (op.body) args.push(body);
  if (params) args.push(params);
  return { op, flags, args };
}

/** Runs `oktakit <namespace> <method> ...argv`; returns the exit code. */
export async function runOperation(
  session: Session,
  namespace: string,
  method: string,
  argv: string[],
): Promise<number> {
  const prepared = await prepare(namespace, method, argv);
  if (typeof prepared === "string") {
    await writeOut(prepared);
    return 0;
  }
  const { op, flags, args } = prepared;
  const okta = await session.client();
  const bound = okta[op.namespace as keyof Okta] as unknown as Record<string, Method>;
  let result: unknown;
  try {
    result = bound[op.id].call(bound, ...args, { signal: session.signal });
  } catch (error) {
    // The typed method refuses a path value it cannot send (such as "..") before sending anything.
    if (error instanceof TypeError) throw new UsageError(error.message);
    throw error;
  }
  if (op.paginated) {
    await streamList(result as Paginated<unknown>, flags, session.progress, op.id);
    return 0;
  }
  const value = await result;
  if (value === undefined) return 0;
  if (value instanceof Uint8Array) await writeOut(value);
  else if (typeof value === "string") await writeOut(value.endsWith("\n") ? value : `${value}\n`);
  else await writeOut(`${JSON.stringify(value, null, 2)}\n`);
  return 0;
}

/** Writes a list's items as NDJSON, page by page, within `--max-pages` and `--max-items`. */
async function streamList(list: Paginated<unknown>, flags: ParsedFlags, progress: Progress, label: string) {
  const maxPages = countFlag(flags, "max-pages");
  const maxItems = countFlag(flags, "max-items") ?? Infinity;
  progress.label = label;
  progress.start();
  for await (const page of list.pages({ maxPages })) {
    const items = page.items.slice(0, maxItems - progress.items);
    progress.pages++;
    if (items.length > 0) await writeOut(items.map((item) => JSON.stringify(item)).join("\n") + "\n");
    progress.items += items.length;
    if (progress.items >= maxItems || outputClosed()) break;
  }
  const pages = `${progress.pages} page${progress.pages === 1 ? "" : "s"}`;
  progress.finish(
    `${label}: ${progress.items} items from ${pages} in ${progress.elapsedSeconds().toFixed(1)} s`,
  );
}
