/**
 * Whole-document facts the emitters need: discriminated bases and the literals their subtypes carry,
 * which schemas are generic over the user profile, file names, and flattened properties.
 *
 * @module
 */
import { snakeCase } from "./names.ts";
import { type Schema, schemaRefName, type Spec } from "./spec.ts";

/** A schema with a `discriminator` and no `oneOf`: it becomes a union of its mapping's targets. */
export interface DiscriminatedBase {
  /** The discriminating property. */
  prop: string;
  /** Mapping targets in document order, each with the discriminator values that select it. */
  targets: { name: string; keys: string[] }[];
}

/** The schema holding custom profile attributes; schemas using it become generic over it. */
export const PROFILE_SCHEMA = "UserProfile";

/** Everything the emitters ask about the document. */
export class Analysis {
  readonly spec: Spec;
  readonly schemas: Record<string, Schema>;
  /** Discriminated bases by name. */
  readonly bases = new Map<string, DiscriminatedBase>();
  /** Bases that also need an object interface (`<Name>Common`) for subtypes to extend. */
  readonly commonNames = new Map<string, string>();
  /** Subtype name → discriminator property → literal values it is selected by (from bases it extends). */
  readonly literals = new Map<string, Map<string, string[]>>();
  /** Schemas generic over the profile type `P`. */
  readonly generic = new Set<string>();
  /** Schema name → module file name (without directory). */
  readonly files = new Map<string, string>();
  /**
   * Schemas with a request variant (`<Name>Input`: enums closed, read-only members left out), by name:
   * those requests use (bodies and parameters, and what they contain) that differ from the response type.
   */
  readonly inputNames = new Map<string, string>();
  /** The request variant of a base's common shape, by base name. */
  readonly inputCommonNames = new Map<string, string>();

  /** Analyses `spec`; `requestRoots` are the schemas of request bodies and parameters. */
  constructor(spec: Spec, requestRoots: Schema[] = []) {
    this.spec = spec;
    this.schemas = spec.components.schemas;
    this.#findBases();
    this.#findGeneric();
    this.#nameFiles();
    this.#planInputs(requestRoots);
  }

  /** True when a member is read-only: marked so itself, through the schema it names, or in an `allOf` note. */
  isReadOnly(member: Schema): boolean {
    if (member.readOnly) return true;
    const target = schemaRefName(member.$ref);
    if (target && this.schemas[target]?.readOnly) return true;
    return (member.allOf ?? []).some((part) =>
      part.readOnly === true && !part.$ref && !part.type && !part.properties
    );
  }

  /** True when every member a schema has is read-only: its request variant has none. */
  isEmptyInput(name: string): boolean {
    const members = [...this.flatProperties(this.ref(name)).values()];
    return members.length > 0 && members.every((m) => this.isReadOnly(m.schema));
  }

