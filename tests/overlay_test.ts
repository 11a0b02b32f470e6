/**
 * The real-world overlay (`spec/overlay.json`, issue 19 A2-A3): its entries apply to the extract and are
 * documented in `spec/README.md`; an entry stops the generator when the description no longer holds what
 * it mends; and what it says reaches the wire: an empty 200 from activateLogStream/deactivateLogStream
 * resolves to `undefined` (the change was made: no `InvalidResponseError` inviting a retry), createSession
 * and getGroup's `expand` are sent as real orgs take them.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import extract from "../spec/okta-management.json" with { type: "json" };
import overlayFile from "../spec/overlay.json" with { type: "json" };
import { applyOverlay, checkOverlay, type Overlay } from "../codegen/overlay.ts";
import { InvalidResponseError, type Models, Okta } from "../mod.ts";
import { clientOptions, failure, json, scripted } from "./_okta_fetch.ts";
import { projectFile } from "./_files.ts";

type Json = Record<string, unknown>;
const overlay = checkOverlay(overlayFile);

describe("spec/overlay.json", () => {
  it("has one entry per fact, each saying where it was seen, and every entry applies to the extract", () => {
    assert.ok(overlay.entries.length >= 7);
    for (const entry of overlay.entries) assert.match(entry.seen, /\w{4}/, entry.id);
    const applied = applyOverlay(extract as unknown as Json, overlay) as Json;
    const paths = applied.paths as Record<string, Json>;
    assert.equal((paths["/api/v1/sessions"].post as Json).operationId, "createSession");
    assert.equal(
      (extract.paths as Record<string, unknown>)["/api/v1/sessions"],
      undefined,
      "the import is untouched",
    );
  });

  it("is documented in spec/README.md, entry by entry, with where each was seen", () => {
    const readme = projectFile("spec/README.md");
    if (readme === undefined) return; // Workers: no files
    const flat = readme.replace(/\s+/g, " ");
    assert.match(readme, /## The real-world overlay/);
    for (const entry of overlay.entries) {
      assert.ok(flat.includes(`\`${entry.id}\``), `README names ${entry.id}`);
      assert.ok(flat.includes(entry.seen.replace(/\s+/g, " ")), `README says where ${entry.id} was seen`);
    }
  });
});

describe("applyOverlay", () => {
  const base = { a: { b: { c: 1 } }, list: [1] };
  const one = (edit: Json): Overlay => ({
    entries: [{ id: "e", fact: "f", seen: "s", edits: [edit as never] }],
  });

  it("sets values along a key path on a copy", () => {
    const out = applyOverlay(base, one({ at: ["a", "b", "c"], was: 1, value: { d: 2 } }));
    assert.deepEqual(out, { a: { b: { c: { d: 2 } } }, list: [1] });
    assert.deepEqual(base, { a: { b: { c: 1 } }, list: [1] });
    assert.deepEqual(applyOverlay(base, one({ at: ["a", "x"], value: null })).a, { b: { c: 1 }, x: null });
  });

  it("stops, naming the entry, when the description changed under it or the path leads nowhere", () => {
    assert.throws(
      () => applyOverlay(base, one({ at: ["a", "b", "c"], was: 2, value: 3 })),
      /entry e: .*changed/,
    );
    assert.throws(
      () => applyOverlay(base, one({ at: ["a", "b", "c"], value: 3 })),
      /entry e: .*remove the entry/,
    );
    assert.throws(() => applyOverlay(base, one({ at: ["a", "z", "c"], value: 3 })), /entry e: nothing at/);
    assert.throws(
      () => applyOverlay(base, one({ at: ["a", "y"], was: 1, value: 3 })),
      /entry e: .*found nothing/,
    );
  });

  it("refuses an entry without where it was seen", () => {
    assert.throws(
      () => checkOverlay({ entries: [{ id: "x", fact: "f", edits: [{ at: ["a"], value: 1 }] }] }),
      /seen/,
    );
  });
});

describe("the overlay on the wire", () => {
  const empty200 = () => new Response("", { status: 200, headers: { "x-okta-request-id": "r1" } });

  for (const method of ["activateLogStream", "deactivateLogStream"] as const) {
    it(`${method}: an empty 200 resolves to undefined, sent once`, async () => {
      const fetch = scripted(empty200);
      const okta = new Okta(clientOptions(fetch));
      const { data, response } = await okta.logStream[method]("0oa1").withResponse();
      assert.equal(data, undefined);
      assert.equal(response.status, 200);
      assert.equal(fetch.seen.length, 1);
      assert.equal(fetch.seen[0].method, "POST");
      assert.equal(await okta.logStream[method]("0oa1"), undefined);
      const stream = { id: "0oa1", type: "splunk_cloud_logstreaming", status: "ACTIVE" };
      const withBody = new Okta(clientOptions(scripted(() => json(stream))));
      assert.deepEqual(await withBody.logStream[method]("0oa1"), stream);
    });
  }

  it("an operation the overlay does not name still refuses an empty 200", async () => {
    const okta = new Okta(clientOptions(scripted(empty200)));
    const error = await failure<InvalidResponseError>(okta.logStream.getLogStream("0oa1"));
    assert.ok(error instanceof InvalidResponseError, String(error));
  });

  it("createSession sends POST /api/v1/sessions with the session token", async () => {
    const fetch = scripted(() => json({ id: "102abc", status: "ACTIVE" }));
    const okta = new Okta(clientOptions(fetch));
    const session = await okta.session.createSession({ sessionToken: "20111h0ZlxjLvp" });
    assert.equal(session.id, "102abc");
    assert.equal(fetch.seen[0].method, "POST");
    assert.equal(fetch.seen[0].url.pathname, "/api/v1/sessions");
    assert.deepEqual(JSON.parse(fetch.seen[0].body), { sessionToken: "20111h0ZlxjLvp" });
  });

  it("getGroup sends expand=stats", async () => {
    const group = {
      id: "00g1",
      profile: { name: "West", costCenter: "CC-1" },
      _embedded: { stats: { usersCount: 3 } },
    };
    const fetch = scripted(() => json(group));
    const okta = new Okta(clientOptions(fetch));
    const got = await okta.group.getGroup("00g1", { expand: "stats" });
    assert.equal(fetch.seen[0].url.searchParams.get("expand"), "stats");
    assert.equal(got._embedded?.stats?.usersCount, 3);
    // An Okta group's profile (not an AD group's, which the overlay leaves alone) has its custom attributes.
    assert.equal((got.profile as Models.OktaUserGroupProfile | undefined)?.costCenter, "CC-1");
  });
});
