/**
 * The texts of `spec/README.md` and of the `NOTICE` file, written by `scripts/update_spec.ts` from the
 * extract itself, so the provenance and the counts they give are those of the file they describe.
 *
 * @module
 */
import type { Overlay } from "../codegen/overlay.ts";
import type { Json, Provenance } from "./spec_extract.ts";
import { SOURCE_KEY } from "./spec_extract.ts";

const METHODS = ["get", "post", "put", "patch", "delete", "head", "options", "trace"];

/** Counts of what the extract describes. */
export function specFacts(spec: Json): {
  paths: number;
  operations: number;
  byMethod: string;
  tags: number;
  schemas: number;
} {
  const paths = spec.paths as Record<string, Json>;
  const count = new Map<string, number>();
  const tags = new Set<string>();
  for (const item of Object.values(paths)) {
    for (const method of METHODS) {
      const op = item[method] as { tags?: string[] } | undefined;
      if (!op) continue;
      count.set(method, (count.get(method) ?? 0) + 1);
      for (const tag of op.tags ?? []) tags.add(tag);
    }
  }
  const operations = [...count.values()].reduce((a, b) => a + b, 0);
  const byMethod = [...count].sort((a, b) => b[1] - a[1]).map(([m, n]) => `${m} ${n}`).join(", ");
  const schemas = Object.keys((spec.components as { schemas: Json }).schemas).length;
  return { paths: Object.keys(paths).length, operations, byMethod, tags: tags.size, schemas };
}

/** The README for `spec/`, with the entries of `overlay` (`spec/overlay.json`) listed. */
export function specReadme(spec: Json, overlay: Overlay): string {
  const s = spec[SOURCE_KEY] as Provenance;
  const f = specFacts(spec);
  const url = `https://github.com/${s.repository}/blob/${s.commit}/${s.file}`;
  return `# The API description oktakit is generated from

\`okta-management.json\` is a structure-only extract of Okta's OpenAPI 3.0 description of the Admin
Management API. \`codegen/\` generates \`api/\` and \`models/\` from it, the spec-driven tests read it, and the
Prism conformance check validates the fake org against it. Nothing in \`npm test\` reads anything else.

- upstream: [\`${s.repository}\`](https://github.com/${s.repository}), file [\`${s.file}\`](${url})
- commit: \`${s.commit}\` (${s.date}); upstream SHA-256 \`${s.sha256}\`
- API version: ${s.apiVersion}
- licence: ${s.license}, as published by Okta; the text is in [\`LICENSE\`](LICENSE), the notice in
  [\`../NOTICE\`](../NOTICE)

The same facts are recorded in the file itself, under \`${SOURCE_KEY}\`, with a note of what was changed.

## What it keeps

${f.paths} paths and ${f.operations} operations (${f.byMethod}) in ${f.tags} tags, and ${f.schemas}
component schemas. For every operation: its \`operationId\`, short \`summary\` label, tag, parameters,
request body, responses, servers, security requirements and \`x-okta-lifecycle\`. For every schema: types,
formats, references, \`allOf\`/\`oneOf\`/\`anyOf\`, discriminators, enums, defaults and constraints (lengths,
ranges, patterns, read-only and write-only, nullable). Also the servers, the security schemes with their
OAuth scope names, and the tag names.

## What it leaves out

Okta's prose and samples: every \`description\` and \`title\`, \`example\` and \`examples\` (the
\`components.examples\` section included), \`externalDocs\`, the contact details, the explanation of each OAuth
scope, and the vendor extensions the generator does not read (\`x-okta-iam-permissions\`,
\`x-enumDescriptions\`, \`x-webhooks\`, \`x-tagGroups\` and the like). The extract is therefore about a third of
the upstream file's size, and is not a complete OpenAPI document for documentation tools (responses have no
\`description\`).

## The real-world overlay

\`overlay.json\` holds what real Okta orgs do that the description does not say (undeclared parameters, empty
2xx bodies, maps typed as single objects, \`null\` to remove): one entry per fact, with where it was seen.
\`codegen/overlay.ts\` applies it to the description before \`api/\` and \`models/\` are generated, so the
generated code follows the facts and nobody edits generated files; \`tests/api_operations_test.ts\` applies
it too. The extract itself stays as Okta publishes it, and the Prism conformance check reads it without the
overlay.

An entry has an \`id\`, the \`fact\` in one sentence, where it was \`seen\` (recorded traffic, an SDK, Okta's
documentation or trackers, with dates), and its \`edits\`. Each edit sets one \`value\` at the key path \`at\`
from the document's root, and names the value it replaces as \`was\` (left out when the value is added). When
a refreshed description no longer holds what an entry expects, the generator stops and names the entry:
remove the entry if Okta has fixed the description, else bring \`was\` up to date.

Two marks are the overlay's own. \`"x-oktakit-empty-body": true\` on a 2xx response says real answers may come
without the declared body: the method's result type then includes \`undefined\`, and its row tells the
transport that an empty answer is no error (\`empty: true\`, sent as \`RequestOptions.allowEmpty\`).
\`"x-oktakit-overlay": "<entry id>"\` on an operation the overlay adds puts a line in the method's doc comment
saying that Okta's current description does not have it.

To add an entry: append it to \`entries\`, run \`deno run -A codegen/main.ts\`, check the change in \`api/\` and
\`models/\`, and regenerate this README's list with \`npm run update-spec\` (or add the line by hand, word for
word: a test compares the two). Behaviour that is about the wire rather than the description stays in code:
links on the org's \`-admin\` host (\`lib/http/url.ts\`) and \`getUser\` for a login containing \`/\`
(\`lib/user_lookup.ts\`).

| entry | fact | seen |
| --- | --- | --- |
${overlay.entries.map((e) => `| \`${e.id}\` | ${cell(e.fact)} | ${cell(e.seen)} |`).join("\n")}

