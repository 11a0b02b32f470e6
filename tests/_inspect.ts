/**
 * Every way a program might show an error: JSON, its string and stack, each level of its cause chain and
 * their own fields, and the runtimes' inspectors (`Deno.inspect`, `Bun.inspect`, node's `util.inspect`).
 */
import assert from "node:assert/strict";

type Inspect = (value: unknown, options?: Record<string, unknown>) => string;

function inspectors(): [string, Inspect][] {
  const g = globalThis as unknown as {
    Deno?: { inspect: Inspect };
    Bun?: { inspect: Inspect };
    process?: { getBuiltinModule?: (id: string) => { inspect?: Inspect } | undefined };
  };
  const found: [string, Inspect][] = [];
  if (g.Deno?.inspect) found.push(["Deno.inspect", (v) => g.Deno!.inspect(v, { depth: 10 })]);
  if (g.Bun?.inspect) found.push(["Bun.inspect", (v) => g.Bun!.inspect(v, { depth: 10 })]);
  const util = g.process?.getBuiltinModule?.("node:util");
  if (util?.inspect) found.push(["util.inspect", (v) => util.inspect!(v, { depth: 10, showHidden: true })]);
  return found;
}

/** The texts an error can be shown as, labelled. */
export function shownAs(error: unknown): [string, string][] {
  const out: [string, string][] = [["JSON.stringify", safeJson(error)], ["String", String(error)]];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 8; depth++) {
    const e = current as { stack?: unknown; message?: unknown; cause?: unknown };
    out.push([`cause[${depth}].stack`, String(e.stack)], [`cause[${depth}].message`, String(e.message)]);
    for (const key of Object.getOwnPropertyNames(current)) {
      out.push([`cause[${depth}].${key}`, safeJson((current as Record<string, unknown>)[key])]);
    }
    current = e.cause;
  }
  for (const [name, inspect] of inspectors()) out.push([name, inspect(error)]);
  return out;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Fails if any of `secrets` shows in any of the ways `error` can be shown. */
export function assertShowsNoSecret(error: unknown, secrets: readonly string[]): void {
  for (const [how, text] of shownAs(error)) {
    for (const secret of secrets) {
      assert.ok(
        !text.includes(secret),
        `${how} shows a secret (${secret.slice(0, 6)}...):\n${text.slice(0, 2000)}`,
      );
    }
  }
}
