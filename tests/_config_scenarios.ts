// The configuration mistakes newcomers make, each with the exact message oktakit prints: shared by
// config_messages_test.ts (which asserts them on every runtime) and config_readme_test.ts (which checks that
// the README's Troubleshooting section quotes them word for word).
import assert from "node:assert/strict";
import { ConfigError, type OktaClientOptions } from "../mod.ts";
import { type ConfigHost, resolveConfig } from "../lib/config/load.ts";

/** A home directory and a project, as a user's machine has them. */
export const HOME = "/home/me";
/** The project's directory: `./okta.yaml` is `${APP}/okta.yaml`. */
export const APP = "/home/me/app";

/** A runtime with these files and variables; `denied` plays Deno without `--allow-env --allow-read`. */
export function host(
  files: Record<string, string> = {},
  env: Record<string, string> = {},
  denied = false,
): ConfigHost {
  return {
    env: (known) => denied ? { values: {}, denied: [...known] } : { values: env, denied: [] },
    read: (path) => denied ? { denied: true } : path in files ? { text: files[path] } : { absent: true },
    home: () => denied ? { denied: true } : { path: HOME },
    cwd: () => APP,
  };
}

/** Whether this build reads YAML: Worker bundles resolve `#yaml` to a stub without a parser. */
export async function yamlBuild(): Promise<boolean> {
  try {
    (await import("#yaml")).parse("a: 1");
    return true;
  } catch {
    return false;
  }
}