## For Prism

Prism cannot compile some of the upstream schemas and ignores discriminators. \`scripts/spec_prism.ts\`
mends a copy of the extract when the conformance check runs, without changing its meaning: repeated enum
items dropped, \`(?i)\` patterns spelled out in both cases, \`nullable: false\` dropped, and each branch of a
discriminated \`oneOf\`/\`anyOf\` pinned to the discriminator values that select it.

## Refreshing

\`\`\`sh
npm run update-spec -- path/to/management-oneOfInheritance.yaml --commit <hash> --date <YYYY-MM-DD>
\`\`\`

rewrites \`okta-management.json\` and this README with \`scripts/update_spec.ts\`, then regenerates \`api/\` and
\`models/\`. \`--commit\` and \`--date\` may be left out when the file is the one recorded above (same SHA-256).
`;
}

/** Text for a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s+/g, " ");
}

/** The project's `NOTICE` file: our copyright, and the attribution the Apache-2.0 extract calls for. */
export function specNotice(spec: Json): string {
  const s = spec[SOURCE_KEY] as Provenance;
  return `oktakit (@oktakit/management)
Copyright (c) 2026 oktakit contributors. MIT licence: see LICENSE.

This project includes spec/okta-management.json, an extract of Okta's OpenAPI description of the
Admin Management API, and generates api/ and models/ from it.

  Source:   https://github.com/${s.repository}
            file ${s.file}, commit ${s.commit} (${s.date}),
            API version ${s.apiVersion}
  Licence:  ${s.license === "Apache-2.0" ? "Apache License, Version 2.0" : s.license} (text in spec/LICENSE)
  Changes:  scripts/update_spec.ts removed the descriptions, titles, examples, external docs,
            contact details and most vendor extensions, emptied the OAuth scope explanations and
            reduced the tags to their names; spec/README.md and the file's "${SOURCE_KEY}"
            entry record the details.
`;
}
