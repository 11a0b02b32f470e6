/**
 * Doc comments made of facts only (type, format, constraints, enum values, flags). Okta's descriptive
 * sentences are never copied: the generator does not read `description` at all.
 *
 * @module
 */
import type { Schema } from "./spec.ts";

/** Inline code for a value, safe inside a JSDoc block. */
export function code(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const safe = clean(text ?? "undefined");
  return safe.includes("`") ? `\`\` ${safe} \`\`` : `\`${safe}\``;
}

/** Makes text safe inside `/** *\/`: no comment terminator, no line breaks, no inline tags. */
export function clean(text: string): string {
  return text.replace(/\*\//g, "*\\/").replace(/\r?\n/g, " ").replace(/\{@/g, "{\\@").replace(/^@/, "\\@");
}

function typeWord(schema: Schema): string | undefined {
  if (schema.$ref) return undefined;
  if (schema.type === "array") return "array";
  if (schema.type) return schema.type;
  if (schema.properties) return "object";
  return undefined;
}

/** Facts about a schema as short sentences (without the property's own flags). */
export function schemaFacts(schema: Schema): string[] {
  const facts: string[] = [];
  const word = typeWord(schema);
  const format = schema.format ? `, format ${code(schema.format)}` : "";
  if (word) facts.push(`Type ${code(word)}${format}.`);
  else if (format) facts.push(`Format ${code(schema.format)}.`);
  if (schema.nullable === true) facts.push("Nullable.");
  if (Array.isArray(schema.enum)) facts.push(`One of ${schema.enum.map(code).join(", ")}.`);
  const range: string[] = [];
  if (schema.minimum !== undefined) range.push(`${schema.exclusiveMinimum ? ">" : ">="} ${schema.minimum}`);
  if (schema.maximum !== undefined) range.push(`${schema.exclusiveMaximum ? "<" : "<="} ${schema.maximum}`);
  if (range.length) facts.push(`Range ${range.join(", ")}.`);
  if (schema.multipleOf !== undefined) facts.push(`Multiple of ${schema.multipleOf}.`);
  if (schema.minLength !== undefined) facts.push(`Min length ${schema.minLength}.`);
  if (schema.maxLength !== undefined) facts.push(`Max length ${schema.maxLength}.`);
  if (schema.pattern !== undefined) facts.push(`Pattern ${code(schema.pattern)}.`);
  if (schema.minItems !== undefined) facts.push(`Min items ${schema.minItems}.`);
  if (schema.maxItems !== undefined) facts.push(`Max items ${schema.maxItems}.`);
  if (schema.uniqueItems) facts.push("Unique items.");
  if (schema.default !== undefined) facts.push(`Default ${code(schema.default)}.`);
  const lifecycle = schema["x-okta-lifecycle"]?.lifecycle;
  if (lifecycle) facts.push(`Lifecycle ${code(lifecycle)}.`);
  return facts;
}

/** Facts about an object property: required/read-only/write-only flags, then the schema's facts. */
export function propertyFacts(schema: Schema, required: boolean, typeName?: string): string[] {
  const facts: string[] = [required ? "Required." : "Optional."];
  if (schema.readOnly) facts.push("Read-only (set by Okta; ignored in requests).");
  if (schema.writeOnly) facts.push("Write-only (never returned).");
  if (typeName) facts.push(`See {@linkcode ${typeName}}.`);
  facts.push(...schemaFacts(schema));
  return facts;
}

/** Renders a JSDoc block from paragraphs (each a line of text) and tag lines. */
export function jsdoc(paragraphs: string[], tags: string[] = [], indent = ""): string {
  const lines: string[] = [];
  for (const paragraph of paragraphs.filter((p) => p !== "")) {
    if (lines.length) lines.push("");
    lines.push(...paragraph.split("\n"));
  }
  for (const tag of tags) lines.push(tag);
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${
    lines.map((line) => `${indent} *${line ? ` ${line}` : ""}`).join("\n")
  }\n${indent} */\n`;
}

/** The `@deprecated` tag when the schema or parameter says so. */
export function deprecatedTag(deprecated: boolean | undefined): string[] {
  return deprecated ? ["@deprecated Marked deprecated in the API description."] : [];
}
