import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { ConfigHost } from "../lib/config/load.ts";
import { resolveConfig } from "../lib/config/load.ts";
import { APP, configError, host, lines, yamlBuild } from "./_config_scenarios.ts";

const ORG = "https://dev-123456.okta.com";
const TOKEN = "00Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0UvWxYz1a";

/** A runtime with neither files nor environment, as a Worker is. */
const worker: ConfigHost = {
  env: () => ({ values: undefined, denied: [] }),
  read: () => ({ absent: true }),
  home: () => ({}),
  cwd: () => undefined,
};

describe("configuration edges (issue 19, item 9)", () => {
  it("a {clientId} placeholder is caught like a token placeholder", async () => {
    for (const clientId of ["{clientId}", "{yourClientId}", "YOUR_CLIENT_ID", "<client-id>"]) {
      const error = await configError({
        orgUrl: ORG,
        authorizationMode: "PrivateKey",
        clientId,
        scopes: ["okta.users.read"],
        privateKey: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
      }, host());
      assert.match(
        error.message,
        /okta\.client\.clientId \(from constructor\): is still a placeholder from the documentation/,
        clientId,
      );
    }
  });

  it("a token holding a placeholder inside other text is caught", async () => {
    for (const token of ["00ab{apiToken}", "SSWS{apiToken}x", "tok-{ apiToken }"]) {
      const error = await configError({ orgUrl: ORG, token }, host());
      assert.match(error.message, /okta\.client\.token \(from constructor\): is still a placeholder/, token);
      assert.doesNotMatch(error.message, /00ab|tok-/, "the token is not echoed");
    }
  });

  it("an okta.yaml holding {} is an empty file", async () => {
    if (!await yamlBuild()) return; // Worker bundles carry no YAML parser
    for (const text of ["{}", "{}\n", "# nothing yet\n{}\n"]) {
      const on = host({ [`${APP}/okta.yaml`]: text });
      const resolved = await resolveConfig({ orgUrl: ORG, token: TOKEN }, on);
      assert.equal(resolved.client.orgUrl, ORG);
      const error = await configError({}, on);
      assert.doesNotMatch(error.message, /no top-level okta: key/);
      assert.deepEqual(error.problems.map((p) => p.field), ["okta.client.orgUrl", "okta.client.token"]);
    }
  });

  it("a negative requestTimeout is a ConfigError; 0 stays no limit", async () => {
    const error = await configError({ orgUrl: ORG, token: TOKEN, requestTimeout: -5 }, host());
    assert.deepEqual(lines(error), [
      "  - okta.client.requestTimeout (from constructor): expected 0 (no limit) or more seconds (got -5).",
    ]);
    const env = await configError(
      { orgUrl: ORG, token: TOKEN },
      host({}, { OKTA_CLIENT_REQUESTTIMEOUT: "-1" }),
    );
    assert.match(
      env.message,
      /requestTimeout \(from environment \(OKTA_CLIENT_REQUESTTIMEOUT\)\): expected 0/,
    );
    const none = await resolveConfig({ orgUrl: ORG, token: TOKEN, requestTimeout: 0 }, host());
    assert.equal(none.client.requestTimeout, 0);
  });
});

describe("misuse messages: a Worker with no options (issue 19, item 11)", () => {
  it("is not told about sources: false, which it never set", async () => {
    const error = await configError({}, worker);
    assert.doesNotMatch(error.message, /sources: false/);
    assert.match(error.message, /okta\.client\.orgUrl \(not set\): .* Set the orgUrl option\./);
  });

  it("sources: false (or both sources off) still says what it does", async () => {
    for (const sources of [false, { env: false, files: false }] as const) {
      const error = await configError({ sources, orgUrl: ORG }, host());
      assert.match(error.message, /\(sources: false reads no files or environment\.\)/);
    }
  });
});
