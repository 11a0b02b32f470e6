import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { OktaClient, type OktaClientOptions } from "../mod.ts";
import { resolveConfig } from "../lib/config/load.ts";
import { findings, layerFromObject } from "../lib/config/sources.ts";
import { keyLines } from "../lib/config/yaml_lines.ts";
import { runtimeInfo } from "../lib/runtime.ts";
import { APP, configError, host, lines, SCENARIOS, yamlBuild } from "./_config_scenarios.ts";

const ORG = "https://dev-123456.okta.com";
const TOKEN = "00Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0UvWxYz1a";
const yaml = (client: string) => `okta:\n  client:\n${client.replace(/^/gm, "    ")}\n`;

/** The problem lines for a YAML file: parsed where the build has a parser, else its keys checked alone. */
async function yamlLines(text: string, parsed: unknown): Promise<string[]> {
  if (await yamlBuild()) return lines(await configError({}, host({ [`${APP}/okta.yaml`]: text })));
  const found = findings();
  layerFromObject(parsed, `${APP}/okta.yaml`, found, { lines: keyLines(text) });
  return found.problems.map((p) => `  - ${p.field} (from ${p.source}): ${p.message}`);
}

describe("configuration messages: the ten most likely mistakes, word for word", () => {
  for (const scenario of SCENARIOS) {
    it(scenario.title, async () => {
      if (scenario.yaml && !await yamlBuild()) return; // Worker bundles: no YAML parser (checked below)
      assert.deepEqual(lines(await scenario.run()), scenario.expected);
    });
  }
});

describe("configuration messages: missing values", () => {
  it("say where to set them, never '(from default)' nor a placeholder as the example", async () => {
    const error = await configError({}, host());
    assert.doesNotMatch(error.message, /from default|\{yourOktaDomain\}/);
    assert.deepEqual(error.problems.map((p) => p.source), ["not set", "not set"]);
  });

  it("with sources: false, name only the constructor option", async () => {
    const error = await configError({ sources: false, orgUrl: ORG }, host());
    assert.deepEqual(lines(error), [
      "  - okta.client.token (not set): SSWS mode needs an API token (Admin Console: Security > API > Tokens). Set the token option. (sources: false reads no files or environment.)",
    ]);
  });

  it("call out a variable that is set but empty", async () => {
    const error = await configError({ orgUrl: ORG }, host({}, { OKTA_CLIENT_TOKEN: "" }));
    assert.match(
      error.message,
      /okta\.client\.token \(not set\): .* OKTA_CLIENT_TOKEN is set but empty\. Set /,
    );
  });

  it("in PrivateKey mode, name each missing field with its variables", async () => {
    const error = await configError({ orgUrl: ORG, authorizationMode: "PrivateKey" }, host());
    assert.match(
      error.message,
      /okta\.client\.clientId \(not set\): .* Set OKTA_CLIENT_CLIENTID \(or OKTA_CLIENT_CLIENT_ID\)/,
    );
    assert.match(
      error.message,
      /okta\.client\.privateKey \(not set\): .* Set OKTA_CLIENT_PRIVATEKEY \(or OKTA_CLIENT_PRIVATE_KEY\)/,
    );
  });
});