/** The ConfigError that resolving `options` on `on` throws. */
export async function configError(options: OktaClientOptions, on: ConfigHost): Promise<ConfigError> {
  const error = await resolveConfig(options, on).then(() => undefined, (e) => e);
  assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${error}`);
  return error;
}

/** The problem lines of an error's message, as users see them. */
export function lines(error: ConfigError): string[] {
  return error.message.split("\n").slice(1);
}

/** One mistake: how to make it, and every line of the message it earns. */
export interface Scenario {
  /** What the user did. */
  title: string;
  /** Needs a YAML parser (not in Worker bundles). */
  yaml?: boolean;
  /** Makes the mistake. */
  run(): Promise<ConfigError>;
  /** The message's problem lines, exactly. */
  expected: string[];
}

const yaml = (client: string) => `okta:\n  client:\n${client.replace(/^/gm, "    ")}\n`;
const ORG = "https://dev-123456.okta.com";
const TOKEN = "00Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0UvWxYz1a";

/** The ten mistakes the README's Troubleshooting section lists, in its order. */
export const SCENARIOS: Scenario[] = [
  {
    title: "nothing configured",
    run: () => configError({}, host()),
    expected: [
      "  - okta.client.orgUrl (not set): the org URL is required, such as https://dev-123456.okta.com. Set OKTA_CLIENT_ORGURL (or OKTA_CLIENT_ORG_URL), okta.client.orgUrl in ~/.okta/okta.yaml or ./okta.yaml, or the orgUrl option.",
      "  - okta.client.token (not set): SSWS mode needs an API token (Admin Console: Security > API > Tokens). Set OKTA_CLIENT_TOKEN, okta.client.token in ~/.okta/okta.yaml or ./okta.yaml, or the token option.",
    ],
  },
  {
    title: "Deno without --allow-env and --allow-read",
    run: () => configError({}, host({}, {}, true)),
    expected: [
      "  - okta.client.orgUrl (not set): the org URL is required, such as https://dev-123456.okta.com. Set OKTA_CLIENT_ORGURL (or OKTA_CLIENT_ORG_URL), okta.client.orgUrl in ~/.okta/okta.yaml or ./okta.yaml, or the orgUrl option. Deno was not allowed to read OKTA_CLIENT_ORGURL, ~/.okta/okta.yaml, or ./okta.yaml: run with --allow-env --allow-read (or --allow-env=OKTA_CLIENT_ORGURL).",
      "  - okta.client.token (not set): SSWS mode needs an API token (Admin Console: Security > API > Tokens). Set OKTA_CLIENT_TOKEN, okta.client.token in ~/.okta/okta.yaml or ./okta.yaml, or the token option. Deno was not allowed to read OKTA_CLIENT_TOKEN, ~/.okta/okta.yaml, or ./okta.yaml: run with --allow-env --allow-read (or --allow-env=OKTA_CLIENT_TOKEN).",
    ],
  },
  {
    title: "variable names from other tools",
    run: () => configError({}, host({}, { OKTA_ORG_URL: ORG, OKTA_API_TOKEN: TOKEN })),
    expected: [
      "  - OKTA_ORG_URL (from environment): not a variable oktakit reads, and okta.client.orgUrl is not set: did you mean OKTA_CLIENT_ORGURL?",
      "  - OKTA_API_TOKEN (from environment): not a variable oktakit reads, and okta.client.token is not set: did you mean OKTA_CLIENT_TOKEN?",
    ],
  },
  {
    title: "a misspelled OKTA_CLIENT_* variable",
    run: () => configError({}, host({}, { OKTA_CLIENT_ORGURL: ORG, OKTA_CLIENT_API_TOKEN: TOKEN })),
    expected: [
      "  - OKTA_CLIENT_API_TOKEN (from environment): not a variable oktakit reads: did you mean OKTA_CLIENT_TOKEN?",
    ],
  },
  {
    title: "misspelled and misplaced keys in okta.yaml",
    yaml: true,
    run: () =>
      configError(
        {},
        host({
          [`${APP}/okta.yaml`]: yaml(
            `orgURL: ${ORG}\ntoken: ${TOKEN}\nrequestTimout: 60\nmaxRetries: 5\nrateLimit:\n  maxRetry: 9`,
          ),
        }),
      ),
    expected: [
      "  - okta.client.orgURL (from /home/me/app/okta.yaml:3): unknown key: did you mean orgUrl?",
      "  - okta.client.requestTimout (from /home/me/app/okta.yaml:5): unknown key: did you mean requestTimeout?",
      "  - okta.client.maxRetries (from /home/me/app/okta.yaml:6): unknown key here: it belongs under rateLimit, as okta.client.rateLimit.maxRetries.",
      "  - okta.client.rateLimit.maxRetry (from /home/me/app/okta.yaml:8): unknown key: did you mean maxRetries?",
    ],
  },
  {
    title: "a token pasted with its SSWS prefix",
    run: () => configError({ orgUrl: ORG, token: `SSWS ${TOKEN}` }, host()),
    expected: [
      '  - okta.client.token (from constructor): starts with "SSWS ": give the token alone; the client adds "SSWS " itself.',
    ],
  },
  {
    title: "the documentation's placeholders",
    run: () =>
      configError({ token: "00aBcD..." }, host({}, { OKTA_CLIENT_ORGURL: "https://{yourOktaDomain}" })),
    expected: [
      `  - okta.client.orgUrl (from environment (OKTA_CLIENT_ORGURL)): still has a placeholder (got "https://{yourOktaDomain}"): use your org's URL, such as https://dev-123456.okta.com.`,
      "  - okta.client.token (from constructor): is still a placeholder from the documentation: replace it with an API token (Admin Console: Security > API > Tokens).",
    ],
  },
  {
    title: "the Admin Console's address or an issuer URL as the org URL",
    run: () =>
      configError(
        { token: TOKEN },
        host({}, { OKTA_CLIENT_ORGURL: "https://dev-123456-admin.okta.com/oauth2/default" }),
      ),
    expected: [
      `  - okta.client.orgUrl (from environment (OKTA_CLIENT_ORGURL)): is the Admin Console's address (got "https://dev-123456-admin.okta.com/oauth2/default"): use https://dev-123456.okta.com, without "-admin".`,
      `  - okta.client.orgUrl (from environment (OKTA_CLIENT_ORGURL)): is an authorization server's issuer URL (got "https://dev-123456-admin.okta.com/oauth2/default"): use the org URL https://dev-123456.okta.com.`,
    ],
  },
  {
    title: "quotes kept in a variable's value (.env files, docker --env-file)",
    run: () => configError({ token: TOKEN }, host({}, { OKTA_CLIENT_ORGURL: `"${ORG}"` })),
    expected: [
      `  - okta.client.orgUrl (from environment (OKTA_CLIENT_ORGURL)): is wrapped in quotes (got "\\"https://dev-123456.okta.com\\""): remove the quotes.`,
    ],
  },
  {
    title: "a YAML syntax error",
    yaml: true,
    run: () =>
      configError(
        {},
        host({ [`${APP}/okta.yaml`]: `okta:\n  client:\n    orgUrl: ${ORG}\n   token: ${TOKEN}\n` }),
      ),
    expected: [
      "  - okta (from /home/me/app/okta.yaml:4): not valid YAML: All mapping items must start at the same column (line 4, column 1). Check the indentation (spaces, not tabs) and the quotes on that line.",
    ],
  },
];
