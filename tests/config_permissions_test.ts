import { describe, it } from "node:test";
import assert from "node:assert/strict";

interface DenoLike {
  execPath(): string;
  Command: new (cmd: string, options: {
    args: string[];
    cwd: string;
    env: Record<string, string>;
    stdout: "piped";
    stderr: "piped";
  }) => { output(): Promise<{ code: number; stdout: Uint8Array; stderr: Uint8Array }> };
}

const deno = (globalThis as unknown as { Deno?: DenoLike }).Deno;

/** Runs tests/fixtures/config_ready.ts with a real Deno, these flags and this environment. */
async function ready(flags: string[], env: Record<string, string>): Promise<string> {
  const root = new URL("..", import.meta.url).pathname;
  const { stdout, stderr } = await new deno!.Command(deno!.execPath(), {
    args: ["run", "--no-prompt", "--quiet", ...flags, "tests/fixtures/config_ready.ts"],
    cwd: root,
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
}

describe("configuration under Deno's permissions (real Deno; other runtimes have none to miss)", () => {
  it("without --allow-env and --allow-read, the error names the flags instead of only 'not set'", async () => {
    if (!deno?.Command) return;
    const output = await ready([], { OKTA_CLIENT_ORGURL: "https://dev-123456.okta.com" });
    assert.match(
      output,
      /okta\.client\.orgUrl \(not set\): .* Deno was not allowed to read OKTA_CLIENT_ORGURL, ~\/\.okta\/okta\.yaml, or \.\/okta\.yaml: run with --allow-env --allow-read \(or --allow-env=OKTA_CLIENT_ORGURL\)\./,
    );
  });

  it("variables granted one by one (--allow-env=NAME) are read, and the missing one is named", async () => {
    if (!deno?.Command) return;
    const output = await ready(["--allow-env=OKTA_CLIENT_ORGURL", "--allow-read"], {
      OKTA_CLIENT_ORGURL: "https://dev-123456.okta.com",
      OKTA_CLIENT_TOKEN: "00Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0UvWxYz1a",
    });
    assert.doesNotMatch(output, /orgUrl/);
    assert.match(
      output,
      /okta\.client\.token \(not set\): .* Deno was not allowed to read OKTA_CLIENT_TOKEN(, ~\/\.okta\/okta\.yaml,)?.*: run with --allow-env.* \(or --allow-env=OKTA_CLIENT_TOKEN\)\./,
    );
    const granted = await ready(["--allow-env", "--allow-read"], {
      OKTA_CLIENT_ORGURL: "https://dev-123456.okta.com",
      OKTA_CLIENT_TOKEN: "00Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0UvWxYz1a",
      HOME: "/nonexistent",
    });
    assert.equal(granted.trim(), "ready");
  });
});
