/**
 * Messages for answers real orgs give (issue 19, A6): a 401 `E0000015` is about the org's features, not
 * the credentials; Okta's edge's own 404 page (JSON without a content type) is not "a non-JSON body"; and
 * Okta's summaries that end with a period do not get a second one.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { HttpError, isOktaApiError, OktaApiError, OktaClient } from "../mod.ts";
import { clientOptions, failure, oktaError, scripted } from "./_okta_fetch.ts";

const get = (okta: OktaClient, path = "/api/v1/iam/resource-sets") => okta.request({ method: "GET", path });

describe("messages for what real orgs answer", () => {
  it("a 401 E0000015 does not send the caller to check the API token", async () => {
    const fetch = scripted(() =>
      oktaError(401, "E0000015", "You do not have permission to access the feature you are requesting")
    );
    const error = await failure<OktaApiError>(get(new OktaClient(clientOptions(fetch))));
    assert.ok(error instanceof OktaApiError);
    assert.equal(error.errorCode, "E0000015");
    assert.doesNotMatch(error.message, /API token|access token/);
    assert.match(error.message, /feature/);
    assert.match(error.message, /not the problem|not the credentials|lacks/);
  });

  it("any other 401 still does", async () => {
    const fetch = scripted(() => oktaError(401, "E0000011", "Invalid token provided"));
    const error = await failure<OktaApiError>(get(new OktaClient(clientOptions(fetch))));
    assert.match(error.message, /Check the API token/);
  });

  it("Okta's edge's JSON 404 page without a content type is named as such, not as a non-JSON body", async () => {
    const fetch = scripted(() =>
      new Response('{"status":404,"message":"Resource not found"}', {
        status: 404,
        headers: { server: "Apache" },
      })
    );
    const error = await failure<HttpError>(get(new OktaClient(clientOptions(fetch)), "/api/v1/nothing/here"));
    assert.ok(error instanceof HttpError);
    assert.equal(isOktaApiError(error), false);
    assert.equal(error.status, 404);
    assert.doesNotMatch(error.message, /non-JSON/);
    assert.match(error.message, /Resource not found/);
    assert.match(error.message, /edge/);
  });

  it("a real non-JSON body is still called one", async () => {
    const fetch = scripted(() => new Response("<html>Bad gateway</html>", { status: 404 }));
    const error = await failure<HttpError>(get(new OktaClient(clientOptions(fetch))));
    assert.match(error.message, /non-JSON body/);
  });

  it("a summary ending with a period gets no second one", async () => {
    const fetch = scripted(() => oktaError(400, "E0000001", "Api validation failed: login."));
    const error = await failure<OktaApiError>(get(new OktaClient(clientOptions(fetch))));
    assert.doesNotMatch(error.message, /\.\./);
    assert.match(error.message, /Api validation failed: login\.$/);
  });
});
