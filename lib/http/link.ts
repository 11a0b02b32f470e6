/**
 * Reads RFC 8288 `Link` headers as Okta sends them (separate lines that `fetch` joins with `", "`), with
 * a real parser: quoted parameter values may hold commas and semicolons, parameters may come in any
 * order, and relative targets are resolved against the response's URL.
 *
 * @module
 */

/** The links of one response, by relation. */
export interface Links {
  /** The `rel="next"` URL, absent on the last page. */
  next?: string;
  /** The `rel="self"` URL. */
  self?: string;
  /** Every relation found, including `next` and `self`. */
  all: Record<string, string>;
}

/**
 * Parses a `Link` header value; a missing or malformed header yields no links. With `base` (the URL the
 * response answered), relative targets are made absolute; without it they are returned as given.
 */
export function parseLinkHeader(header: string | null | undefined, base?: string): Links {
  const all: Record<string, string> = {};
  const text = header ?? "";
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("<", i);
    if (open < 0) break;
    const close = text.indexOf(">", open);
    if (close < 0) break;
    const target = resolve(text.slice(open + 1, close).trim(), base);
    const { params, end } = readParams(text, close + 1);
    i = end;
    // A link may carry several space-separated relations (`rel="next last"`).
    for (const rel of (params.rel ?? "").trim().split(/\s+/)) {
      if (rel) all[rel.toLowerCase()] ??= target;
    }
  }
  return { next: all.next, self: all.self, all };
}

/**
 * Reads `; name=value` parameters from `i` up to the comma that ends the link (or the end), honouring
 * quoted strings and their backslash escapes. The first occurrence of a parameter wins (RFC 8288 §3.3).
 */
function readParams(text: string, i: number): { params: Record<string, string>; end: number } {
  const params: Record<string, string> = {};
  const space = /[ \t]/;
  while (i < text.length) {
    while (space.test(text[i] ?? "")) i++;
    if (text[i] !== ";") break;
    i++;
    while (space.test(text[i] ?? "")) i++;
    let name = "";
    while (i < text.length && !/[=;,\s]/.test(text[i])) name += text[i++];
    while (space.test(text[i] ?? "")) i++;
    let value = "";
    if (text[i] === "=") {
      i++;
      while (space.test(text[i] ?? "")) i++;
      if (text[i] === '"') {
        for (i++; i < text.length && text[i] !== '"'; i++) {
          value += text[i] === "\\" ? text[++i] ?? "" : text[i];
        }
        i++; // the closing quote
      } else {
        while (i < text.length && !/[;,\s]/.test(text[i])) value += text[i++];
      }
    }
    if (name) params[name.toLowerCase()] ??= value;
  }
  // Skip anything malformed up to the comma that separates links.
  while (i < text.length && text[i] !== ",") i++;
  return { params, end: i + 1 };
}

function resolve(target: string, base: string | undefined): string {
  if (!base) return target;
  try {
    return new URL(target, base).href;
  } catch {
    return target;
  }
}
