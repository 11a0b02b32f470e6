/**
 * "Did you mean" suggestions for misspelled namespaces, methods, flags and enum values.
 *
 * @module
 */

/** Edit distance (Levenshtein) between two strings, compared case-insensitively. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[y.length];
}

/**
 * The candidates closest to `input`, best first: those within a third of the input's length in edits (at
 * least 2), and those that contain it or that it contains (a prefix typed, `users` for `listUsers`).
 */
export function closest(input: string, candidates: Iterable<string>, max = 3): string[] {
  const needle = input.toLowerCase();
  const scored: [string, number][] = [];
  for (const candidate of candidates) {
    const hay = candidate.toLowerCase();
    const d = distance(input, candidate);
    const near = d <= Math.max(2, Math.floor(input.length / 3));
    const contains = needle.length >= 3 && (hay.includes(needle) || needle.includes(hay));
    if (near || contains) scored.push([candidate, near ? d : d + 100]);
  }
  return scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).slice(0, max).map(([c]) => c);
}

/** `" Did you mean --limit?"`, or an empty string when nothing is close. */
export function didYouMean(input: string, candidates: Iterable<string>, prefix = ""): string {
  const found = closest(input, candidates);
  if (found.length === 0) return "";
  const names = found.map((c) => `${prefix}${c}`);
  return ` Did you mean ${
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`
  }?`;
}
