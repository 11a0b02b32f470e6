/**
 * Just enough DER (ASN.1 Distinguished Encoding Rules) to turn PKCS#1 and SEC1 private keys into the
 * PKCS#8 form WebCrypto imports, and to read which algorithm a PKCS#8 key is for. Private to the
 * package; not a general ASN.1 library.
 *
 * @module
 */

/** DER tags used by private-key structures. */
export const TAG = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  sequence: 0x30,
  /** `[0]` constructed, explicit context tag. */
  context0: 0xa0,
  /** `[1]` constructed, explicit context tag. */
  context1: 0xa1,
} as const;

/** Encoded object identifiers (tag and length included) for the keys we accept. */
export const OID = {
  /** 1.2.840.113549.1.1.1 */
  rsaEncryption: Uint8Array.of(0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01),
  /** 1.2.840.10045.2.1 */
  ecPublicKey: Uint8Array.of(0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01),
  /** 1.2.840.10045.3.1.7, the P-256 curve. */
  prime256v1: Uint8Array.of(0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07),
} as const;

/** One decoded element: its tag and where its content sits in the input. */
export interface DerElement {
  /** The identifier octet (only single-octet tags occur in key structures). */
  tag: number;
  /** The whole element, tag and length included. */
  raw: Uint8Array;
  /** The content octets. */
  content: Uint8Array;
}

/** Thrown on malformed input; callers turn it into an error that names accepted key forms. */
export class DerError extends Error {
  override name = "DerError";
}

/** Reads the element starting at `offset`. */
export function readElement(bytes: Uint8Array, offset = 0): DerElement {
  if (offset + 2 > bytes.length) throw new DerError("truncated DER element");
  const tag = bytes[offset];
  let length = bytes[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    // Four length octets cover any key; more (or the indefinite form, count 0) is not DER we expect.
    if (count === 0 || count > 4 || start + count > bytes.length) throw new DerError("bad DER length");
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[start + i];
    start += count;
  }
  const end = start + length;
  if (end > bytes.length) throw new DerError("truncated DER element");
  return { tag, raw: bytes.subarray(offset, end), content: bytes.subarray(start, end) };
}

/** Reads every element inside a constructed element's content. */
export function readChildren(content: Uint8Array): DerElement[] {
  const children: DerElement[] = [];
  let offset = 0;
  while (offset < content.length) {
    const child = readElement(content, offset);
    children.push(child);
    offset += child.raw.length;
  }
  return children;
}

/** Reads a whole buffer as one element of the expected tag, with nothing after it. */
export function readExactly(bytes: Uint8Array, tag: number): DerElement {
  const element = readElement(bytes);
  if (element.tag !== tag || element.raw.length !== bytes.length) {
    throw new DerError("unexpected DER structure");
  }
  return element;
}

/** Encodes a tag-length-value element. */
export function encode(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const length = contents.reduce((sum, part) => sum + part.length, 0);
  const lengthOctets: number[] = [];
  if (length < 0x80) {
    lengthOctets.push(length);
  } else {
    for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) lengthOctets.unshift(rest & 0xff);
    lengthOctets.unshift(0x80 | lengthOctets.length);
  }
  const out = new Uint8Array(1 + lengthOctets.length + length);
  out[0] = tag;
  out.set(lengthOctets, 1);
  let offset = 1 + lengthOctets.length;
  for (const part of contents) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** `INTEGER 0`, the version of a PKCS#8 `PrivateKeyInfo`. */
const VERSION_0 = Uint8Array.of(TAG.integer, 0x01, 0x00);

/** Wraps a PKCS#1 `RSAPrivateKey` (DER) into a PKCS#8 `PrivateKeyInfo`. */
export function pkcs1ToPkcs8(pkcs1: Uint8Array): Uint8Array {
  readExactly(pkcs1, TAG.sequence);
  const algorithm = encode(TAG.sequence, OID.rsaEncryption, Uint8Array.of(TAG.null, 0x00));
  return encode(TAG.sequence, VERSION_0, algorithm, encode(TAG.octetString, pkcs1));
}

/**
 * Wraps a SEC1 `ECPrivateKey` (DER) into a PKCS#8 `PrivateKeyInfo`. Only P-256 is accepted: a curve
 * named in the key other than P-256 throws.
 */
export function sec1ToPkcs8(sec1: Uint8Array): Uint8Array {
  const fields = readChildren(readExactly(sec1, TAG.sequence).content);
  if (fields[0]?.tag !== TAG.integer || fields[1]?.tag !== TAG.octetString) {
    throw new DerError("not an ECPrivateKey");
  }
  const parameters = fields.find((field) => field.tag === TAG.context0);
  if (parameters && !sameBytes(parameters.content, OID.prime256v1)) throw new DerError("unsupported curve");
  const algorithm = encode(TAG.sequence, OID.ecPublicKey, OID.prime256v1);
  return encode(TAG.sequence, VERSION_0, algorithm, encode(TAG.octetString, sec1));
}

/** What a PKCS#8 `PrivateKeyInfo` holds. */
export interface Pkcs8Info {
  /** `"RSA"`, `"P-256"`, or `"other"` for anything else (another curve, Ed25519, ...). */
  type: "RSA" | "P-256" | "other";
  /** The inner private key: PKCS#1 `RSAPrivateKey` for RSA, SEC1 `ECPrivateKey` for EC. */
  privateKey: Uint8Array;
}

/** Reads the algorithm and the inner key of a PKCS#8 `PrivateKeyInfo`. */
export function readPkcs8(pkcs8: Uint8Array): Pkcs8Info {
  const [version, algorithm, privateKey] = readChildren(readExactly(pkcs8, TAG.sequence).content);
  if (
    version?.tag !== TAG.integer || algorithm?.tag !== TAG.sequence || privateKey?.tag !== TAG.octetString
  ) {
    throw new DerError("not a PrivateKeyInfo");
  }
  const [oid, parameters] = readChildren(algorithm.content);
  let type: Pkcs8Info["type"] = "other";
  if (oid && sameBytes(oid.raw, OID.rsaEncryption)) type = "RSA";
  else if (
    oid && sameBytes(oid.raw, OID.ecPublicKey) && parameters && sameBytes(parameters.raw, OID.prime256v1)
  ) {
    type = "P-256";
  }
  return { type, privateKey: privateKey.content };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
