/**
 * `--help` text: the command's overview, a namespace's methods, and one method (its summary title,
 * `METHOD /path`, OAuth scopes, parameters and body), all from the generated operations table.
 *
 * @module
 */
import { flagHelp, type FlagSpec } from "./args.ts";
import { namespaces, type Operation } from "./catalog.ts";
import { commonFlags, paramFlag } from "./operation_args.ts";

/** Flags every command takes. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: "help", kind: "boolean", help: "show help (also -h)" },
  { name: "quiet", kind: "boolean", help: "no progress or summary on stderr (errors are still shown)" },
  {
    name: "progress-interval",
    kind: "string",
    value: "SECONDS",
    help: "seconds between progress lines when stderr is not a terminal (default 5)",
  },
];

const CONFIG = `Configuration is read as the library reads it: OKTA_CLIENT_* environment variables, then
./okta.yaml, then ~/.okta/okta.yaml (an API token, a Bearer token, or PrivateKey mode for a service app).
No credential is ever taken on the command line, where shell history would keep it.`;

const EXIT_CODES = `Exit codes: 0 done; 1 failures (an error from Okta, or failed lines in a results file);
2 usage or configuration error (nothing was sent); 130 interrupted (Ctrl-C: checkpoints are kept).`;

function wrap(words: string[], width = 100, indent = "  "): string {
  const lines: string[] = [];
  let line = indent;
  for (const word of words) {
    if (line.length + word.length + 1 > width && line.trim()) {
      lines.push(line.trimEnd());
      line = indent;
    }
    line += `${word} `;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines.join("\n");
}

/** `oktakit --help`. */
export function rootHelp(version: string): string {
  const all = namespaces();
  const count = [...all.values()].reduce((n, ops) => n + ops.length, 0);
  return `oktakit ${version}: Okta's Management API from the terminal.

Usage:
  oktakit <namespace> <method> [path parameters] [--query-parameter VALUE ...] [--body FILE|-]
  oktakit export <resource ...> --out DIR [--format ndjson|csv] [--fields a,b.c] [--resume]
  oktakit import users FILE [--mode create|upsert] [--dry-run] [--resume]
  oktakit logs tail [--since 15m|TIME] [--until TIME] [--filter EXPR]

  oktakit <namespace> --help            the methods of a namespace
  oktakit <namespace> <method> --help   one method: its path, scopes and parameters
  oktakit export|import|logs --help     each command's options

Every operation (${count}) is a method of a namespace, named as in Okta's reference (operationId). A single
result is printed as JSON on stdout; a list streams NDJSON, one item per line, across every page. Progress
and messages go to stderr, so stdout can be piped (oktakit user listUsers | jq .profile.login).

${CONFIG}

${EXIT_CODES}

Options of every command:
${flagHelp(GLOBAL_FLAGS)}

Namespaces (${all.size}):
${wrap([...all.keys()])}
`;
}

/** `oktakit <namespace> --help`. */
export function namespaceHelp(namespace: string): string {
  const ops = namespaces().get(namespace)!;
  const width = Math.max(...ops.map((op) => op.id.length)) + 2;
  const lines = ops.map((op) => `  ${op.id.padEnd(width)}${op.summary}${op.paginated ? " (list)" : ""}`);
  return `oktakit ${namespace}: ${ops.length} methods.

Usage: oktakit ${namespace} <method> [path parameters] [options]
       oktakit ${namespace} <method> --help

${lines.join("\n")}
`;
}

/** `oktakit <namespace> <method> --help`. */
export function operationHelp(op: Operation): string {
  const pathParams = op.params.filter((p) => p.in === "path");
  const usage = `oktakit ${op.namespace} ${op.id}${pathParams.map((p) => ` <${p.name}>`).join("")}`;
  const flags = [...op.params.filter((p) => p.in !== "path").map(paramFlag), ...commonFlags(op)];
  const sections = [
    `${op.id}: ${op.summary}`,
    `${op.method} ${op.path}`,
    `OAuth 2.0 scopes: ${op.scopes.length ? op.scopes.join(", ") : "none listed"}`,
    `Usage: ${usage}${flags.length ? " [options]" : ""}`,
  ];
  if (pathParams.length) {
    const width = Math.max(...pathParams.map((p) => p.name.length)) + 4;
    sections.push(
      "Path parameters (in this order):\n" +
        pathParams.map((p) =>
          `  ${`<${p.name}>`.padEnd(width)}${p.type}${p.enum ? `; one of ${p.enum.join(", ")}` : ""}`
        ).join("\n"),
    );
  }
  if (flags.length) sections.push(`Options:\n${flagHelp(flags)}`);
  sections.push(
    op.paginated
      ? "Output: NDJSON on stdout, one item per line, across every page."
      : "Output: the response as JSON on stdout (nothing when Okta answers no body).",
  );
  sections.push(
    "Reference: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/" +
      `${op.tag}/#tag/${op.tag}/operation/${op.id}`,
  );
  return `${sections.join("\n\n")}\n`;
}
