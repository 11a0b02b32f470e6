/**
 * A small parser and evaluator for the SCIM-like expressions Okta takes in `filter` and `search`:
 * `attr op value`, `attr pr`, `and`, `or`, `not`, parentheses. Each endpoint then restricts which
 * attributes and operators it allows, the way Okta's `filter` is narrower than its `search`.
 *
 * @module
 */
import { badSearch } from "./_errors.ts";

/** A comparison operator. */
export type Op = "eq" | "ne" | "gt" | "ge" | "lt" | "le" | "sw" | "co" | "ew";

/** A parsed expression. */
export type Expr =
  | { kind: "cmp"; path: string; op: Op; value: string | number | boolean | null }
  | { kind: "pr"; path: string }
  | { kind: "and" | "or"; left: Expr; right: Expr }
  | { kind: "not"; expr: Expr };

/** What an endpoint accepts: attribute → allowed operators (`"*"` matches any attribute). */
export interface Dialect {
  attributes: Record<string, readonly (Op | "pr")[]>;
  /** Whether `not` is accepted. */
  not: boolean;
}

const OPS = new Set(["eq", "ne", "gt", "ge", "lt", "le", "sw", "co", "ew"]);
const TOKEN = /\s*(?:(\()|(\))|"((?:[^"\\]|\\.)*)"|([A-Za-z_][\w.:-]*)|(-?\d+(?:\.\d+)?))/y;

type Token = { type: "(" | ")" | "str" | "word" | "num"; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(source);
    if (!m) throw badSearch(`Unexpected text at position ${at}: ${source.slice(at, at + 20)}`);
    if (m[1]) tokens.push({ type: "(", text: "(" });
    else if (m[2]) tokens.push({ type: ")", text: ")" });
    else if (m[3] !== undefined) tokens.push({ type: "str", text: m[3].replace(/\\(.)/g, "$1") });
    else if (m[4]) tokens.push({ type: "word", text: m[4] });
    else tokens.push({ type: "num", text: m[5] });
  }
  return tokens;
}

/** Parses an expression; syntax errors are 400 E0000031. */
export function parseExpression(source: string): Expr {
  const tokens = tokenize(source);
  let i = 0;
  const peekWord = (w: string) => tokens[i]?.type === "word" && tokens[i].text.toLowerCase() === w;
  const orExpr = (): Expr => {
    let left = andExpr();
    while (peekWord("or")) i++, left = { kind: "or", left, right: andExpr() };
    return left;
  };
  const andExpr = (): Expr => {
    let left = unary();
    while (peekWord("and")) i++, left = { kind: "and", left, right: unary() };
    return left;
  };
  const unary = (): Expr => {
    if (peekWord("not")) return i++, { kind: "not", expr: unary() };
    if (tokens[i]?.type === "(") {
      i++;
      const inner = orExpr();
      if (tokens[i++]?.type !== ")") throw badSearch("Missing closing parenthesis.");
      return inner;
    }
    const path = tokens[i++];
    if (path?.type !== "word") throw badSearch("Expected an attribute name.");
    const op = tokens[i++];
    const opText = op?.type === "word" ? op.text.toLowerCase() : "";
    if (opText === "pr") return { kind: "pr", path: path.text };
    if (!OPS.has(opText)) throw badSearch(`Unsupported operator after ${path.text}.`);
    const v = tokens[i++];
    if (!v || v.type === "(" || v.type === ")") {
      throw badSearch(`Expected a value after ${path.text} ${opText}.`);
    }
    let value: string | number | boolean | null = v.text;
    if (v.type === "num") value = Number(v.text);
    else if (v.type === "word") {
      const word = v.text.toLowerCase();
      if (word !== "true" && word !== "false" && word !== "null") {
        throw badSearch(`Unquoted value ${v.text}.`);
      }
      value = word === "null" ? null : word === "true";
    }
    return { kind: "cmp", path: path.text, op: opText as Op, value };
  };
  const expr = orExpr();
  if (i !== tokens.length) throw badSearch(`Unexpected ${tokens[i].text}.`);
  return expr;
}

/** Throws 400 E0000031 when `expr` uses an attribute, operator or `not` the dialect lacks. */
export function checkDialect(expr: Expr, dialect: Dialect): void {
  switch (expr.kind) {
    case "and":
    case "or":
      return checkDialect(expr.left, dialect), checkDialect(expr.right, dialect);
    case "not":
      if (!dialect.not) throw badSearch("The not operator is not supported here.");
      return checkDialect(expr.expr, dialect);
    default: {
      const op = expr.kind === "pr" ? "pr" : expr.op;
      const allowed = dialect.attributes[expr.path] ?? dialect.attributes["*"];
      if (!allowed?.includes(op)) throw badSearch(`${expr.path} ${op} is not supported.`);
    }
  }
}

/** Parses and checks in one step. */
export function compile(source: string, dialect: Dialect): Expr {
  const expr = parseExpression(source);
  checkDialect(expr, dialect);
  return expr;
}

/**
 * Evaluates against a record; `get` returns an attribute's value (timestamps as epoch ms so that
 * `lastUpdated gt "2026-..."` compares times). Strings compare case-insensitively, as Okta's do.
 */
export function evaluate(expr: Expr, get: (path: string) => unknown): boolean {
  switch (expr.kind) {
    case "and":
      return evaluate(expr.left, get) && evaluate(expr.right, get);
    case "or":
      return evaluate(expr.left, get) || evaluate(expr.right, get);
    case "not":
      return !evaluate(expr.expr, get);
    case "pr": {
      const v = get(expr.path);
      return v !== undefined && v !== null && v !== "";
    }
    default:
      return compare(get(expr.path), expr.op, expr.value);
  }
}

function compare(actual: unknown, op: Op, expected: string | number | boolean | null): boolean {
  if (Array.isArray(actual)) return actual.some((item) => compare(item, op, expected));
  let a: unknown = actual;
  let b: unknown = expected;
  if (typeof a === "number" && typeof b === "string") b = Date.parse(b);
  if (typeof a === "string" && typeof b === "string") a = a.toLowerCase(), b = b.toLowerCase();
  switch (op) {
    case "eq":
      return a === b;
    case "ne":
      return a !== b;
    case "sw":
      return typeof a === "string" && typeof b === "string" && a.startsWith(b);
    case "co":
      return typeof a === "string" && typeof b === "string" && a.includes(b);
    case "ew":
      return typeof a === "string" && typeof b === "string" && a.endsWith(b);
    default: {
      if (a === undefined || a === null || b === null || typeof a !== typeof b) return false;
      const x = a as number | string;
      const y = b as number | string;
      return op === "gt" ? x > y : op === "ge" ? x >= y : op === "lt" ? x < y : x <= y;
    }
  }
}
