/**
 * The line of each key in a block-style YAML file (the shape every `okta.yaml` has), so that errors can
 * point at `./okta.yaml:5`. A light scan beside the parser: keys it cannot place simply have no line.
 *
 * @module
 */

/** Maps each dotted key path (`okta.client.orgUrl`) to the 1-based line it is first written on. */
export function keyLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const stack: { indent: number; key: string }[] = [];
  let scalarIndent = -1; // inside a `|` or `>` block scalar: its key's indentation
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    const indent = line.length - line.trimStart().length;
    if (scalarIndent >= 0) {
      if (line.trim() === "" || indent > scalarIndent) return;
      scalarIndent = -1;
    }
    const match = /^(\s*)(?:"([^"]*)"|'([^']*)'|([^\s#'"{[\-?][^#]*?))\s*:(?:\s+(.*))?$/.exec(line);
    if (!match) return;
    const key = match[2] ?? match[3] ?? match[4];
    while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
    stack.push({ indent, key });
    const path = stack.map((s) => s.key).join(".");
    if (!lines.has(path)) lines.set(path, index + 1);
    if (/^[|>][-+0-9]*\s*(#.*)?$/.test(match[5] ?? "")) scalarIndent = indent;
  });
  return lines;
}
