/**
 * Every operation by namespace and method, from the generated operations table (the same facts the typed
 * methods are generated from), and their lookup with did-you-mean.
 *
 * @module
 */
import { type OperationInfo, operations } from "../api/_operations.ts";
import { closest, didYouMean } from "./did_you_mean.ts";
import { UsageError } from "./errors.ts";

/** An operation with its `operationId` (the method's name). */
export interface Operation extends OperationInfo {
  /** The `operationId`, which is the method's name. */
  readonly id: string;
}

let byNamespace: Map<string, Operation[]> | undefined;

/** Namespace → its operations sorted by name; namespaces in name order. */
export function namespaces(): Map<string, Operation[]> {
  if (byNamespace) return byNamespace;
  const map = new Map<string, Operation[]>();
  for (const [id, info] of Object.entries(operations)) {
    const list = map.get(info.namespace) ?? [];
    list.push({ id, ...info });
    map.set(info.namespace, list);
  }
  for (const list of map.values()) list.sort((a, b) => a.id.localeCompare(b.id));
  return byNamespace = new Map([...map].sort(([a], [b]) => a.localeCompare(b)));
}

/** `user-lifecycle`, `user_lifecycle` and `UserLifecycle` all name `userLifecycle`. */
const squash = (name: string) => name.replace(/[-_]/g, "").toLowerCase();

/** The namespace named `name` (exactly, or ignoring case, dashes and underscores), or a usage error. */
export function findNamespace(name: string): string {
  const all = namespaces();
  if (all.has(name)) return name;
  const loose = [...all.keys()].find((ns) => squash(ns) === squash(name));
  if (loose) return loose;
  // A method name typed where the namespace goes: say where it lives.
  const op = operations[name];
  if (op) {
    throw new UsageError(
      `${name} is a method of the ${op.namespace} namespace: oktakit ${op.namespace} ${name}`,
    );
  }
  throw new UsageError(
    `There is no command or namespace "${name}".${didYouMean(name, all.keys())} ` +
      "See oktakit --help for the commands and namespaces.",
  );
}

/** The operation `method` of `namespace` (exactly, or ignoring case), or a usage error. */
export function findOperation(namespace: string, method: string): Operation {
  const list = namespaces().get(namespace)!;
  const found = list.find((op) => op.id === method) ??
    list.find((op) => op.id.toLowerCase() === method.toLowerCase());
  if (found) return found;
  const elsewhere = operations[method];
  if (elsewhere) {
    throw new UsageError(
      `${method} is in the ${elsewhere.namespace} namespace, not ${namespace}: oktakit ${elsewhere.namespace} ${method}`,
    );
  }
  const names = list.map((op) => op.id);
  const near = closest(method, names);
  const hint = near.length ? ` Did you mean ${near.join(", ")}?` : "";
  throw new UsageError(
    `The ${namespace} namespace has no method "${method}".${hint} See oktakit ${namespace} --help for its ${list.length} methods.`,
  );
}
