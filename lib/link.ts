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

/** One link: `<target>` and its parameters, whose quoted values may hold `,`, `;` and escaped quotes. */
const LINK = /<([^>]*)>((?:\s*;\s*[^;,=\s]+(?:\s*=\s*(?:"(?:[^"\\]|\\.)*"|[^;,\s]*))?)*)/g;
/** One parameter of a link: its name, and its quoted or bare value. */
const PARAM = /;\s*([^;,=\s]+)(?:\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;,\s]*)))?/g;

/**
 * Parses a `Link` header value; a missing or malformed header yields no links. With `base` (the URL the
 * response answered), relative targets are made absolute; without it they are returned as given. The first
 * `rel` of a link counts (RFC 8288 §3.3), in any case, quoted or not, among parameters in any order.
 */
export function parseLinkHeader(header: string | null | undefined, base?: string): Links {
  const all: Record<string, string> = {};
  for (const [, target, params] of (header ?? "").matchAll(LINK)) {
    let rel: string | undefined;
    for (const [, name, quoted, bare] of params.matchAll(PARAM)) {
      if (name.toLowerCase() === "rel") {
        rel ??= quoted?.replace(/\\(.)/g, "$1") ?? bare ?? "";
      }
    }
    // A link may carry several space-separated relations (`rel="next last"`).
    for (const name of (rel ?? "").trim().split(/\s+/)) {
      if (name) all[name.toLowerCase()] ??= resolve(target.trim(), base);
    }
  }
  return { next: all.next, self: all.self, all };
}

/** An absolute http(s) URL, which needs no base. */
const ABSOLUTE = /^https?:\/\//i;

function resolve(target: string, base: string | undefined): string {
  // Okta's own targets are absolute: nothing to resolve, and no URL to parse on every page.
  if (!base || ABSOLUTE.test(target)) return target;
  try {
    return new URL(target, base).href;
  } catch {
    return target;
  }
}
