/** Issue 19, item 11: misuse gets a sentence, not a V8 error or three pointless retries. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { NetworkError, Okta } from "../mod.ts";
import { testKeys } from "./fixtures/keys/test_keys.ts";
import { json, scripted } from "./_okta_fetch.ts";

const ORG = "https://dev-123456.okta.com";

interface DenoLike {
  execPath(): string;
  Command: new (cmd: string, options: {
    args: string[];
    cwd: string;
    stdout: "piped";
    stderr: "piped";
  }) => { output(): Promise<{ stdout: Uint8Array; stderr: Uint8Array }> };
}
const deno = (globalThis as unknown as { Deno?: DenoLike }).Deno;

/** Deno's refusal, as its fetch throws it without --allow-net. */
function denied(): Error {
  return new TypeError(
    'Requires net access to "dev-123456.okta.com:443", run again with the --allow-net flag',
  );
}

describe("misuse messages (issue 19, item 11)", () => {
  it("for...of over a list says to use for await", () => {
    const okta = new Okta({ orgUrl: ORG, token: "00tok", fetch: scripted(() => json([])), sources: false });
    // deno-lint-ignore no-explicit-any
    const users = okta.user.listUsers() as any;
    assert.throws(() => {
      for (const _ of users) break;
    }, (error: unknown) => error instanceof TypeError && /for await \(const item of/.test(error.message));
    assert.throws(() => [...users], /is iterated asynchronously/);
    assert.throws(() => Array.from(users), /toArray\(\)/);
  });

  it("a network permission refusal is not retried, and names --allow-net=<org host>", async () => {
    for (const make of [denied, () => Object.assign(new Error("network access"), { name: "NotCapable" })]) {
      let sent = 0;
      const fetch = (() => {
        sent++;
        return Promise.reject(make());
      }) as unknown as typeof globalThis.fetch;
      const okta = new Okta({ orgUrl: ORG, token: "00tok", fetch, sources: false });
      const error = await okta.user.getUser("00u1").then(() => undefined, (e) => e);
      assert.ok(error instanceof NetworkError, String(error));
      assert.equal(sent, 1);
      assert.equal(error.attempts, 1);
      assert.match(error.message, /^GET \/api\/v1\/users\/00u1 was not sent: /);
      assert.match(error.message, /run with --allow-net=dev-123456\.okta\.com/);
    }
  });

  it("the token request of PrivateKey mode is not retried either", async () => {
    const { ec } = await testKeys();
    let sent = 0;
    const fetch = (() => {
      sent++;
      return Promise.reject(denied());
    }) as unknown as typeof globalThis.fetch;
    const okta = new Okta({
      orgUrl: ORG,
      authorizationMode: "PrivateKey",
      clientId: "0oa1",
      scopes: ["okta.users.read"],
      privateKey: ec.privateJwk,
      fetch,
      sources: false,
    });
    const error = await okta.user.getUser("00u1").then(() => undefined, (e) => e);
    assert.equal(sent, 1);
    assert.match(String(error?.message), /--allow-net=dev-123456\.okta\.com/);
  });

  it("real Deno without --allow-net: one attempt and the flag to add", async () => {
    if (!deno?.Command) return;
    const root = new URL("..", import.meta.url).pathname;
    const { stdout, stderr } = await new deno.Command(deno.execPath(), {
      args: ["run", "--no-prompt", "--quiet", "--allow-read", "--allow-env", "tests/fixtures/net_denied.ts"],
      cwd: root,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const output = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
    const result = JSON.parse(output.trim().split("\n").pop()!);
    assert.equal(result.name, "NetworkError", output);
    assert.equal(result.attempts, 1);
    assert.match(result.message, /run with --allow-net=dev-123456\.okta\.com/);
  });
});