describe("configuration messages: misspelled names", () => {
  it("other tools' variables are hints only when the field is missing, so their own use breaks nothing", async () => {
    const env = {
      OKTA_API_TOKEN: "for-terraform",
      OKTA_ORG_NAME: "dev-1",
      OKTA_CLIENT_ID: "0oa-oidc",
      OKTA_CLIENT_SECRET: "s",
    };
    const config = await resolveConfig({ orgUrl: ORG, token: TOKEN }, host({}, env));
    assert.equal(config.client.token, TOKEN);
  });

  it("OKTA_CLIENT_* typos are errors with a suggestion, and no follow-on 'not set' for the field", async () => {
    const error = await configError(
      { orgUrl: ORG },
      host({}, { OKTA_CLIENT_APITOKEN: TOKEN, OKTA_CLIENT_MAXRETRIES: "4", OKTA_CLIENT_LOG_LEVEL: "DEBUG" }),
    );
    assert.deepEqual(lines(error), [
      "  - OKTA_CLIENT_APITOKEN (from environment): not a variable oktakit reads: did you mean OKTA_CLIENT_TOKEN?",
      "  - OKTA_CLIENT_MAXRETRIES (from environment): not a variable oktakit reads: did you mean OKTA_CLIENT_RATELIMIT_MAXRETRIES?",
      "  - OKTA_CLIENT_LOG_LEVEL (from environment): not a variable oktakit reads: did you mean OKTA_CLIENT_LOGGING_LOGLEVEL?",
    ]);
  });

  it("YAML: okta.clinet, and logger (a constructor option), with file and line", async () => {
    const text = `okta:\n  clinet:\n    orgUrl: ${ORG}\n`;
    assert.deepEqual(await yamlLines(text, { clinet: { orgUrl: ORG } }), [
      `  - okta.clinet (from ${APP}/okta.yaml:2): unknown key: did you mean client?`,
    ]);
    const logger = yaml(`orgUrl: ${ORG}\ntoken: ${TOKEN}\nlogger: console`);
    assert.deepEqual(await yamlLines(logger, { client: { orgUrl: ORG, token: TOKEN, logger: "console" } }), [
      `  - okta.client.logger (from ${APP}/okta.yaml:5): unknown key: logging.logger can only be given to the constructor, as { logging: { logger } }.`,
    ]);
  });

  it("YAML: maxRetry: 9 is not silently maxRetries = 2", async () => {
    const text = yaml(`orgUrl: ${ORG}\ntoken: ${TOKEN}\nrateLimit:\n  maxRetry: 9`);
    const problems = await yamlLines(text, {
      client: { orgUrl: ORG, token: TOKEN, rateLimit: { maxRetry: 9 } },
    });
    assert.deepEqual(problems, [
      `  - okta.client.rateLimit.maxRetry (from ${APP}/okta.yaml:6): unknown key: did you mean maxRetries?`,
    ]);
  });

  it("constructor options from plain JavaScript: maxRetries and logger at the top level name their section", async () => {
    const options = { orgUrl: ORG, token: TOKEN, maxRetries: 5, logger: console, orgURL: ORG, cache: true };
    const error = await configError(options as never, host());
    assert.deepEqual(lines(error), [
      "  - okta.client.maxRetries (from constructor): unknown option here: it belongs under rateLimit, as { rateLimit: { maxRetries } }.",
      "  - okta.client.logger (from constructor): unknown option here: it belongs under logging, as { logging: { logger } }.",
      "  - okta.client.orgURL (from constructor): unknown option: did you mean orgUrl?",
      "  - okta.client.cache (from constructor): expected a mapping of enabled, defaultTtl, defaultTti, maxEntries, sweepInterval, store (got true).",
    ]);
  });

  it("every constructor-only option is still accepted", async () => {
    const options = {
      orgUrl: ORG,
      token: TOKEN,
      headers: { "x-a": "1" },
      fetch: globalThis.fetch,
      tls: {},
      cache: { store: undefined },
      logging: { logger: console },
      testing: { disableHttpsCheck: false },
      sources: {},
    };
    await resolveConfig(options, host());
  });
});

describe("configuration messages: no follow-on errors", () => {
  it("two spellings with different values: one problem with both values, no 'orgUrl not set'", async () => {
    const error = await configError(
      { token: TOKEN },
      host({}, { OKTA_CLIENT_ORGURL: ORG, OKTA_CLIENT_ORG_URL: "https://dev-654321.okta.com" }),
    );
    assert.deepEqual(lines(error), [
      '  - okta.client.orgUrl (from environment (OKTA_CLIENT_ORGURL, OKTA_CLIENT_ORG_URL)): set in two spellings with different values (got "https://dev-123456.okta.com" and "https://dev-654321.okta.com"): keep one.',
    ]);
  });

  it("a YAML syntax error: the parser's whole reason with line and column, no excerpt, no 'not set'", async () => {
    if (!await yamlBuild()) return;
    const error = await configError(
      {},
      host({ [`${APP}/okta.yaml`]: "okta:\n  client:\n\ttoken: s3cr3t\n" }),
    );
    assert.equal(error.problems.length, 1);
    assert.match(
      error.message,
      /okta\.yaml:3\): not valid YAML: Tabs are not allowed as indentation \(line 3, column 1\)\./,
    );
    assert.doesNotMatch(error.message, /s3cr3t|:\)/);
  });

  it("an invalid value is reported, and the other fields are still checked", async () => {
    const error = await configError({ orgUrl: ORG }, host({}, { OKTA_CLIENT_RATELIMIT_MAXRETRIES: "lots" }));
    assert.deepEqual(error.problems.map((p) => p.field), [
      "okta.client.rateLimit.maxRetries",
      "okta.client.token",
    ]);
  });
});