  #planInputs(roots: Schema[]): void {
    // Component schemas each schema refers to (discriminated bases: their variants too), and whether the
    // schema itself has something a request variant changes: an enum to close, a read-only member to drop.
    const refs = new Map<string, Set<string>>();
    const differs = new Set<string>();
    const visit = (schema: Schema | undefined, into: Set<string>, owner: string): void => {
      if (!schema || typeof schema !== "object") return;
      const ref = schemaRefName(schema.$ref);
      if (ref) return void into.add(ref);
      if (Array.isArray(schema.enum) && schema.type !== "boolean") differs.add(owner);
      for (const member of Object.values(schema.properties ?? {})) {
        if (this.isReadOnly(member)) differs.add(owner);
        visit(member, into, owner);
      }
      for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) {
        visit(part, into, owner);
      }
      visit(schema.items, into, owner);
      if (typeof schema.additionalProperties === "object") visit(schema.additionalProperties, into, owner);
    };
    for (const [name, schema] of Object.entries(this.schemas)) {
      const into = new Set<string>();
      visit(schema, into, name);
      for (const target of this.bases.get(name)?.targets ?? []) {
        if (target.name !== name) into.add(target.name);
      }
      refs.set(name, into);
    }
    // A schema differs when anything it refers to does (to a fixpoint: schemas refer to each other in cycles).
    for (let changed = true; changed;) {
      changed = false;
      for (const [name, targets] of refs) {
        if (differs.has(name) || ![...targets].some((t) => differs.has(t))) continue;
        differs.add(name);
        changed = true;
      }
    }
    const reached = new Set<string>();
    const pending: string[] = [];
    for (const root of roots) {
      const into = new Set<string>();
      visit(root, into, "");
      pending.push(...into);
    }
    while (pending.length) {
      const name = pending.pop()!;
      if (reached.has(name)) continue;
      reached.add(name);
      pending.push(...(refs.get(name) ?? []));
    }
    const taken = new Set([...Object.keys(this.schemas), ...this.commonNames.values()]);
    const unique = (base: string) => {
      let name = `${base}Input`;
      while (taken.has(name)) name = `${name}Variant`;
      taken.add(name);
      return name;
    };
    for (const name of Object.keys(this.schemas).sort()) {
      if (!reached.has(name) || !differs.has(name)) continue;
      this.inputNames.set(name, unique(name));
      const common = this.commonNames.get(name);
      if (common) this.inputCommonNames.set(name, unique(common));
    }
  }

  /** True when `name` is a discriminated base. */
  isBase(name: string): boolean {
    return this.bases.has(name);
  }

  #findBases(): void {
    const names = Object.keys(this.schemas);
    for (const name of names) {
      const schema = this.schemas[name];
      const mapping = schema.discriminator?.mapping;
      if (!mapping || schema.oneOf || schema.anyOf) continue;
      const targets: { name: string; keys: string[] }[] = [];
      for (const [key, ref] of Object.entries(mapping)) {
        const target = schemaRefName(ref);
        if (!target || !this.schemas[target]) throw new Error(`${name}: bad discriminator mapping ${ref}`);
        const found = targets.find((t) => t.name === target);
        if (found) found.keys.push(key);
        else targets.push({ name: target, keys: [key] });
      }
      this.bases.set(name, { prop: schema.discriminator!.propertyName, targets });
    }
    for (const name of names) {
      for (const part of this.schemas[name].allOf ?? []) {
        const base = schemaRefName(part.$ref);
        if (!base || !this.bases.has(base)) continue;
        this.commonNames.set(base, "");
        const info = this.bases.get(base)!;
        const target = info.targets.find((t) => t.name === name);
        if (!target) continue;
        const byProp = this.literals.get(name) ?? new Map<string, string[]>();
        byProp.set(info.prop, target.keys);
        this.literals.set(name, byProp);
      }
    }
    for (const [name, info] of this.bases) {
      if (info.targets.some((t) => t.name === name)) this.commonNames.set(name, "");
    }
    for (const name of [...this.commonNames.keys()]) {
      let common = `${name}Common`;
      while (this.schemas[common]) common = `${common}Shape`;
      this.commonNames.set(name, common);
    }
  }

  #findGeneric(): void {
    for (const [name, schema] of Object.entries(this.schemas)) {
      const direct = Object.values(schema.properties ?? {}).some((p) =>
        schemaRefName(p.$ref) === PROFILE_SCHEMA
      );
      if (direct) this.generic.add(name);
    }
    for (let changed = true; changed;) {
      changed = false;
      for (const [name, schema] of Object.entries(this.schemas)) {
        if (this.generic.has(name)) continue;
        if ((schema.allOf ?? []).some((p) => this.generic.has(schemaRefName(p.$ref) ?? ""))) {
          this.generic.add(name);
          changed = true;
        }
      }
    }
  }

  #nameFiles(): void {
    const taken = new Set<string>(["mod"]);
    for (const name of Object.keys(this.schemas).sort()) {
      const base = snakeCase(name) || "schema";
      let file = base;
      for (let n = 2; taken.has(file); n++) file = `${base}_${n}`;
      taken.add(file);
      this.files.set(name, file);
    }
  }

  /**
   * Every property an object schema has, following `allOf` references, with whether it is required.
   * Unions contribute the properties of all their members.
   */
  flatProperties(
    schema: Schema,
    seen = new Set<string>(),
  ): Map<string, { schema: Schema; required: boolean }> {
    const out = new Map<string, { schema: Schema; required: boolean }>();
    const name = schemaRefName(schema.$ref);
    if (name) {
      if (seen.has(name)) return out;
      seen.add(name);
      const base = this.bases.get(name);
      if (base) {
        // The base's own members, then every variant's (variants extending the base stop at `seen`).
        const own = { ...this.schemas[name], discriminator: undefined };
        for (const [k, v] of this.flatProperties(own, new Set(seen))) out.set(k, v);
        for (const t of base.targets) {
          if (t.name === name) continue;
          for (const [k, v] of this.flatProperties(this.ref(t.name), new Set(seen))) {
            out.set(k, { schema: v.schema, required: v.required || (out.get(k)?.required ?? false) });
          }
        }
        return out;
      }
      return this.flatProperties(this.schemas[name], seen);
    }
    for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) {
      for (const [k, v] of this.flatProperties(part, seen)) out.set(k, v);
    }
    const required = new Set(schema.required ?? []);
    for (const [k, v] of Object.entries(schema.properties ?? {})) {
      out.set(k, { schema: v, required: required.has(k) || (out.get(k)?.required ?? false) });
    }
    for (const k of required) {
      const known = out.get(k);
      if (known) known.required = true;
    }
    return out;
  }

  /** A `$ref` schema object for a component name. */
  ref(name: string): Schema {
    return { $ref: `#/components/schemas/${name}` };
  }
}
