/**
 * The part of `node:test` the suite uses (`describe`, `it`, `test`, with `skip`/`todo`, and `before`/`after`
 * hooks of a group, run once each), for workerd,
 * which has no `node:test`. Tests register while the bundle loads; {@linkcode run} runs them in order.
 */
type Body = (() => unknown) | ((t: unknown) => unknown);
interface Options {
  skip?: boolean | string;
  todo?: boolean | string;
}
interface Case {
  name: string;
  body?: Body;
  skip: boolean;
  /** Why it is skipped, when the test says. */
  reason?: string;
}

const cases: Case[] = [];
const stack: string[] = [];

function register(name: string, a?: Options | Body, b?: Body): Case {
  const options = typeof a === "object" ? a : {};
  const body = typeof a === "function" ? a : b;
  const flag = options.skip || options.todo;
  return {
    name: [...stack, name].join(" > "),
    body,
    skip: Boolean(flag),
    reason: typeof flag === "string" ? flag : undefined,
  };
}

/** Groups tests; the body runs at once to register them. */
export function describe(name: string, a?: Options | Body, b?: Body): void {
  const group = register(name, a, b);
  if (group.skip) return;
  stack.push(name);
  afters.push([]);
  try {
    (group.body as () => unknown)?.();
  } finally {
    cases.push(...afters.pop()!);
    stack.pop();
  }
}

/** `after` hooks of the groups being registered, innermost last: each runs once its group's tests have. */
const afters: Case[][] = [];

/** Runs `fn` once, where it stands among the group's tests (before the ones registered after it). */
export function before(fn: Body): void {
  cases.push({ name: [...stack, "(before)"].join(" > "), body: fn, skip: false });
}

/** Runs `fn` once, after the group's tests. */
export function after(fn: Body): void {
  const hook = { name: [...stack, "(after)"].join(" > "), body: fn, skip: false };
  if (afters.length > 0) afters.at(-1)!.push(hook);
  else cases.push(hook);
}

/** Registers one test. */
export function it(name: string, a?: Options | Body, b?: Body): void {
  cases.push(register(name, a, b));
}

export { describe as suite, it as test };

/** Runs every registered test and reports each result; `skipped` counts the skips by reason. */
export async function run(
  log: (line: string) => void,
): Promise<{ passed: number; failed: number; skipped: Record<string, number> }> {
  let passed = 0, failed = 0;
  const skipped: Record<string, number> = {};
  for (const test of cases) {
    if (test.skip || !test.body) {
      const reason = test.reason ?? (test.body ? "no reason given" : "no test body");
      skipped[reason] = (skipped[reason] ?? 0) + 1;
      log(`skip ${test.name} (${reason})`);
      continue;
    }
    try {
      await test.body({ skip() {}, diagnostic() {} });
      passed++;
      log(`ok   ${test.name}`);
    } catch (error) {
      failed++;
      log(`FAIL ${test.name}\n     ${(error as Error)?.stack ?? error}`);
    }
  }
  return { passed, failed, skipped };
}
