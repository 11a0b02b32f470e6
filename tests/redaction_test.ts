import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AuthError, ConfigError, NetworkError, OktaClient, TimeoutError } from "../mod.ts";
import { createOAuthServer } from "../testing/oauth.ts";
import { testKeys } from "./fixtures/keys/test_keys.ts";
import { assertShowsNoSecret } from "./_inspect.ts";
import { clientOptions, failure, json, scripted } from "./_okta_fetch.ts";

// Secrets are assembled at run time: Bun.inspect shows the source lines around each stack frame, and a
// literal in this file would show up there.
const TOKEN = ["00secret", "api", "token"].join("-"); // clientOptions' token
const part = (...parts: string[]) => parts.join("");
const down = () => Promise.reject(new TypeError("fetch failed"));

describe("errors never show credentials", () => {
  it("a NetworkError (ky's error, with the request and its headers, as cause) shows no API token", async () => {
    const okta = new OktaClient(clientOptions(scripted(down), { rateLimit: { maxRetries: 0 } }));
    const error = await failure<NetworkError>(okta.request({ method: "GET", path: "/api/v1/users/00u1" }));
    assert.ok(error instanceof NetworkError);
    assertShowsNoSecret(error, [TOKEN]);
  });

  it("a TimeoutError of one attempt shows no API token", async () => {
    const hang = (request: Request) =>
      new Promise<Response>((_, reject) =>
        request.signal.addEventListener("abort", () => reject(request.signal.reason))
      );
    const okta = new OktaClient(
      clientOptions(scripted(hang), { connectionTimeout: 0.05, rateLimit: { maxRetries: 0 } }),
    );
    const error = await failure<TimeoutError>(okta.request({ method: "GET", path: "/api/v1/users/00u1" }));
    assert.ok(error instanceof TimeoutError, String(error));
    assertShowsNoSecret(error, [TOKEN]);
  });

  it("an access token and DPoP proof never show in a failed call's error", async () => {
    const { ec } = await testKeys();
    const server = createOAuthServer({
      issuer: "https://example.okta.com",
      clients: [{
        clientId: "0oaservice",
        publicJwk: ec.publicJwk,
        scopes: ["okta.users.read"],
        requireDpop: true,
      }],
    });
    const sent: string[] = [];
    const fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      if (new URL(request.url).pathname === "/oauth2/v1/token") return server.handleToken(request);
      sent.push(request.headers.get("authorization")!.split(" ")[1], request.headers.get("dpop")!);
      return down();
    };
    const okta = new OktaClient({
      orgUrl: "https://example.okta.com",
      authorizationMode: "PrivateKey",
      clientId: "0oaservice",
      scopes: ["okta.users.read"],
      privateKey: ec.privateJwk,
      dpop: true,
      fetch,
      sources: false,
      rateLimit: { maxRetries: 1 },
    });
    const error = await failure(okta.request({ method: "GET", path: "/api/v1/users" }));
    assert.ok(error instanceof NetworkError, String(error));
    assert.equal(sent.length, 4);
    assertShowsNoSecret(error, sent);
  });

  it("a token no header can carry is an AuthError that does not quote it, and nothing is sent", async () => {
    const fetch = scripted(() => json({}));
    const bad = part("00sec", "ret\r\nX-Inj", "ected: 1");
    const okta = new OktaClient(clientOptions(fetch, { token: bad }));
    const error = await failure(okta.request({ method: "GET", path: "/api/v1/users" }));
    // Configuration validation may refuse it first; either way it is typed and does not quote the token.
    assert.ok(error instanceof AuthError || error instanceof ConfigError, String(error));
    assert.equal(fetch.seen.length, 0);
    assertShowsNoSecret(error, [part("00sec", "ret"), part("X-Inj", "ected")]);
  });

  it("an access token from the token endpoint that no header can carry is an AuthError that does not quote it", async () => {
    const { ec } = await testKeys();
    const seen: Request[] = [];
    const fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      seen.push(request);
      return Promise.resolve(
        json({
          access_token: part("eyJsec", "ret\nInj", "ected: 1"),
          token_type: "Bearer",
          expires_in: 3600,
        }),
      );
    };
    const okta = new OktaClient({
      orgUrl: "https://example.okta.com",
      authorizationMode: "PrivateKey",
      clientId: "0oaservice",
      scopes: ["okta.users.read"],
      privateKey: ec.privateJwk,
      fetch,
      sources: false,
    });
    const error = await failure(okta.request({ method: "GET", path: "/api/v1/users" }));
    assert.ok(error instanceof AuthError, String(error));
    assert.match((error as AuthError).message, /authorization header/i);
    assert.equal(seen.length, 1, "only the token request was sent");
    assertShowsNoSecret(error, [part("eyJsec", "ret"), part("Inj", "ected: 1")]);
  });
});
