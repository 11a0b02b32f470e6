/**
 * Issue 19, item 12: what the README (and the docs it sends newcomers to) claims is true: the local-checkout
 * error it quotes is the one Deno prints, commands that need Deno after `npm ci` say `npx deno`, the usage
 * guide runs as written against the served fake org, and the Worker recipe runs under workerd. The parts that
 * run programs need a real Deno; the rest reads files (every runtime but workerd).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { projectFile } from "./_files.ts";

interface DenoLike {
  execPath(): string;
  makeTempDir(): Promise<string>;
  writeTextFile(path: string, text: string): Promise<void>;
  remove(path: string, options?: { recursive?: boolean }): Promise<void>;
  mkdir(path: string, options?: { recursive?: boolean }): Promise<void>;
  readTextFileSync(path: URL): string;
  readDirSync(path: URL): Iterable<{ name: string }>;
  Command: new (cmd: string, options: {
    args: string[];
    cwd: string;
    env?: Record<string, string>;
    stdout: "piped";
    stderr: "piped";
  }) => {
    output(): Promise<{ code: number; stdout: Uint8Array; stderr: Uint8Array }>;
    spawn(): { stdout: ReadableStream<Uint8Array>; kill(): void; status: Promise<unknown> };
  };
}
const deno = (globalThis as unknown as { Deno?: DenoLike }).Deno;
/** The repository's root; a Worker bundle (workerd) has no file URL to start from. */
const root = (() => {
  try {
    return new URL("..", import.meta.url);
  } catch {
    return new URL("bundle:/");
  }
})();

/** Runs the repository's Deno and returns what it printed, ANSI colours removed. */
async function run(args: string[], cwd: string, env?: Record<string, string>): Promise<string> {
  const { stdout, stderr } = await new deno!.Command(deno!.execPath(), {
    args,
    cwd,
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  // deno-lint-ignore no-control-regex
  return (new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr)).replace(/\x1b\[[0-9;]*m/g, "");
}

describe("the README's claims (issue 19, item 12)", () => {
  it("quotes the error Deno prints today for a checkout imported without its deno.json", async () => {
    if (!deno?.Command) return;
    const dir = await deno.makeTempDir();
    try {
      await deno.writeTextFile(
        `${dir}/main.ts`,
        `import { Okta } from ${JSON.stringify(new URL("mod.ts", root).href)};\nconsole.log(Okta);\n`,
      );
      const output = await run(["run", "--no-prompt", "-A", "main.ts"], dir);
      const printed = /^error: .*$/m.exec(output)?.[0];
      assert.ok(printed, output);
      assert.ok(projectFile("README.md")!.includes(`\`${printed}\``), `README quotes ${printed}`);
      assert.ok(
        projectFile("docs/local_checkout.md")!.includes(`\`${printed}\``),
        `docs/local_checkout.md quotes ${printed}`,
      );
    } finally {
      await deno.remove(dir, { recursive: true });
    }
  });

  it("says npx deno wherever a command of the clone needs Deno after npm ci", () => {
    const readme = projectFile("README.md");
    if (readme === undefined) return;
    const files = [
      "README.md",
      "CONTRIBUTING.md",
      "bench/README.md",
      "examples/serve_fake_org.ts",
      "examples/quickstart.ts",
    ];
    for (const name of ["testing.md", "retries_and_rate_limits.md", "requests.md", "performance.md"]) {
      files.push(`docs/${name}`);
    }
    for (const file of files) {
      const text = projectFile(file) ?? "";
      const bare = [...text.matchAll(/(^|[^\w./-])(npx )?deno (run|test|task|check|fmt|lint)\b[^`\n]*/g)]
        .filter((m) => !m[2] && /examples\/|codegen\/|scripts\/|bench\/|tests\//.test(m[0]));
      assert.deepEqual(bare.map((m) => m[0].trim()), [], file);
    }
  });

  it("the usage guide runs as written against the fake org served over HTTP", async () => {
    if (!deno?.Command) return;
    const readme = projectFile("README.md")!;
    const start = readme.indexOf("\n## Usage guide\n");
    const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(start))![1];
    const cwd = new URL(".", root).pathname;
    await deno.mkdir(`${cwd}.tmp`, { recursive: true });
    const file = `.tmp/readme_usage_${Math.random().toString(36).slice(2)}.ts`;
    await deno.writeTextFile(`${cwd}${file}`, block);
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const server = new deno.Command(deno.execPath(), {
      args: ["run", "-A", "examples/serve_fake_org.ts", port],
      cwd,
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    try {
      const reader = server.stdout.getReader();
      const decoder = new TextDecoder();
      let printed = "";
      while (!printed.includes("export OKTA_TESTING")) {
        const { value, done } = await reader.read();
        if (done) break;
        printed += decoder.decode(value, { stream: true });
      }
      reader.releaseLock();
      const env = Object.fromEntries([...printed.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
      assert.equal(env.OKTA_CLIENT_ORGURL, `http://127.0.0.1:${port}`);
      const output = await run(["run", "-A", file], cwd, env);
      assert.match(output, /SUCCESS Example SWA\s*$/, output);
    } finally {
      server.kill();
      await server.status;
      await deno.remove(`${cwd}${file}`);
    }
  });

  it("has a Worker recipe, the one examples/worker/ holds, and it runs under workerd", async () => {
    const readme = projectFile("README.md");
    if (readme === undefined) return;
    const worker = projectFile("examples/worker/worker.ts")!;
    const code = worker.slice(worker.indexOf("let users"));
    assert.ok(readme.includes(code), "the README's Worker code is examples/worker/worker.ts's");
    assert.match(readme, /npx wrangler (dev|deploy)/);
    assert.match(readme, /npx workerd serve config\.capnp/);
    assert.match(projectFile("examples/worker/wrangler.toml")!, /^main = "worker\.ts"$/m);
    if (!deno?.Command) return;
    const output = await run(["run", "-A", "scripts/worker_example.mjs"], new URL(".", root).pathname);
    assert.match(
      output,
      /worker recipe: served by workerd, listed 2 users and read grace@example\.com/,
      output,
    );
  });
});
