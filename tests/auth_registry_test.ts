import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ConfigError } from "../mod.ts";
import { privateKeyAuth } from "../lib/auth/_private_key_registered.ts";
import { registeredPrivateKeyAuth, registerPrivateKeyAuth } from "../lib/auth/registry.ts";
import type { PrivateKeyAuthOptions } from "../lib/auth/private_key.ts";

const options = {
  orgUrl: "https://a.okta.com",
  clientId: "0oa1",
  scopes: ["okta.users.read"],
  privateKey: "{}",
  fetch: () => Promise.reject(new Error("unused")),
} as PrivateKeyAuthOptions;

describe("PrivateKey in Worker and browser bundles", () => {
  it("says which import enables it when it is not registered, and uses the registered strategy when it is", () => {
    const saved = registeredPrivateKeyAuth();
    try {
      registerPrivateKeyAuth(undefined);
      assert.throws(() => privateKeyAuth(options), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /import "@oktakit\/management\/auth"/);
        return true;
      });
      const strategy = { kind: "PrivateKey", authorize() {}, prepare: () => Promise.resolve() };
      registerPrivateKeyAuth(() => strategy);
      assert.equal(privateKeyAuth(options), strategy);
    } finally {
      registerPrivateKeyAuth(saved);
    }
  });

  it("is carried by the main entry: registered in Worker bundles, loaded on first use elsewhere", async () => {
    const { privateKeyAuth: resolved } = await import("#private-key");
    if (resolved === privateKeyAuth) {
      // Worker conditions: `#private-key` is the registry, which mod.ts filled through `#auth-register`.
      assert.equal(typeof registeredPrivateKeyAuth(), "function");
    } else {
      // Deno, Bun and Node: `#private-key` is the strategy itself, imported by the client when needed.
      const strategy = resolved({
        ...options,
        privateKey: "{}",
        attempts: () => Promise.reject(new Error("unused")),
      });
      assert.equal(strategy.kind, "PrivateKey");
    }
  });
});
