// Tests the Worker recipe (examples/worker/) the way a user runs it with plain workerd: worker.ts bundled with
// the esbuild command config.capnp gives, served by `workerd serve` with config.capnp itself, except that the
// "internet" service the Worker's fetch goes out through is the fake org (a second worker) and the socket is
// on a loopback port. Asks the Worker for its users over HTTP and checks the answers.
import { build } from "esbuild";
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const recipe = join(root, "examples", "worker");
const out = join(root, ".tmp", "worker-example");
mkdirSync(join(out, "dist"), { recursive: true });
const ORG = "https://dev-123456.okta.com";
const TOKEN = "00WorkerExampleToken00000000000000000000";

// The recipe's bundle: `esbuild worker.ts --bundle --format=esm --platform=neutral
// --conditions=workerd,worker,import --main-fields=module,main`.
const common = {
  bundle: true,
  format: "esm",
  platform: "neutral",
  conditions: ["workerd", "worker", "import"],
  mainFields: ["module", "main"],
  logLevel: "warning",
};
await build({ ...common, entryPoints: [join(recipe, "worker.ts")], outfile: join(out, "dist", "worker.js") });
writeFileSync(
  join(out, "fake_org.ts"),
  `import { createFakeOrg } from ${JSON.stringify(join(root, "testing", "mod.ts"))};
const org = createFakeOrg({ orgUrl: ${JSON.stringify(ORG)}, apiToken: ${
    JSON.stringify(TOKEN)
  }, clock: "real" });
org.seed({ users: ["ada", "grace"].map((name) => ({
  profile: { login: name + "@example.com", email: name + "@example.com", firstName: name, lastName: "Example" },
})) });
export default { fetch: (request) => org.handler(request) };
`,
);
await build({
  ...common,
  entryPoints: [join(out, "fake_org.ts")],
  outfile: join(out, "dist", "fake_org.js"),
});

const port = 20000 + Math.floor(Math.random() * 20000);
const config = readFileSync(join(recipe, "config.capnp"), "utf8");
const internet = /\(name = "internet", network = \([^\n]*\),\n/;
const socket = /address = "\*:8787"/;
if (!internet.test(config) || !socket.test(config)) {
  throw new Error("config.capnp no longer has the lines this test swaps");
}
writeFileSync(
  join(out, "config.capnp"),
  config
    .replace(internet, `(name = "internet", worker = .fakeOrg),\n`)
    .replace(socket, `address = "127.0.0.1:${port}"`) +
    `\nconst fakeOrg :Workerd.Worker = (\n  modules = [(name = "fake_org.js", esModule = embed "dist/fake_org.js")],\n` +
    `  compatibilityDate = "2025-09-01",\n);\n`,
);

const workerd = spawn(join(root, "node_modules", ".bin", "workerd"), ["serve", join(out, "config.capnp")], {
  env: { ...process.env, OKTA_CLIENT_TOKEN: TOKEN },
  stdio: ["ignore", "inherit", "inherit"],
});
const stop = () => workerd.kill();
try {
  let list;
  for (let i = 0; i < 100 && list === undefined; i++) {
    list = await fetch(`http://127.0.0.1:${port}/`).catch(() => new Promise((r) => setTimeout(r, 100)));
  }
  if (!list) throw new Error("workerd did not start serving the Worker");
  const logins = await list.json();
  if (JSON.stringify(logins) !== JSON.stringify(["ada@example.com", "grace@example.com"])) {
    throw new Error(`GET / answered ${list.status} ${JSON.stringify(logins)}`);
  }
  const one = await fetch(`http://127.0.0.1:${port}/?login=grace@example.com`);
  const user = await one.json();
  if (user?.profile?.login !== "grace@example.com") {
    throw new Error(`GET /?login answered ${JSON.stringify(user)}`);
  }
  console.log(
    `worker recipe: served by workerd, listed ${logins.length} users and read ${user.profile.login}`,
  );
} finally {
  stop();
}
