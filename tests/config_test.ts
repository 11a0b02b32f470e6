import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ConfigError, OktaClient, type OktaClientOptions } from "../mod.ts";
import { resolveConfig } from "../lib/config/load.ts";
import { envNames, FIELDS } from "../lib/config/fields.ts";

const HOME = "/home/me/.okta/okta.yaml";
const LOCAL = "/work/app/okta.yaml";
const yaml = (client: string) => `okta:\n  client:\n${client.replace(/^/gm, "    ")}\n`;

/** Whether this build reads YAML: Worker bundles resolve `#yaml` to a stub without a parser. */
async function yamlBuild(): Promise<boolean> {
  try {
    (await import("#yaml")).parse("a: 1");
    return true;
  } catch {
    return false;
  }
}

/** In a build without YAML, a YAML source must be refused clearly, naming the file. */
async function assertNoYaml(files: [string, string][]) {
  const error = await problemsOf(resolve({ orgUrl: "https://a.okta.com", token: "t" }, {}, files));
  assert.equal(error.problems[0].source, files[0][0]);
  assert.match(error.problems[0].message, /no YAML parser/);
}

function resolve(
  options: OktaClientOptions,
  env: Record<string, string> = {},
  files: [string, string][] = [],
) {
  return resolveConfig({
    ...options,
    sources: { env, files: files.map(([path, text]) => ({ path, text })) },
  });
}

