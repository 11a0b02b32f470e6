#!/usr/bin/env bash
# Builds the npm package and uses it the way an npm user on Node does: installed under node_modules
# (where Node refuses to strip types, so only the compiled JavaScript can work), imported by package name
# from plain JavaScript, type-checked from a TypeScript consumer, and its `oktakit` command run through the
# bin link npm makes (node_modules/.bin/oktakit, as `npx oktakit` finds it).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
node="${NODE:-$(bash scripts/node.sh --which)}"
"$node" scripts/build_npm.mjs
app=.tmp/npm-smoke
rm -rf "$app" && mkdir -p "$app/node_modules/@oktakit" "$app/node_modules/@std"
cp -r .tmp/npm/package "$app/node_modules/@oktakit/management"
for dep in ky jose valibot csv-parse csv-stringify; do ln -s "$root/node_modules/$dep" "$app/node_modules/$dep"; done
ln -s "$root/node_modules/@std/yaml" "$app/node_modules/@std/yaml"
# What npm does for the package's "bin" on install.
mkdir -p "$app/node_modules/.bin"
bin="$("$node" -p 'require("./.tmp/npm/package/package.json").bin.oktakit')"
ln -s "../@oktakit/management/${bin#./}" "$app/node_modules/.bin/oktakit"
cat > "$app/package.json" <<'JSON'
{ "name": "smoke", "private": true, "type": "module" }
JSON
cat > "$app/smoke.mjs" <<'JS'
import { Okta, OktaApiError, UserApi as EntryUserApi } from "@oktakit/management";
import { UserApi } from "@oktakit/management/api/user";
import { OktaClient } from "@oktakit/management/core";
import { createFakeOrg } from "@oktakit/management/testing";

const org = createFakeOrg();
const okta = new Okta({ orgUrl: org.orgUrl, token: org.apiToken, fetch: org.fetch, sources: false });
const user = await okta.user.createUser({
  profile: { firstName: "N", lastName: "P", email: "npm@example.com", login: "npm@example.com" },
}, { activate: false });
// The package merges the namespace modules into a few: both entries must still give the same class.
if (EntryUserApi !== UserApi || !(okta.user instanceof UserApi)) throw new Error("two UserApi classes");
const users = new UserApi(new OktaClient({ orgUrl: org.orgUrl, token: org.apiToken, fetch: org.fetch, sources: false }));
const again = await users.getUser("npm@example.com");
if (again.id !== user.id) throw new Error("the user read back differs");
try {
  await users.getUser("nobody@example.com");
  throw new Error("expected a 404");
} catch (error) {
  if (!(error instanceof OktaApiError) || error.errorCode !== "E0000007") throw error;
}
// The shared rate-limit stores are entries of their own: a Durable Object store over the object itself.
const { denoKvRateLimitStore } = await import("@oktakit/management/rate-limit/deno-kv");
const { redisRateLimitStore } = await import("@oktakit/management/rate-limit/redis");
const { RateLimitDurableObject, durableObjectRateLimitStore } = await import(
  "@oktakit/management/rate-limit/durable-object"
);
const object = new RateLimitDurableObject();
const store = durableObjectRateLimitStore({
  idFromName: (name) => name,
  get: () => ({ fetch: (url, init) => object.fetch(new Request(url, init)) }),
});
const state = { limit: 10, remaining: 3, reset: 1, probeUntil: 0, untracked: false };
await store.update("b", () => [state, 0]);
const read = await store.update("b", (s) => [s, s.remaining]);
if (read !== 3 || typeof denoKvRateLimitStore !== "function" || typeof redisRateLimitStore !== "function") {
  throw new Error("the rate-limit store entries do not work from the package");
}
console.log(`npm package on Node ${process.version}: created and read ${again.profile.login}, typed 404 ok, rate-limit stores ok`);
JS
cat > "$app/consumer.ts" <<'TS'
import { Okta, type Models, type Paginated } from "@oktakit/management";
const okta = new Okta({ orgUrl: "https://example.okta.com", token: "t" });
const list: Paginated<Models.User> = okta.user.listUsers({ limit: 10 });
export const first: Promise<Models.User[]> = list.toArray({ max: 1 });
TS
cat > "$app/tsconfig.json" <<'JSON'
{ "compilerOptions": { "module": "nodenext", "moduleResolution": "nodenext", "target": "es2022", "strict": true,
  "noEmit": true, "skipLibCheck": false, "lib": ["es2023", "dom"], "types": [] }, "files": ["consumer.ts"] }
JSON
cat > "$app/cli_smoke.mjs" <<'JS'
// The installed command against the fake org served over loopback HTTP: `oktakit --help`, a list as NDJSON,
// and a misspelled method refused with exit code 2 before anything is sent.
import { execFile } from "node:child_process";
import { createServer } from "node:http";
import { createFakeOrg } from "@oktakit/management/testing";

const org = createFakeOrg();
org.seed({ users: ["a", "b"].map((n) => ({ profile: { login: `${n}@example.com`, email: `${n}@example.com`, firstName: n, lastName: "N" } })) });
const server = createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = chunks.length ? Buffer.concat(chunks) : undefined;
  const response = await org.handler(new Request(`http://127.0.0.1:${server.address().port}${req.url}`, { method: req.method, headers: req.headers, body }));
  res.writeHead(response.status, Object.fromEntries(response.headers)).end(Buffer.from(await response.arrayBuffer()));
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const env = { ...process.env, HOME: process.cwd(), OKTA_CLIENT_ORGURL: `http://127.0.0.1:${server.address().port}`,
  OKTA_CLIENT_TOKEN: org.apiToken, OKTA_TESTING_DISABLEHTTPSCHECK: "true" };
const run = (args) => new Promise((resolve) => execFile("node_modules/.bin/oktakit", args, { env }, (error, stdout, stderr) =>
  resolve({ code: error ? error.code : 0, stdout, stderr })));
const help = await run(["--help"]);
if (help.code !== 0 || !help.stdout.startsWith("oktakit ")) throw new Error(`oktakit --help: ${help.code} ${help.stderr}`);
const list = await run(["user", "listUsers"]);
const logins = list.stdout.trim().split("\n").map((line) => JSON.parse(line).profile.login);
if (list.code !== 0 || logins.join() !== "a@example.com,b@example.com") throw new Error(`listUsers: ${list.code} ${list.stderr}`);
const typo = await run(["user", "getUsr", "a@example.com"]);
if (typo.code !== 2 || !typo.stderr.includes("Did you mean getUser?")) throw new Error(`getUsr: ${typo.code} ${typo.stderr}`);
server.close();
console.log(`npm package bin: oktakit --help, listUsers (${logins.length} users as NDJSON) and a usage error (exit 2) ok`);
JS
(cd "$app" && "$node" smoke.mjs && PATH="$(dirname "$node"):$PATH" "$node" cli_smoke.mjs &&
  "$root/node_modules/.bin/tsc" -p tsconfig.json && echo "TypeScript consumer type-checks against the package's declarations")
