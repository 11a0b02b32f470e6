/**
 * Schema → TypeScript type expressions, and object members with their fact-only docs.
 *
 * @module
 */
import { type Analysis, PROFILE_SCHEMA } from "./analysis.ts";
import { deprecatedTag, jsdoc, propertyFacts } from "./docs.ts";
import { propertyKey } from "./names.ts";
import { type Schema, schemaRefName } from "./spec.ts";

/** Per-file emission state: which symbols to import from which model file. */
export class Emitter {
  readonly analysis: Analysis;
  /** The model file being written (`undefined` for api files). */
  readonly file: string | undefined;
  /** True inside a schema generic over the profile: the profile schema is written `P`. */
  generic = false;
  /**
   * True while writing a request type: enums are closed, read-only members are left out, and schemas
   * with a request variant are referred to by it (`<Name>Input`).
   */
  write = false;
  /** model file → imported symbols. */
  readonly imports = new Map<string, Set<string>>();

  constructor(analysis: Analysis, file: string | undefined) {
    this.analysis = analysis;
    this.file = file;
  }

  /** Records an import of `symbol` from the model file of schema `schemaName`; returns the symbol. */
  use(schemaName: string, symbol: string): string {
    const file = this.analysis.files.get(schemaName)!;
    if (file !== this.file) {
      const set = this.imports.get(file) ?? new Set<string>();
      set.add(symbol);
      this.imports.set(file, set);
    }
    return symbol;
  }

  /** A reference to a component schema used as a value type. */
  refType(name: string): string {
    if (!this.analysis.schemas[name]) throw new Error(`Unknown schema ${name}`);
    if (name === PROFILE_SCHEMA && this.generic) return "P";
    const input = this.write ? this.analysis.inputNames.get(name) : undefined;
    const symbol = this.use(name, input ?? name);
    if (this.generic && this.analysis.generic.has(name)) return `${symbol}<P>`;
    return symbol;
  }

  /** A reference to a component schema used as a supertype (`extends`): bases give their common shape. */
  superType(name: string): string {
    const common = (this.write ? this.analysis.inputCommonNames.get(name) : undefined) ??
      this.analysis.commonNames.get(name);
    if (common) return this.use(name, common);
    return this.refType(name);
  }

  /** The import lines for this file, sorted, relative to `fromDir` (`.` for models, `../models` for api). */
  importLines(fromDir: string): string {
    return [...this.imports.keys()].sort().map((file) => {
      const symbols = [...this.imports.get(file)!].sort().join(", ");
      return `import type { ${symbols} } from "${fromDir}/${file}.ts";\n`;
    }).join("");
  }
}

/** True when a schema carries nothing but annotations (an `allOf` part that only adds a description). */
export function isAnnotationOnly(schema: Schema): boolean {
  return !schema.$ref && !schema.type && !schema.properties && !schema.allOf && !schema.oneOf &&
    !schema.anyOf && !schema.items && !Array.isArray(schema.enum) &&
    schema.additionalProperties === undefined;
}

