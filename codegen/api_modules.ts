/**
 * `api/mod.ts`, the api/ file that re-exports the namespaces, with the `Okta` client class (the operations
 * table is `operations_table.ts`'s).
 *
 * @module
 */
import type { Namespace } from "./api.ts";
import { code, jsdoc } from "./docs.ts";
import { GENERATED } from "./models.ts";

/** `api/mod.ts`: re-exports every namespace and the `Okta` class with one lazy getter per namespace. */
export function emitModule(spaces: Namespace[]): string {
  const reexports = spaces.map((ns) => {
    const types = ns.operations.filter((op) => op.query.length || op.headers.length)
      .map((op) => `${op.id.charAt(0).toUpperCase()}${op.id.slice(1)}Params`).sort();
    const typeLine = types.length ? `export type { ${types.join(", ")} } from "./${ns.file}.ts";\n` : "";
    return `export { ${ns.className} } from "./${ns.file}.ts";\n${typeLine}`;
  }).join("");
  /** The full client's `tailLogs`: the core's, typed with the generated `LogEvent`. */
  const TAIL_LOGS = "\n" + jsdoc(
    [
      "Follows the System Log as it grows, as {@linkcode OktaClient.tailLogs} does, with events typed as " +
      "`LogEvent`.",
    ],
    [],
    "  ",
  ) + "  override tailLogs<E = LogEvent>(options?: TailLogsOptions): LogTail<E> {\n" +
    "    return super.tailLogs<E>(options);\n  }\n";

  const imports = spaces.map((ns) => `import { ${ns.className} } from "./${ns.file}.ts";\n`).join("");
  const fields = spaces.map((ns) => `  #${ns.property}?: ${ns.className};\n`).join("");
  const getters = spaces.map((ns) =>
    "\n" +
    jsdoc([`The ${code(ns.tag)} operations (${ns.operations.length}), created on first use.`], [], "  ") +
    `  get ${ns.property}(): ${ns.className} {\n    return this.#${ns.property} ??= new ${ns.className}(this);\n  }\n`
  ).join("");
  const total = spaces.reduce((n, ns) => n + ns.operations.length, 0);
  return `${GENERATED}\n` +
    jsdoc([
      `Every namespace of Okta's Admin Management API (${spaces.length} namespaces, ${total} operations) and ` +
      "the {@linkcode Okta} client that exposes them all. To keep a bundle small, import a single namespace " +
      "class instead and construct it over an `OktaClient`.",
      "@example\n```ts ignore\n" +
      'import { Okta } from "./mod.ts";\n\n' +
      'const okta = new Okta({ orgUrl: "https://example.okta.com", token: "…" });\n' +
      "for await (const user of okta.user.listUsers({ search: 'status eq \"ACTIVE\"' })) {\n" +
      "  console.log(user.profile?.login);\n}\n```",
    ], ["@module"]) +
    `import { OktaClient } from "../lib/client.ts";\nimport type { LogTail, TailLogsOptions } from "../lib/system_log.ts";\n` +
    `import type { LogEvent } from "../models/log_event.ts";\n${imports}\n${reexports}\n` +
    jsdoc([
      "The Okta client with every API namespace as a lazily created property (`okta.user`, `okta.group`, " +
      "`okta.application`, ...). Construct it with the same options as `OktaClient`.",
      "@example\n```ts ignore\n" +
      'const okta = new Okta({ orgUrl: "https://example.okta.com", token: "…" });\n' +
      'const user = await okta.user.getUser("00u1abcd");\n' +
      "const groups = await okta.group.listGroups().toArray({ max: 50 });\n```",
    ]) +
    `export class Okta extends OktaClient {\n${fields}${getters}${TAIL_LOGS}}\n`;
}
