/**
 * Mends the extract in `spec/` for Prism without changing what it means. Prism's validator cannot
 * compile some of Okta's schemas and then accepts any value, and it ignores `discriminator`, so:
 *
 * - enum items that repeat are dropped (the schema would not compile);
 * - a pattern with the inline `(?i)` flag, which JavaScript regular expressions lack, is spelled out
 *   with both cases of every letter;
 * - `nullable: false`, the default anyway, is dropped (beside a `$ref` it stops the schema compiling);
 * - each branch of a `oneOf`/`anyOf` that has a `discriminator` is pinned to the discriminator values
 *   that select it, so a body matches one branch only, as the discriminator intends.
 *
 * The examples Prism also chokes on (`$ref`s inside example values) are not in the extract at all.
 *
 * @module
 */
import { isObject, type Json } from "./spec_extract.ts";

/** How many of each mend were made. */
export interface PrismMends {
  /** Enums that lost a repeated item. */
  enums: number;
  /** `(?i)` patterns spelled out. */
  patterns: number;
  /** `nullable: false` keywords dropped. */
  nullables: number;
  /** Discriminated `oneOf`/`anyOf`s whose branches were pinned. */
  discriminated: number;
}

/** A copy of the extract with Prism's mends applied, and the count of each. */
export function mendForPrism(spec: Json): { spec: Json; mends: PrismMends } {
  const mends: PrismMends = { enums: 0, patterns: 0, nullables: 0, discriminated: 0 };
  const copy = structuredClone(spec);
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!isObject(value)) return;
    mendSchema(value, mends);
    for (const [key, child] of Object.entries(value)) {
      // A `properties` map's keys are member names, not keywords: visit the member schemas only.
      if (key === "properties" && isObject(child)) Object.values(child).forEach(visit);
      else visit(child);
    }
  };
  visit(copy);
  return { spec: copy, mends };
}

function mendSchema(schema: Json, mends: PrismMends): void {
  if (Array.isArray(schema.enum)) {
    const unique = [...new Map(schema.enum.map((v) => [JSON.stringify(v), v])).values()];
    if (unique.length !== schema.enum.length) {
      schema.enum = unique;
      mends.enums++;
    }
  }
  if (typeof schema.pattern === "string" && schema.pattern.startsWith("(?i)")) {
    schema.pattern = caseless(schema.pattern.slice(4));
    mends.patterns++;
  }
  if (schema.nullable === false) {
    delete schema.nullable;
    mends.nullables++;
  }
  const discriminator = schema.discriminator;
  if (isObject(discriminator)) {
    for (const keyword of ["oneOf", "anyOf"]) {
      const branches = schema[keyword];
      if (!Array.isArray(branches)) continue;
      schema[keyword] = branches.map((branch) => pin(branch, discriminator));
      mends.discriminated++;
    }
  }
}

/** `{ $ref: X }` → `{ allOf: [{ $ref: X }, { properties: { <prop>: { enum: <values selecting X> } } }] }`. */
function pin(branch: unknown, discriminator: Json): unknown {
  if (isPinned(branch, discriminator.propertyName as string)) return branch;
  if (!isObject(branch) || typeof branch.$ref !== "string" || Object.keys(branch).length !== 1) {
    throw new Error(`a discriminated branch that is not a bare $ref: ${JSON.stringify(branch)}`);
  }
  const ref = branch.$ref;
  const mapping = (discriminator.mapping ?? {}) as Record<string, string>;
  const values = Object.keys(mapping).filter((value) => mapping[value] === ref);
  // Without an explicit mapping entry, OpenAPI selects a branch by its schema name.
  if (!values.length) values.push(ref.slice(ref.lastIndexOf("/") + 1));
  const prop = discriminator.propertyName as string;
  return { allOf: [{ $ref: ref }, { properties: { [prop]: { enum: values } } }] };
}

function isPinned(branch: unknown, prop: string): boolean {
  const parts = isObject(branch) && Object.keys(branch).length === 1 ? branch.allOf : undefined;
  if (!Array.isArray(parts) || parts.length !== 2) return false;
  const pinned = JSON.stringify(Object.keys(parts[1] ?? {})) === '["properties"]' &&
    Array.isArray(parts[1].properties?.[prop]?.enum);
  return typeof parts[0]?.$ref === "string" && pinned;
}

/**
 * A regular expression source matching letters in either case: letters in character classes gain
 * their other case (`[a-f]` → `[a-fA-F]`), letters outside become classes (`x` → `[xX]`).
 */
export function caseless(source: string): string {
  let out = "";
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      out += source.slice(i, i + 2);
      i++;
    } else if (c === "[") {
      const end = classEnd(source, i);
      out += caseClass(source.slice(i + 1, end));
      i = end;
    } else if (/[a-z]/i.test(c)) {
      out += `[${c}${other(c)}]`;
    } else {
      out += c;
    }
  }
  return out;
}

function classEnd(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === "\\") i++;
    else if (source[i] === "]" && i > start + 1) return i;
  }
  throw new Error(`unterminated character class in ${source}`);
}

function caseClass(body: string): string {
  const added: string[] = [];
  for (let i = 0; i < body.length; i++) {
    if (body[i] === "\\") {
      i++;
      continue;
    }
    const range = body[i + 1] === "-" && i + 2 < body.length ? body.slice(i, i + 3) : "";
    if (range && /[a-z]-[a-z]|[A-Z]-[A-Z]/.test(range)) {
      const flipped = `${other(range[0])}-${other(range[2])}`;
      if (!body.includes(flipped)) added.push(flipped);
      i += 2;
    } else if (/[a-z]/i.test(body[i]) && !body.includes(other(body[i]))) {
      added.push(other(body[i]));
    }
  }
  return `[${body}${added.join("")}]`;
}

function other(c: string): string {
  return c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
}
