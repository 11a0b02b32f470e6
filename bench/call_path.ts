/**
 * How much of oktakit one call runs: the functions (ours and ky's) and files that a warm `getUser`, a 2-page
 * `listUsers` and a DPoP `createUser` in PrivateKey mode execute, counted with V8's precise coverage. It is
 * the figure issue 17 asks for before and after the call-path rework. Node only (it uses `node:inspector`).
 *
 * Run: `bash scripts/node.sh bench/call_path.ts`
 *
 * @module
 */
import { Session } from "node:inspector/promises";
import { Okta } from "../mod.ts";
import { createOAuthServer } from "../testing/oauth.ts";
import { testKeys } from "../tests/fixtures/keys/test_keys.ts";

const ORG = "https://example.okta.com";
const root = new URL("../", import.meta.url).href;

const user = { id: "00u1", status: "ACTIVE", profile: { login: "ada@example.com" } };
const json = (body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status: 200,
    headers: { "content-type": "application/json", ...headers },
  });

/** A fetch that answers like Okta: a user, two pages of users, a created user. */
function answer(request: Request): Response {
  const url = new URL(request.url);
  if (url.pathname === "/api/v1/users" && request.method === "GET") {
    const next: Record<string, string> = url.searchParams.get("after") === null
      ? { link: `<${ORG}/api/v1/users?after=00u2&limit=1>; rel="next"` }
      : {};
    return json([user], next);
  }
  if (url.pathname === "/api/v1/users") return json(user);
  return json(user);
}

const session = new Session();
session.connect();
await session.post("Profiler.enable");

/** Functions with a count above zero between start and stop, by file (project and ky only). */
async function measure(name: string, run: () => Promise<unknown>): Promise<void> {
  await run(); // warm: configuration, ky and the scheduler load with the first call
  await run();
  await session.post("Profiler.startPreciseCoverage", { callCount: true, detailed: false });
  await run();
  const { result } = await session.post("Profiler.takePreciseCoverage");
  await session.post("Profiler.stopPreciseCoverage");
  let ours = 0;
  let ky = 0;
  const files = new Set<string>();
  for (const script of result) {
    const url = script.url;
    const isKy = url.includes("/node_modules/ky/");
    const isOurs = url.startsWith(root) && !url.includes("/node_modules/") && !url.includes("/bench/") &&
      !url.includes("/testing/") && !url.includes("/tests/");
    if (!isKy && !isOurs) continue;
    for (const fn of script.functions) {
      // The whole-script entry ("") counts once at load; only named or anonymous functions run by the call.
      if (fn.functionName === "" && fn.ranges[0].startOffset === 0) continue;
      if (fn.ranges[0].count === 0) continue;
      if (isKy) ky++;
      else {
        ours++;
        files.add(url.slice(root.length));
      }
    }
  }
  console.log(`${name}: ${ours} of our functions in ${files.size} files, ${ky} of ky's`);
  if (process.argv.includes("--files")) console.log(`  ${[...files].sort().join("\n  ")}`);
}

const okta = new Okta({
  orgUrl: ORG,
  token: "00abc",
  fetch: (i, init) => Promise.resolve(answer(new Request(i, init))),
  sources: false,
});
await measure("getUser", () => okta.user.getUser("00u1"));
await measure("listUsers, 2 pages", () => okta.user.listUsers({ limit: 1 }).toArray());

const { rsa } = await testKeys();
const server = createOAuthServer({
  issuer: ORG,
  clients: [{
    clientId: "0oaservice",
    publicJwk: rsa.publicJwk,
    scopes: ["okta.users.manage"],
    requireDpop: true,
  }],
});
const dpop = new Okta({
  orgUrl: ORG,
  authorizationMode: "PrivateKey",
  clientId: "0oaservice",
  scopes: ["okta.users.manage"],
  privateKey: rsa.legacyPem,
  dpop: true,
  sources: false,
  fetch: async (input, init) => {
    const request = new Request(input, init);
    if (new URL(request.url).pathname === "/oauth2/v1/token") return server.handleToken(request);
    const access = await server.verifyAccess(request);
    return access.ok ? answer(request) : access.response;
  },
});
await measure(
  "DPoP createUser",
  () => dpop.user.createUser({ profile: { login: "b@example.com" } } as never),
);

// Files and lines of lib/, and its longest function (by lines between a function's opening and closing).
const { readdirSync, readFileSync, statSync } = await import("node:fs");
const lib = new URL("../lib/", import.meta.url).pathname;
let fileCount = 0;
let lineCount = 0;
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) =>
    statSync(dir + name).isDirectory() ? walk(`${dir}${name}/`) : [dir + name]
  );
for (const file of walk(lib).filter((f) => f.endsWith(".ts"))) {
  fileCount++;
  lineCount += readFileSync(file, "utf8").split("\n").length - 1;
}
console.log(`lib/: ${fileCount} files, ${lineCount} lines`);
