/**
 * `oktakit logs tail` as a child process against the fake org served over HTTP: a window of the System Log
 * with --until, and a tail that polls for new events until Ctrl-C ends it cleanly (exit 130).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Okta } from "../mod.ts";
import { createFakeOrg } from "../testing/mod.ts";
import { CONTROL, ndjson, noCli, person, runCli, serveOrg } from "./_cli.ts";

const skip = noCli;

describe("oktakit logs tail", () => {
  it("lists a window with --until, filtered, and ends (exit 0)", { skip }, async () => {
    const served = await serveOrg((origin) => createFakeOrg({ orgUrl: origin, clock: "real" }));
    try {
      const okta = new Okta({
        orgUrl: served.origin,
        token: served.org.apiToken,
        fetch: served.org.fetch,
        sources: false,
        testing: { disableHttpsCheck: true },
      });
      for (const i of [1, 2, 3]) await okta.user.createUser({ profile: person(i) }, { activate: false });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const until = new Date().toISOString();
      const all = await runCli(["logs", "tail", "--since", "10m", "--until", until], { env: served.env });
      assert.equal(all.code, 0, all.stderr);
      assert.equal(ndjson(all.stdout).length, served.org.inspect.events().length);
      const created = await runCli(
        [
          "logs",
          "tail",
          "--since",
          "10m",
          "--until",
          until,
          "--filter",
          'eventType eq "user.lifecycle.create"',
        ],
        { env: served.env },
      );
      assert.equal(created.code, 0, created.stderr);
      assert.deepEqual(
        ndjson(created.stdout).map((e) => e.eventType),
        Array(3).fill("user.lifecycle.create"),
      );
      const bad = await runCli(["logs", "tail", "--since", "last week"], { env: served.env });
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--since takes an ISO 8601 time .* or a duration ago/);
    } finally {
      await served.close();
    }
  });

  it("follows new events until Ctrl-C, which ends it cleanly with exit code 130", { skip }, async () => {
    const served = await serveOrg((origin) => createFakeOrg({ orgUrl: origin, clock: "real" }));
    const okta = new Okta({
      orgUrl: served.origin,
      token: served.org.apiToken,
      fetch: served.org.fetch,
      sources: false,
      testing: { disableHttpsCheck: true },
    });
    try {
      await okta.user.createUser({ profile: person(1) }, { activate: false });
      let added = false;
      const run = await runCli(["logs", "tail", "--since", "1m", "--interval", "0.2"], {
        env: served.env,
        interruptWhen: async () => {
          const polls = served.org.requests.filter((r) => r.url.includes("/api/v1/logs")).length;
          // Once the tail has caught up, an event arrives while it polls; stop after it has been read.
          if (!added && polls >= 2) {
            added = true;
            await okta.user.createUser({ profile: person(2) }, { activate: false });
            return false;
          }
          return added && polls >= 6;
        },
      });
      assert.equal(run.code, 130, run.stderr);
      const events = ndjson(run.stdout);
      assert.deepEqual(events.map((e) => e.eventType), Array(2).fill("user.lifecycle.create"));
      assert.match(run.stderr, /logs: 2 events in [\d.]+ s/);
      assert.doesNotMatch(run.stderr, /Error|at /, "no stack trace");
      assert.doesNotMatch(run.stdout + run.stderr, CONTROL);
    } finally {
      await served.close();
    }
  });
});
