import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { importJWK, jwtVerify } from "jose";
import { encode, pkcs1ToPkcs8, readElement, readPkcs8, TAG } from "../lib/auth/_der.ts";
import { createClientAssertion } from "../lib/auth/client_assertion.ts";
import { importPrivateKey } from "../lib/auth/key_import.ts";
import { ConfigError } from "../lib/errors.ts";
import { testKeys, toPem } from "./fixtures/keys/test_keys.ts";

const TOKEN_URL = "https://example.okta.com/oauth2/v1/token";

/** Signs an assertion with the imported key and verifies it with the public key: the key really works. */
async function assertSigns(input: string | JsonWebKey, publicJwk: JsonWebKey, alg: string): Promise<void> {
  const key = await importPrivateKey(input);
  assert.equal(key.alg, alg);
  assert.equal(key.key.extractable, false);
  const jwt = await createClientAssertion(key, { clientId: "0oa1", tokenUrl: TOKEN_URL, now: Date.now() });
  const { kty, n, e, crv, x, y } = publicJwk;
  const verifier = await importJWK(kty === "RSA" ? { kty, n, e } : { kty, crv, x, y }, alg);
  const { payload } = await jwtVerify(jwt, verifier, { issuer: "0oa1", audience: TOKEN_URL });
  assert.equal(payload.sub, "0oa1");
}

describe("importPrivateKey accepts every key form", () => {
  for (const type of ["rsa", "ec"] as const) {
    const alg = type === "rsa" ? "RS256" : "ES256";
    it(`${type}: JWK object`, async () => {
      const { privateJwk, publicJwk } = (await testKeys())[type];
      await assertSigns(privateJwk, publicJwk, alg);
      assert.equal((await importPrivateKey(privateJwk)).kid, privateJwk.kid);
    });
    it(`${type}: JWK JSON string (with alg/use/key_ops members)`, async () => {
      const { privateJwk, publicJwk } = (await testKeys())[type];
      const json = JSON.stringify({ ...privateJwk, alg, use: "sig", key_ops: ["sign"] });
      await assertSigns(`  ${json}\n`, publicJwk, alg);
    });
    it(`${type}: PKCS#8 PEM`, async () => {
      const { pkcs8Pem, publicJwk } = (await testKeys())[type];
      assert.match(pkcs8Pem, /^-----BEGIN PRIVATE KEY-----/);
      await assertSigns(pkcs8Pem, publicJwk, alg);
    });
    it(`${type}: ${type === "rsa" ? "PKCS#1" : "SEC1"} PEM`, async () => {
      const { legacyPem, publicJwk } = (await testKeys())[type];
      assert.match(legacyPem, type === "rsa" ? /BEGIN RSA PRIVATE KEY/ : /BEGIN EC PRIVATE KEY/);
      await assertSigns(legacyPem, publicJwk, alg);
    });
    it(`${type}: PEM with literal \\n escapes and indentation (as pasted into env or YAML)`, async () => {
      const { legacyPem, publicJwk } = (await testKeys())[type];
      await assertSigns(legacyPem.trim().split("\n").join("\\n"), publicJwk, alg);
      await assertSigns(legacyPem.split("\n").map((line) => `    ${line}`).join("\r\n"), publicJwk, alg);
    });
  }
  it("RSA JWK with alg RS512 signs with RS512", async () => {
    const { privateJwk } = (await testKeys()).rsa;
    assert.equal((await importPrivateKey({ ...privateJwk, alg: "RS512" })).alg, "RS512");
  });
});

describe("importPrivateKey refuses other input without echoing it", () => {
  const cases: [string, () => string | JsonWebKey | Promise<string | JsonWebKey>, RegExp][] = [
    ["a public JWK", async () => (await testKeys()).ec.publicJwk, /public key/],
    ["a PUBLIC KEY PEM", () => toPem("PUBLIC KEY", new Uint8Array(64).fill(7)), /PUBLIC KEY/],
    ["an encrypted PEM", () => toPem("ENCRYPTED PRIVATE KEY", new Uint8Array(64).fill(7)), /encrypted/],
    ["random text", () => "not-a-key-but-secret-ish-AAAABBBBCCCC", /cannot be read/],
    ["broken JSON", () => '{"kty":"RSA","d":"SECRETSECRET"', /not valid JSON/],
    [
      "a P-384 JWK",
      () => ({ kty: "EC", crv: "P-384", x: "AAAA", y: "BBBB", d: "SECRETSECRET" }),
      /P-256/,
    ],
    ["an oct JWK", () => ({ kty: "oct", k: "SECRETSECRET", d: "SECRETSECRET" }), /kty "oct"/],
    ["a PS256 RSA JWK", async () => ({ ...(await testKeys()).rsa.privateJwk, alg: "PS256" }), /RS256/],
    ["a truncated PKCS#1 PEM", async () => {
      const pem = (await testKeys()).rsa.legacyPem.split("\n");
      return [pem[0], ...pem.slice(1, 6), pem.at(-2)].join("\n");
    }, /malformed|could not be imported/],
    ["an RSA JWK without its modulus", async () => {
      const { n: _n, ...rest } = (await testKeys()).rsa.privateJwk;
      return rest;
    }, /could not be imported/],
    ["an empty string", () => "", /missing or empty/],
  ];
  for (const [name, make, pattern] of cases) {
    it(name, async () => {
      const input = await make();
      const error = await importPrivateKey(input).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
      assert.match(error.message, pattern);
      assert.match(error.message, /PKCS#8|RSA|P-256|public key/);
      assert.ok(!error.message.includes("SECRETSECRET"));
      const text = typeof input === "string" ? input : JSON.stringify(input);
      for (const chunk of text.match(/[A-Za-z0-9+/_-]{16,}/g) ?? []) {
        assert.ok(!error.message.includes(chunk), "the message repeats key material");
      }
    });
  }
});

describe("DER helpers", () => {
  it("PKCS#1 wrapped back into PKCS#8 is byte-identical to WebCrypto's PKCS#8", async () => {
    const pem = (await testKeys()).rsa.pkcs8Pem;
    const pkcs8 = Uint8Array.from(atob(pem.replace(/-----[^-]+-----|\s/g, "")), (c) => c.charCodeAt(0));
    const info = readPkcs8(pkcs8);
    assert.equal(info.type, "RSA");
    assert.deepEqual(pkcs1ToPkcs8(info.privateKey), pkcs8);
  });
  it("encodes short and long lengths and reads them back", () => {
    for (const size of [0, 1, 127, 128, 255, 256, 65_536]) {
      const element = readElement(encode(TAG.octetString, new Uint8Array(size).fill(9)));
      assert.equal(element.tag, TAG.octetString);
      assert.equal(element.content.length, size);
    }
    assert.deepEqual([...encode(TAG.octetString, new Uint8Array(200)).subarray(0, 3)], [0x04, 0x81, 200]);
    assert.deepEqual([...encode(TAG.octetString, new Uint8Array(300)).subarray(0, 4)], [0x04, 0x82, 1, 44]);
  });
  it("refuses truncated input", () => {
    assert.throws(() => readElement(Uint8Array.of(0x30, 0x05, 0x02)), /truncated/);
  });
});
