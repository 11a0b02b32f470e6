/**
 * Secrets in query strings: the values of query parameters other than the documented safe ones never show in
 * an error (its URL, message, JSON, inspection, cause chain) or in the DEBUG log line (issue 18, item 7).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Okta } from "../api/mod.ts";
import { type Logger, NetworkError, OktaApiError, OktaClient } from "../mod.ts";
import { redactText, redactUrl } from "../lib/log.ts";
import { assertShowsNoSecret } from "./_inspect.ts";
import { clientOptions, failure, oktaError, scripted } from "./_okta_fetch.ts";

const CODE = "oauth-code-s3cr3t-7d1f";
const TOKEN = "callers-token-9c2e-s3cr3t";

describe("query secrets are redacted wherever a URL is shown", () => {
  it("redactUrl keeps the safe parameters and hides every other value", () => {
    assert.equal(
      redactUrl(`https://o.okta.com/api/v1/x?code=${CODE}&limit=2&after=abc&search=a%20b#frag`),
      "https://o.okta.com/api/v1/x?code=[REDACTED]&limit=2&after=abc&search=a%20b#frag",
    );
    assert.equal(redactUrl("https://o.okta.com/api/v1/users"), "https://o.okta.com/api/v1/users");
    assert.equal(
      redactText(`error sending request for url (https://o.okta.com/a?token=${TOKEN}&q=ada): refused`),
      "error sending request for url (https://o.okta.com/a?token=[REDACTED]&q=ada): refused",
    );
  });

  it("verifyProvisioningConnectionForApplication's ?code= stays out of the error and the DEBUG line", async () => {
    const fetch = scripted(() => oktaError(400, "E0000001", "Api validation failed: code"));
    const lines: string[] = [];
    const record = (message: string, data?: Record<string, unknown>) =>
      void lines.push(message + JSON.stringify(data ?? {}));
    const logger: Logger = { debug: record, info: record, warn: record, error: record };
    const okta = new Okta(clientOptions(fetch, { logging: { enabled: true, logLevel: "DEBUG", logger } }));
    const error = await failure(
      okta.applicationConnections.verifyProvisioningConnectionForApplication("google", "0oa1", {
        code: CODE,
      }),
    );
    assert.ok(error instanceof OktaApiError);
    assert.equal(fetch.seen[0].url.searchParams.get("code"), CODE, "the request itself is unchanged");
    assert.equal(
      error.url,
      "https://example.okta.com/api/v1/apps/google/0oa1/oauth2/callback?code=[REDACTED]",
    );
    assertShowsNoSecret(error, [CODE]);
    assert.ok(lines.some((line) => line.includes("?code=[REDACTED]")), lines.join("\n"));
    for (const line of lines) assert.ok(!line.includes(CODE), line);
  });

  it("a redirect's Location and a Link header keep no query secret either", async () => {
    const fetch = scripted(() =>
      new Response(null, {
        status: 302,
        headers: {
          location: `https://elsewhere.example.com/callback?code=${CODE}`,
          link: `<https://example.okta.com/api/v1/things?token=${TOKEN}&after=x>; rel="next"`,
        },
      })
    );
    const okta = new OktaClient(clientOptions(fetch));
    const error = await failure(okta.request({ method: "GET", path: "/api/v1/things" }));
    assert.match(String(error), /redirected/);
    assertShowsNoSecret(error, [CODE, TOKEN]);
    assert.match((error as unknown as { headers: Headers }).headers.get("link")!, /after=x/);
  });

  it("a caller's ?token= stays out of a network error, whose runtime message carries the full URL", async () => {
    // Deno and Bun word a connection failure with the URL in it.
    const fetch = (input: RequestInfo | URL) =>
      Promise.reject(
        new TypeError(
          `error sending request for url (${input instanceof Request ? input.url : input}): refused`,
        ),
      );
    const okta = new OktaClient(
      clientOptions(fetch as typeof globalThis.fetch, { rateLimit: { maxRetries: 0 } }),
    );
    const error = await failure<NetworkError>(
      okta.request({ method: "GET", path: "/api/v1/things", query: { token: TOKEN, limit: 5 } }),
    );
    assert.ok(error instanceof NetworkError, String(error));
    assertShowsNoSecret(error, [TOKEN]);
    assert.match(error.message, /token=\[REDACTED\]&limit=5/);
  });
});
