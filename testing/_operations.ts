/**
 * Finds an operation's OAuth scopes from a table keyed by `operationId` in the shape the code
 * generator writes to `api/_operations.ts`; the org's own route table is the fallback.
 *
 * @module
 */
import { matchTemplate } from "./_router.ts";

/** One entry of the generated operations table (only the fields the fake reads). */
export interface OperationInfo {
  /** HTTP method, any case. */
  method: string;
  /** Path template such as `/api/v1/users/{id}`. */
  path: string;
  /** OAuth scopes the operation requires. */
  scopes: readonly string[];
}

/** Indexes an operations table for matching by method and concrete path. */
export function createOperationMatcher(
  operations: Record<string, OperationInfo>,
): (method: string, path: string) => { operationId: string; scopes: readonly string[] } | undefined {
  // Bucketed by method, segment count and the first three segments (or "*" when one of them is a
  // parameter), so a request compares against a handful of templates instead of all 732.
  type Entry = { operationId: string; scopes: readonly string[]; names: string[]; literals: number };
  const buckets = new Map<string, Entry[]>();
  for (const [operationId, info] of Object.entries(operations)) {
    const names = info.path.split("/").slice(1);
    const head = names.slice(0, 3);
    const key = `${info.method.toUpperCase()} ${names.length} ${
      head.some((n) => n.startsWith("{")) ? "*" : head.join("/")
    }`;
    const literals = names.filter((n) => n && !n.startsWith("{")).length;
    const list = buckets.get(key) ?? [];
    list.push({ operationId, scopes: info.scopes, names, literals });
    buckets.set(key, list.sort((a, b) => b.literals - a.literals));
  }
  return (method, path) => {
    let parts: string[];
    try {
      parts = path.split("/").slice(1).map(decodeURIComponent);
    } catch {
      return undefined;
    }
    const prefix = `${method.toUpperCase()} ${parts.length}`;
    let best: Entry | undefined;
    for (const key of [`${prefix} ${parts.slice(0, 3).join("/")}`, `${prefix} *`]) {
      for (const entry of buckets.get(key) ?? []) {
        if ((!best || entry.literals > best.literals) && matchTemplate(entry.names, parts)) best = entry;
      }
    }
    return best && { operationId: best.operationId, scopes: best.scopes };
  };
}
