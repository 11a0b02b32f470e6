/**
 * Deterministic identifiers in Okta's shapes: a three-character type prefix and seventeen base62
 * characters, derived from a seed and a counter so two fakes built with the same seed agree.
 *
 * @module
 */

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Produces ids, tokens and secrets from one seeded counter. */
export interface IdSource {
  /** A 20-character id such as `00u1a2B3c4D5e6F7g8H9` for the prefix `00u`. */
  id(prefix: string): string;
  /** `length` base62 characters (tokens, secrets, request ids). */
  chars(length: number): string;
}

// splitmix32: small, well mixed, and the same on every runtime (no Math.random, no crypto).
function mix(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Creates an id source; the same seed always yields the same sequence. */
export function createIds(seed = 1): IdSource {
  let counter = 0;
  let state = mix(seed);
  const chars = (length: number): string => {
    let out = "";
    while (out.length < length) {
      state = mix(state ^ ++counter);
      out += ALPHABET[state % 62];
    }
    return out;
  };
  return { id: (prefix) => prefix + chars(20 - prefix.length), chars };
}