function wrap(type: string): string {
  return /^[A-Za-z0-9_$.<>\[\]"]+$/.test(type) ? type : `(${type})`;
}

function literal(value: unknown): string {
  return JSON.stringify(value);
}

/**
 * A union of enum literals; unless `closed` (request types), one that still accepts values added later
 * (`(string & {})`).
 */
export function enumType(values: unknown[], type: string | undefined, closed = false): string {
  const unique = [...new Set(values.map(literal))];
  const open = closed
    ? ""
    : type === "integer" || type === "number"
    ? "(number & {})"
    : type === "boolean"
    ? ""
    : "(string & {})";
  return [...unique, ...(open ? [open] : [])].join(" | ");
}

/** The type expression for an inline schema. */
export function typeExpr(e: Emitter, schema: Schema): string {
  const type = bareType(e, schema);
  return schema.nullable === true && !schema.$ref && type !== "unknown" ? `${type} | null` : type;
}

function bareType(e: Emitter, schema: Schema): string {
  const ref = schemaRefName(schema.$ref);
  if (ref) return e.refType(ref);
  if (schema.$ref) throw new Error(`Unsupported $ref ${schema.$ref}`);
  if (schema.allOf) {
    const parts = schema.allOf.filter((p) => !isAnnotationOnly(p)).map((p) => wrap(typeExpr(e, p)));
    if (schema.properties) parts.push(objectLiteral(e, { ...schema, allOf: undefined }));
    return parts.length ? [...new Set(parts)].join(" & ") : "unknown";
  }
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) {
    const union = [...new Set(variants.map((v) => typeExpr(e, v)))].join(" | ");
    if (!schema.properties) return union;
    return `${objectLiteral(e, { ...schema, oneOf: undefined, anyOf: undefined })} & (${union})`;
  }
  if (Array.isArray(schema.enum)) return enumType(schema.enum, schema.type, e.write);
  switch (schema.type) {
    case "string":
      return schema.format === "binary" ? "Blob" : "string";
    case "integer":
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "array":
      return `${wrap(schema.items ? typeExpr(e, schema.items) : "unknown")}[]`;
    case "object":
      return objectLiteral(e, schema);
    case undefined:
      return schema.properties ? objectLiteral(e, schema) : "unknown";
    default:
      throw new Error(`Unsupported schema type ${schema.type}`);
  }
}

/** An inline object type: `{ ... }` with documented members, or a `Record` when it has no properties. */
export function objectLiteral(e: Emitter, schema: Schema): string {
  const members = objectMembers(e, schema);
  // A request type whose members are all read-only takes none.
  if (!members && e.write && Object.keys(schema.properties ?? {}).length) return "Record<string, never>";
  if (!members) return recordType(e, schema);
  return `{\n${members}}`;
}

function recordType(e: Emitter, schema: Schema): string {
  const extra = schema.additionalProperties;
  if (extra && typeof extra === "object" && !isAnnotationOnly(extra)) {
    return `Record<string, ${typeExpr(e, extra)}>`;
  }
  return "Record<string, unknown>";
}

/**
 * The members of an object schema (its own `properties`), each with a doc comment, plus an index
 * signature when the schema admits extra properties. `overrides` replaces the type of named members
 * (discriminator literals); `extraRequired` marks more members required. Empty string: no members.
 */
export function objectMembers(
  e: Emitter,
  schema: Schema,
  overrides: Map<string, string> = new Map(),
  indexSignature = schema.additionalProperties !== undefined && schema.additionalProperties !== false,
): string {
  const required = new Set(schema.required ?? []);
  let out = "";
  const props = Object.entries(schema.properties ?? {});
  for (const [name, prop] of props) {
    // Request types leave out what Okta sets itself (a discriminator literal is never read-only).
    if (e.write && !overrides.has(name) && e.analysis.isReadOnly(prop)) continue;
    const isRequired = required.has(name) || overrides.has(name);
    const refName = schemaRefName(prop.$ref);
    const type = overrides.get(name) ?? typeExpr(e, prop);
    const facts = propertyFacts(
      prop.$ref ? {} : prop,
      isRequired,
      refName && type.includes(refName) ? refName : undefined,
    );
    if (overrides.has(name)) facts.push(`Discriminator: ${overrides.get(name)!.replaceAll('"', "`")}.`);
    out += jsdoc([facts.join(" ")], deprecatedTag(prop.deprecated));
    out += `${propertyKey(name)}${isRequired ? "" : "?"}: ${type};\n`;
  }
  for (const [name, type] of overrides) {
    if (schema.properties?.[name]) continue;
    out += jsdoc([`Required. Discriminator: ${type.replaceAll('"', "`")}.`]);
    out += `${propertyKey(name)}: ${type};\n`;
  }
  if (indexSignature && (out || props.length)) {
    out += jsdoc(["Further properties Okta returns or accepts beyond those listed."]);
    out += "[key: string]: unknown;\n";
  }
  return out;
}