async function problemsOf(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (e) => e);
  assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${error}`);
  return error;
}

describe("configuration precedence", () => {
  it("~/.okta/okta.yaml < ./okta.yaml < environment < constructor", async () => {
    const files: [string, string][] = [
      [HOME, yaml('orgUrl: "https://home.okta.com"\ntoken: home\nuserAgent: home-agent\nrequestTimeout: 9')],
      [LOCAL, yaml('orgUrl: "https://local.okta.com"\ntoken: local\nuserAgent: local-agent')],
    ];
    if (!await yamlBuild()) return assertNoYaml(files);
    const env = { OKTA_CLIENT_ORGURL: "https://env.okta.com", OKTA_CLIENT_TOKEN: "env" };
    const all = await resolve({ orgUrl: "https://ctor.okta.com" }, env, files);
    assert.equal(all.client.orgUrl, "https://ctor.okta.com");
    assert.equal(all.client.token, "env");
    assert.equal(all.client.userAgent, "local-agent");
    assert.equal(all.client.requestTimeout, 9);
  });

  it("needs only one source", async () => {
    if (!await yamlBuild()) return assertNoYaml([[HOME, yaml('orgUrl: "https://a.okta.com/"\ntoken: t')]]);
    const config = await resolve({}, {}, [[HOME, yaml('orgUrl: "https://a.okta.com/"\ntoken: t')]]);
    assert.equal(config.client.orgUrl, "https://a.okta.com");
    assert.equal(config.client.rateLimit.maxRetries, 2);
    assert.equal(config.client.cache.enabled, false);
  });

  it("reads both environment spellings and converts numbers, booleans and lists", async () => {
    const squashed = await resolve({}, {
      OKTA_CLIENT_ORGURL: "https://a.okta.com",
      OKTA_CLIENT_AUTHORIZATIONMODE: "PrivateKey",
      OKTA_CLIENT_CLIENTID: "0oa1",
      OKTA_CLIENT_SCOPES: "okta.users.read, okta.groups.read",
      OKTA_CLIENT_PRIVATEKEY: "{}",
      OKTA_CLIENT_RATELIMIT_MAXRETRIES: "4",
      OKTA_CLIENT_CACHE_ENABLED: "true",
      OKTA_CLIENT_CACHE_DEFAULTTTL: "60",
    });
    assert.equal(squashed.client.authorizationMode, "PrivateKey");
    assert.deepEqual(squashed.client.scopes, ["okta.users.read", "okta.groups.read"]);
    assert.equal(squashed.client.rateLimit.maxRetries, 4);
    assert.equal(squashed.client.cache.enabled, true);
    assert.equal(squashed.client.cache.defaultTtl, 60);

    const snake = await resolve({}, {
      OKTA_CLIENT_ORG_URL: "http://localhost:8080",
      OKTA_CLIENT_TOKEN: "t",
      OKTA_CLIENT_RATE_LIMIT_MAX_RETRIES: "0",
      OKTA_CLIENT_SCOPES: "a b",
      OKTA_TESTING_TESTING_DISABLE_HTTPS_CHECK: "true",
    });
    assert.equal(snake.client.orgUrl, "http://localhost:8080");
    assert.equal(snake.client.rateLimit.maxRetries, 0);
    assert.deepEqual(snake.client.scopes, ["a", "b"]);
    assert.equal(snake.testing.disableHttpsCheck, true);
  });

  it("knows both spellings of every field", () => {
    const names = FIELDS.flatMap(envNames);
    for (
      const name of [
        "OKTA_CLIENT_ORGURL",
        "OKTA_CLIENT_ORG_URL",
        "OKTA_CLIENT_CACHE_DEFAULTTTI",
        "OKTA_CLIENT_CACHE_DEFAULT_TTI",
        "OKTA_CLIENT_PROXY_PASSWORD",
        "OKTA_TESTING_TESTINGDISABLEHTTPSCHECK",
        "OKTA_CLIENT_CONNECTIONTIMEOUT",
      ]
    ) assert.ok(names.includes(name), name);
  });
});

/** Where the on-disk test can run: a file system to write to and a YAML parser in the build. */
const disk = globalThis as unknown as {
  Deno?: { makeTempDirSync(): string; writeTextFileSync(p: string, t: string): void };
  process?: { getBuiltinModule?(id: string): unknown };
};
const fs = disk.process?.getBuiltinModule?.("fs") as
  | { mkdtempSync(p: string): string; writeFileSync(p: string, t: string): void }
  | undefined;
const noDisk = (disk.Deno || fs) && await yamlBuild()
  ? false
  : "no file system or YAML parser in this runtime (a Worker build leaves the parser out)";

describe("configuration errors", () => {
  it("reports every problem at once, each with its field and source", async () => {
    const error = await problemsOf(resolve(
      { token: "{apiToken}" },
      {
        OKTA_CLIENT_ORGURL: "http://{yourOktaDomain}-admin.okta.com",
        OKTA_CLIENT_RATELIMIT_MAXRETRIES: "lots",
      },
    ));
    const fields = error.problems.map((p: { field: string }) => p.field);
    assert.ok(fields.includes("okta.client.rateLimit.maxRetries"));
    const retries = error.problems.find((p: { field: string }) =>
      p.field === "okta.client.rateLimit.maxRetries"
    );
    assert.match(retries!.source, /OKTA_CLIENT_RATELIMIT_MAXRETRIES/);
    assert.match(retries!.message, /lots/);
  });

  it("explains org URL mistakes and a placeholder token, naming the source", async () => {
    const error = await problemsOf(
      resolve({ token: "{apiToken}" }, { OKTA_CLIENT_ORGURL: "http://{yourOktaDomain}" }),
    );
    const org = error.problems.filter((p: { field: string }) => p.field === "okta.client.orgUrl");
    assert.ok(org.some((p: { message: string }) => /placeholder/.test(p.message)));
    assert.ok(org.some((p: { message: string }) => /https/.test(p.message)));
    assert.match(org[0].source, /environment \(OKTA_CLIENT_ORGURL\)/);
    const token = error.problems.find((p: { field: string }) => p.field === "okta.client.token");
    assert.equal(token!.source, "constructor");
    assert.match(error.message, /okta\.client\.orgUrl/);

    const admin = await problemsOf(resolve({ orgUrl: "https://dev-1-admin.okta.com", token: "t" }));
    assert.match(admin.message, /-admin/);
    const doubled = await problemsOf(resolve({ orgUrl: "https://dev-1.okta.com.com", token: "t" }));
    assert.match(doubled.message, /\.com\.com/);
    const twice = await problemsOf(resolve({ orgUrl: "https://https://dev-1.okta.com", token: "t" }));
    assert.match(twice.message, /more than once/);
  });

  it("PrivateKey mode needs clientId, scopes and privateKey", async () => {
    const error = await problemsOf(
      resolve({ orgUrl: "https://a.okta.com", authorizationMode: "PrivateKey" }),
    );
    const fields = error.problems.map((p: { field: string }) => p.field).sort();
    assert.deepEqual(fields, ["okta.client.clientId", "okta.client.privateKey", "okta.client.scopes"]);
  });

  it("never shows a secret in the error", async () => {
    const error = await problemsOf(resolve({ orgUrl: "nope", token: 42 as unknown as string }));
    assert.doesNotMatch(error.message, /42/);
    const leaky = await problemsOf(resolve({ orgUrl: "http://a.okta.com", token: "s3cr3t-token" }));
    assert.doesNotMatch(leaky.message, /s3cr3t/);
  });

  it("names a broken YAML file", async () => {
    if (!await yamlBuild()) return assertNoYaml([[LOCAL, "okta: [unclosed"]]);
    const error = await problemsOf(resolve({}, {}, [[LOCAL, "okta: [unclosed"]]));
    assert.equal(error.problems[0].source, `${LOCAL}:1`);
    assert.match(error.problems[0].message, /not valid YAML/);
  });

  it("reads a real okta.yaml from disk where the runtime has files", { skip: noDisk }, async () => {
    const g = disk;
    const dir = g.Deno ? g.Deno.makeTempDirSync() : fs!.mkdtempSync("/tmp/oktakit-");
    const path = `${dir}/okta.yaml`;
    const text = yaml('orgUrl: "https://disk.okta.com"\ntoken: disk-token\nrateLimit:\n  maxRetries: 5');
    if (g.Deno) g.Deno.writeTextFileSync(path, text);
    else fs!.writeFileSync(path, text);
    const config = await resolveConfig({
      sources: { env: {}, files: [{ path }, { path: `${dir}/missing.yaml` }] },
    });
    assert.equal(config.client.orgUrl, "https://disk.okta.com");
    assert.equal(config.client.rateLimit.maxRetries, 5);
    assert.equal(config.sources["client.orgUrl"], path);
  });

  it("the testing flag allows http for a local server", async () => {
    const config = await resolve({
      orgUrl: "http://127.0.0.1:8080",
      token: "t",
      testing: { disableHttpsCheck: true },
    });
    assert.equal(config.client.orgUrl, "http://127.0.0.1:8080");
  });

  it("a client surfaces problems from ready() and from the first call, and never caches them", async () => {
    const client = new OktaClient({ sources: false, token: "t" });
    await assert.rejects(client.ready(), ConfigError);
    await assert.rejects(client.request({ method: "GET", path: "/api/v1/users" }), ConfigError);
  });
});