describe("configuration messages: tokens", () => {
  for (
    const [token, pattern] of [
      [
        "Bearer eyJhbGciOi.x.y",
        /starts with "Bearer ": give the token alone, and set authorizationMode to Bearer\./,
      ],
      ["YOUR_API_TOKEN", /is still a placeholder from the documentation/],
      ["{apiToken}", /is still a placeholder from the documentation/],
      ["<your-api-token>", /is still a placeholder from the documentation/],
      ["00ab cd", /contains a space/],
    ] as const
  ) {
    it(`recognizes ${JSON.stringify(token)}`, async () => {
      const error = await configError({ orgUrl: ORG, token }, host());
      assert.match(error.message, pattern);
      assert.match(error.message, /okta\.client\.token \(from constructor\)/);
    });
  }

  it("a token with CR/LF is refused before any request, and never echoed (issue 9)", async () => {
    const error = await configError({ orgUrl: ORG, token: "00secret\r\nX-Injected: 1" }, host());
    assert.deepEqual(lines(error), [
      "  - okta.client.token (from constructor): contains a line break, which cannot be sent in an HTTP header: copy it again without it.",
    ]);
    assert.doesNotMatch(JSON.stringify(error) + error.message + error.stack, /00secret|Injected/);
  });

  it("clientId, kid and userAgent must be header-safe too, and are shown", async () => {
    const error = await configError({
      orgUrl: ORG,
      token: TOKEN,
      kid: "k\n1",
      userAgent: "app \u201cx\u201d",
    }, host());
    assert.deepEqual(lines(error), [
      '  - okta.client.kid (from constructor): contains a line break (got "k\\n1"), which cannot be sent in an HTTP header: remove it.',
      '  - okta.client.userAgent (from constructor): contains a character outside Latin-1 (such as a curly quote) (got "app \u201cx\u201d"), which cannot be sent in an HTTP header: remove it.',
    ]);
  });
});

describe("configuration messages: secrets", () => {
  it("no token, private key or proxy password appears in the message, the problems or JSON.stringify", async () => {
    const error = await configError(
      {
        orgUrl: ORG,
        token: "SSWS 00tok3n-s3cr3t",
        privateKey: 987654321987 as never,
        proxy: { host: "proxy.example", port: 3128, username: "u", password: "pa55\nw0rd" },
      },
      host({}, { OKTA_CLIENT_TOKEN: "00other-s3cr3t", OKTA_CLIENT_ORGURL: ORG }),
    );
    assert.deepEqual(error.problems.map((p) => p.field), [
      "okta.client.privateKey",
      "okta.client.token",
      "okta.client.proxy.password",
    ]);
    const everything = error.message + JSON.stringify(error) + JSON.stringify(error.problems) + error.stack;
    assert.doesNotMatch(everything, /s3cr3t|pa55|w0rd|987654321987/);
  });
});

describe("configuration messages: org URL with more than the org (issue 9)", () => {
  it("a path, a query or a fragment: use the org URL alone", async () => {
    for (
      const [url, what] of [["https://x.okta.com/api/v1", "has a path"], [
        "https://x.okta.com?x=1",
        "has a query or fragment",
      ], ["https://x.okta.com#f", "has a query or fragment"]]
    ) {
      const error = await configError({ orgUrl: url, token: TOKEN }, host());
      assert.deepEqual(lines(error), [
        `  - okta.client.orgUrl (from constructor): ${what} (got ${
          JSON.stringify(url)
        }): use the org URL alone, https://x.okta.com.`,
      ]);
    }
    const slash = await resolveConfig({ orgUrl: "https://x.okta.com/", token: TOKEN }, host());
    assert.equal(slash.client.orgUrl, "https://x.okta.com");
  });

  it("credentials in the URL are refused and never repeated", async () => {
    const error = await configError({ orgUrl: "https://admin:hunter2@x.okta.com", token: TOKEN }, host());
    assert.deepEqual(lines(error), [
      '  - okta.client.orgUrl (from constructor): contains credentials (got "https://***@x.okta.com/"): use https://x.okta.com, and give the API token as okta.client.token.',
    ]);
    assert.doesNotMatch(JSON.stringify(error) + error.message, /hunter2|admin:/);
  });

  it("no scheme, a doubled scheme, .com.com and http:// each say which URL to use", async () => {
    const cases: [string, string][] = [
      ["dev-1.okta.com", 'has no "https://" (got "dev-1.okta.com"): use https://dev-1.okta.com.'],
      [
        "https://https://dev-1.okta.com",
        'has "://" more than once (got "https://https://dev-1.okta.com"): use https://dev-1.okta.com.',
      ],
      [
        "https://dev-1.okta.com.com",
        'ends in ".com.com" (got "https://dev-1.okta.com.com"): use https://dev-1.okta.com.',
      ],
      [
        "http://dev-1.okta.com",
        'must use https:// (got "http://dev-1.okta.com"): use https://dev-1.okta.com (testing.disableHttpsCheck allows http:// for a local test server).',
      ],
    ];
    for (const [url, message] of cases) {
      const error = await configError({ orgUrl: url, token: TOKEN }, host());
      assert.deepEqual(lines(error), [`  - okta.client.orgUrl (from constructor): ${message}`]);
    }
  });
});

