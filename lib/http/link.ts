/**
 * Reads RFC 8288 `Link` headers as Okta sends them (separate lines that `fetch` joins with `", "`).
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

const LINK = /<([^>]*)>\s*((?:;\s*[^;,]+)*)/g;
const REL = /;\s*rel\s*=\s*"?([^";,]+)"?/i;

/** Parses a `Link` header value; a missing or malformed header yields no links. */
export function parseLinkHeader(header: string | null | undefined): Links {
  const all: Record<string, string> = {};
  if (header) {
    for (const match of header.matchAll(LINK)) {
      const rel = REL.exec(match[2]);
      // A link may carry several space-separated relations (`rel="next last"`).
      if (rel) { for (const name of rel[1].trim().split(/\s+/)) all[name.toLowerCase()] ??= match[1]; }
    }
  }
  return { next: all.next, self: all.self, all };
}
