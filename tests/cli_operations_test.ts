/**
 * `oktakit <namespace> <method>` as a child process against the fake org served over HTTP: help from the
 * operations table, JSON and NDJSON output, bodies from a file, stdin or inline, every argument checked
 * before anything is sent (with did-you-mean), exit codes, and configuration read as the library reads it
 * (environment, ./okta.yaml, PrivateKey mode; never a token on the command line).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import deno from "../deno.json" with { type: "json" };
import { createFakeOrg } from "../testing/mod.ts";
import { testKeys } from "./fixtures/keys/test_keys.ts";
import { CONTROL, ndjson, noCli, person, removeDir, runCli, serveOrg, tempDir, writeText } from "./_cli.ts";

const skip = noCli;

/** A served org with `count` users; the test body gets it and closes it after. */
async function withOrg(count: number, test: (served: Awaited<ReturnType<typeof serveOrg>>) => Promise<void>) {
  const served = await serveOrg((origin) => createFakeOrg({ orgUrl: origin, clock: "real" }));
  served.org.seed({ users: Array.from({ length: count }, (_, i) => ({ profile: person(i) })) });
  try {
    await test(served);
  } finally {
    await served.close();
  }
}

describe("oktakit <namespace> <method>", () => {
  it("prints help from the operations table: overview, a namespace, one method", { skip }, async () => {
    const root = await runCli(["--help"]);
    assert.equal(root.code, 0);
    assert.match(root.stdout, /^oktakit 0\.\d+\.\d+: /);
    assert.match(root.stdout, /Namespaces \(121\):[^]*\buserLifecycle\b/);
    assert.match(root.stdout, /Exit codes: 0 done; 1 failures[^]*2 usage[^]*130 interrupted/);
    const ns = await runCli(["user", "--help"]);
    assert.equal(ns.code, 0);
    assert.match(ns.stdout, /^ {2}listUsers +List all users \(list\)$/m);
    const method = await runCli(["user", "createUser", "--help"]);
    assert.equal(method.code, 0);
    for (
      const expected of [
        /^createUser: Create a user$/m,
        /^POST \/api\/v1\/users$/m,
        /^OAuth 2\.0 scopes: okta\.users\.manage$/m,
        /--activate +query/,
        /--nextLogin changePassword +query/,
        /--body FILE\|-\|JSON +the request body \(required\)/,
      ]
    ) assert.match(method.stdout, expected);
    const path = await runCli(["userFactor", "getFactor", "-h"]);
    assert.match(path.stdout, /Usage: oktakit userFactor getFactor <userId> <factorId>/);
    const version = await runCli(["--version"]);
    assert.equal(version.stdout.trim(), deno.version);
  });

  it("prints one result as JSON and streams a list as NDJSON across pages", { skip }, async () => {
    await withOrg(7, async ({ env, org }) => {
      const one = await runCli(["user", "getUser", "user0003@example.com"], { env });
      assert.equal(one.code, 0, one.stderr);
      assert.equal(JSON.parse(one.stdout).profile.login, "user0003@example.com");
      const all = await runCli(["user", "listUsers", "--limit", "2"], { env });
      assert.equal(all.code, 0, all.stderr);
      assert.deepEqual(ndjson<{ profile: { login: string } }>(all.stdout).map((u) => u.profile.login), [
        ...Array.from({ length: 7 }, (_, i) => person(i).login),
      ]);
      assert.equal(org.requests.filter((r) => r.url.includes("/api/v1/users?")).length, 4, "4 pages of 2");
      const pages = await runCli(["user", "listUsers", "--limit", "2", "--max-pages", "2"], { env });
      assert.equal(ndjson(pages.stdout).length, 4);
      const items = await runCli(["user", "listUsers", "--limit", "2", "--max-items", "3"], { env });
      assert.equal(ndjson(items.stdout).length, 3);
      // stdout carries only data: the summary is on stderr.
      assert.match(items.stderr, /listUsers: 3 items from 2 pages/);
    });
  });

  it(
    "sends a body from a file, from stdin or inline, and converts flags to their types",
    { skip },
    async () => {
      await withOrg(0, async ({ env, org }) => {
        const dir = await tempDir();
        try {
          await writeText(`${dir}/ada.json`, JSON.stringify({ profile: person(1) }));
          const file = await runCli(["user", "createUser", "--body", "ada.json", "--activate=false"], {
            env,
            cwd: dir,
          });
          assert.equal(file.code, 0, file.stderr);
          assert.equal(JSON.parse(file.stdout).status, "STAGED");
          const post = org.requests.find((r) => r.method === "POST")!;
          assert.equal(new URL(post.url).search, "?activate=false");
          const stdin = await runCli(["user", "createUser", "--body", "-", "--no-activate"], {
            env,
            stdin: JSON.stringify({ profile: person(2) }),
          });
          assert.equal(stdin.code, 0, stdin.stderr);
          assert.equal(JSON.parse(stdin.stdout).profile.login, person(2).login);
          const inline = await runCli([
            "group",
            "addGroup",
            "--body",
            '{"profile":{"name":"Ops, \\"core\\""}}',
          ], {
            env,
          });
          assert.equal(inline.code, 0, inline.stderr);
          assert.equal(JSON.parse(inline.stdout).profile.name, 'Ops, "core"');
          // An operation that answers no body prints nothing.
          const id = JSON.parse(file.stdout).id;
          const deactivate = await runCli(["userLifecycle", "activateUser", id, "--sendEmail=false"], {
            env,
          });
          assert.equal(deactivate.code, 0, deactivate.stderr);
        } finally {
          await removeDir(dir);
        }
      });
    },
  );

  it("refuses bad arguments before sending anything, with did-you-mean (exit 2)", { skip }, async () => {
    await withOrg(1, async ({ env, org }) => {
      const cases: [string[], RegExp][] = [
        [["usr", "getUser", "x"], /no command or namespace "usr"\. Did you mean user\?/],
        [["user", "getUsr", "x"], /no method "getUsr"\. Did you mean getUser\?/],
        [
          ["user", "listGroupUsers", "x"],
          /listGroupUsers is in the group namespace, not user: oktakit group listGroupUsers/,
        ],
        [["user", "listUsers", "--limt", "3"], /has no option --limt\. Did you mean --limit\?/],
        [["user", "listUsers", "--limit", "ten"], /--limit takes a whole number \(got "ten"\)/],
        [
          ["systemLog", "listLogEvents", "--sortOrder", "ASCENDIN"],
          /--sortOrder takes one of ASCENDING, DESCENDING \(got "ASCENDIN"\)\. Did you mean ASCENDING\?/,
        ],
        [["user", "getUser"], /is missing <id>/],
        [["user", "getUser", "a", "b"], /takes 1 path parameter, and got 2/],
        [["user", "createUser"], /needs a body: --body FILE/],
        [["user", "createUser", "--body", "{not json"], /--body \(inline\) is not valid JSON/],
        [["user", "createUser", "--body", "missing.json"], /--body missing\.json: cannot read the file/],
        [["user", "createUser", "--body", "{}", "--activate=maybe"], /--activate is a switch/],
        [["user", "listUsers", "--limit", "1", "--limit", "2"], /--limit is given twice/],
        [
          ["user", "listUsers", "--token", "00secret"],
          /no credentials on the command line[^]*OKTA_CLIENT_TOKEN/,
        ],
        [["export", "usres", "--out", "x"], /nothing called "usres" to export\. Did you mean users\?/],
        [["--limit", "3"], /Put the command first/],
      ];
      // Four at a time: each is a process start, and nothing here depends on another.
      for (let i = 0; i < cases.length; i += 4) {
        await Promise.all(
          cases.slice(i, i + 4).map(async ([args, message]) => {
            const run = await runCli(args, { env });
            assert.equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
            assert.match(run.stderr, message, args.join(" "));
            assert.equal(run.stdout, "", args.join(" "));
          }),
        );
      }
      assert.equal(org.requests.length, 0, "nothing was sent");
    });
  });

  it(
    "reports Okta's errors with what to do (exit 1), and configuration problems (exit 2)",
    { skip },
    async () => {
      await withOrg(0, async ({ env }) => {
        const missing = await runCli(["user", "getUser", "nobody@example.com"], { env });
        assert.equal(missing.code, 1);
        assert.match(missing.stderr, /HTTP 404 E0000007/);
        const invalid = await runCli(["user", "createUser", "--body", '{"profile":{"login":"x"}}'], { env });
        assert.equal(invalid.code, 1);
        assert.match(invalid.stderr, /HTTP 400 E0000001/);
        const noToken = await runCli(["user", "listUsers"], { env: { ...env, OKTA_CLIENT_TOKEN: "" } });
        assert.equal(noToken.code, 2, noToken.stderr);
        assert.match(noToken.stderr, /token/i);
        const admin = await runCli(["user", "listUsers"], {
          env: { OKTA_CLIENT_ORGURL: "https://dev-1-admin.okta.com", OKTA_CLIENT_TOKEN: "00abc" },
        });
        assert.equal(admin.code, 2);
        assert.match(admin.stderr, /-admin/);
      });
    },
  );

  it("reads ./okta.yaml and PrivateKey mode exactly as the library does", { skip }, async () => {
    const { rsa } = await testKeys();
    const served = await serveOrg((origin) =>
      createFakeOrg({
        orgUrl: origin,
        clock: "real",
        oauth: { clients: [{ clientId: "0oacli", publicJwk: rsa.publicJwk, scopes: ["okta.users.read"] }] },
      })
    );
    served.org.seed({ users: [{ profile: person(1) }] });
    const dir = await tempDir();
    try {
      await writeText(
        `${dir}/okta.yaml`,
        `okta:\n  client:\n    orgUrl: "${served.origin}"\n    token: "${served.org.apiToken}"\n` +
          "  testing:\n    disableHttpsCheck: true\n",
      );
      const yaml = await runCli(["user", "listUsers"], { cwd: dir });
      assert.equal(yaml.code, 0, yaml.stderr);
      assert.equal(ndjson(yaml.stdout).length, 1);
      const privateKey = await runCli(["user", "listUsers"], {
        env: {
          OKTA_CLIENT_ORGURL: served.origin,
          OKTA_TESTING_DISABLEHTTPSCHECK: "true",
          OKTA_CLIENT_AUTHORIZATIONMODE: "PrivateKey",
          OKTA_CLIENT_CLIENTID: "0oacli",
          OKTA_CLIENT_SCOPES: "okta.users.read",
          OKTA_CLIENT_PRIVATEKEY: rsa.pkcs8Pem,
        },
      });
      assert.equal(privateKey.code, 0, privateKey.stderr);
      assert.equal(ndjson(privateKey.stdout).length, 1);
      const tokenCall = served.org.requests.find((r) => r.url.endsWith("/oauth2/v1/token"));
      assert.ok(tokenCall, "a token was asked for with a client assertion");
      // A scope the service app lacks: Okta's 403, naming the scope to grant.
      const denied = await runCli(["group", "listGroups"], {
        env: {
          OKTA_CLIENT_ORGURL: served.origin,
          OKTA_TESTING_DISABLEHTTPSCHECK: "true",
          OKTA_CLIENT_AUTHORIZATIONMODE: "PrivateKey",
          OKTA_CLIENT_CLIENTID: "0oacli",
          OKTA_CLIENT_SCOPES: "okta.users.read",
          OKTA_CLIENT_PRIVATEKEY: JSON.stringify(rsa.privateJwk),
        },
      });
      assert.equal(denied.code, 1);
      assert.match(denied.stderr, /okta\.groups\.read/);
    } finally {
      await removeDir(dir);
      await served.close();
    }
  });

  it(
    "off a terminal, prints no control characters and a plain progress line every few seconds",
    { skip },
    async () => {
      await withOrg(12, async ({ env, org }) => {
        org.latencyMs = 120;
        const run = await runCli(["user", "listUsers", "--limit", "2", "--progress-interval", "0.2"], {
          env,
        });
        assert.equal(run.code, 0, run.stderr);
        assert.equal(ndjson(run.stdout).length, 12);
        assert.doesNotMatch(run.stdout, CONTROL);
        assert.doesNotMatch(run.stderr, CONTROL);
        assert.match(run.stderr, /^oktakit: listUsers: \d+ items, \d+ pages, [\d,]+\/s, \d+ s elapsed$/m);
        const quiet = await runCli(["user", "listUsers", "--quiet"], { env });
        assert.equal(quiet.stderr, "");
      });
    },
  );
});