describe("configuration messages: bounds (issue 9)", () => {
  it("timeouts above 2147483 seconds (or Infinity) and more than 10 retries are refused, naming field, source and value", async () => {
    const error = await configError(
      { orgUrl: ORG, token: TOKEN, connectionTimeout: 1e12, rateLimit: { maxRetries: 11 } },
      host({}, { OKTA_CLIENT_REQUESTTIMEOUT: "1e12" }),
    );
    assert.deepEqual(lines(error), [
      "  - okta.client.connectionTimeout (from constructor): expected at most 2147483 seconds (about 24 days) (got 1000000000000).",
      "  - okta.client.requestTimeout (from environment (OKTA_CLIENT_REQUESTTIMEOUT)): expected at most 2147483 seconds (about 24 days) (got 1000000000000).",
      "  - okta.client.rateLimit.maxRetries (from constructor): expected at most 10 retries (got 11).",
    ]);
    const infinite = await configError({ orgUrl: ORG, token: TOKEN, requestTimeout: Infinity }, host());
    assert.match(
      infinite.message,
      /requestTimeout \(from constructor\): expected at most 2147483 seconds .*\(got Infinity\)/,
    );
    const max = await resolveConfig({
      orgUrl: ORG,
      token: TOKEN,
      requestTimeout: 2147483,
      rateLimit: { maxRetries: 10 },
    }, host());
    assert.equal(max.client.requestTimeout, 2147483);
  });
});

describe("configuration messages: log levels", () => {
  it("Python's numeric levels map as Python names them: 10 DEBUG, 20 INFO, 30 WARN, 40 ERROR, 50 ERROR", async () => {
    const expected: Record<string, string> = {
      10: "DEBUG",
      20: "INFO",
      30: "WARN",
      40: "ERROR",
      50: "ERROR",
    };
    for (const [number, level] of Object.entries(expected)) {
      const fromEnv = await resolveConfig(
        { orgUrl: ORG, token: TOKEN },
        host({}, { OKTA_CLIENT_LOGGING_LOGLEVEL: number }),
      );
      assert.equal(fromEnv.client.logging.logLevel, level);
      const fromOption = await resolveConfig({
        orgUrl: ORG,
        token: TOKEN,
        logging: { logLevel: Number(number) as 10 },
      }, host());
      assert.equal(fromOption.client.logging.logLevel, level);
    }
    const error = await configError(
      { orgUrl: ORG, token: TOKEN, logging: { logLevel: 25 as never } },
      host(),
    );
    assert.deepEqual(lines(error), [
      "  - okta.client.logging.logLevel (from constructor): expected DEBUG, INFO, WARN or ERROR (or Python's 10, 20, 30, 40, 50) (got 25).",
    ]);
  });
});

describe("configuration messages: where a setting came from", () => {
  const proxies = ["deno", "bun", "node"].includes(runtimeInfo().name) &&
    "this runtime's fetch takes a proxy (tests/proxy_test.ts covers it)";
  it(
    "a proxy the runtime's fetch cannot use names the variable it came from",
    { skip: proxies },
    async () => {
      const okta = new OktaClient({
        orgUrl: ORG,
        token: TOKEN,
        sources: {
          env: { OKTA_CLIENT_PROXY_HOST: "127.0.0.1", OKTA_CLIENT_PROXY_PORT: "3128" },
          files: false,
        },
      });
      const error = await okta.ready().then(() => undefined, (e) => e);
      assert.equal(error?.problems?.[0]?.source, "environment (OKTA_CLIENT_PROXY_HOST)");
      assert.match(error.message, /okta\.client\.proxy \(from environment \(OKTA_CLIENT_PROXY_HOST\)\)/);
    },
  );
});

describe("configuration messages: every option is known", () => {
  it("no option of OktaClientOptions is reported as unknown (the type keeps this list complete)", async () => {
    const every = {
      orgUrl: "https://dev-123456.okta.com",
      authorizationMode: "SSWS",
      token: "00real-looking-token",
      clientId: "0oa1",
      scopes: ["okta.users.read"],
      privateKey: undefined as never,
      kid: "k1",
      dpop: false,
      dpopKeyRotationInterval: 86_400,
      connectionTimeout: 30,
      requestTimeout: 0,
      maxResponseBytes: 1_000_000,
      bodyIdleTimeout: 10,
      userAgent: "tests",
      prefetch: 1,
      proxy: undefined as never,
      tls: undefined as never,
      rateLimit: {},
      cache: { enabled: false },
      logging: { enabled: false },
      testing: { disableHttpsCheck: false },
      headers: {},
      auth: undefined as never,
      drappUrl: undefined as never,
      hooks: {},
      fetch: undefined as never,
      sources: false,
    } satisfies Required<OktaClientOptions>;
    const config = await resolveConfig(every, host());
    assert.equal(config.client.orgUrl, "https://dev-123456.okta.com");
  });
});
