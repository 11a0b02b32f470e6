// deno-lint-ignore-file no-explicit-any -- response bodies are arbitrary JSON here
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createFakeOrg, type FakeOrg, passCodeFor } from "../testing/mod.ts";
import { sswsClient } from "./_fake_org_client.ts";

function setup() {
  const org: FakeOrg = createFakeOrg();
  const { userIds: [user] } = org.seed({
    users: [{ profile: { login: "m@example.com", email: "m@example.com", firstName: "M", lastName: "F" } }],
  });
  const call = sswsClient(org, `/api/v1/users/${user}/factors`);
  return { org, user, call };
}

describe("fake org: factors", () => {
  it("lists the supported catalog, reflecting enrolled factors", async () => {
    const { call } = setup();
    const catalog = (await call("GET", "/catalog")).body;
    const kinds = catalog.map((f: any) => `${f.factorType}/${f.provider}`);
    for (const k of ["sms/OKTA", "call/OKTA", "token:software:totp/OKTA", "question/OKTA", "email/OKTA"]) {
      assert.ok(kinds.includes(k), k);
    }
    assert.ok(catalog.every((f: any) => f.status === "NOT_SETUP" && f._links.enroll.href));
    await call("POST", "", {
      factorType: "question",
      provider: "OKTA",
      profile: { question: "favorite_toy", answer: "teddy" },
    });
    const after = (await call("GET", "/catalog")).body.find((f: any) => f.factorType === "question");
    assert.equal(after.status, "ACTIVE");
  });

  it("enrolls sms pending activation and activates it with the documented pass code", async () => {
    const { org, user, call } = setup();
    const enrolled = await call("POST", "", {
      factorType: "sms",
      provider: "OKTA",
      profile: { phoneNumber: "+15551234567" },
    });
    assert.equal(enrolled.status, 200);
    assert.match(enrolled.body.id, /^mbl[0-9A-Za-z]{17}$/);
    assert.equal(enrolled.body.status, "PENDING_ACTIVATION");
    assert.ok(enrolled.body._links.activate);
    const id = enrolled.body.id;
    const code = org.passCodeFor(user, id);
    assert.match(code, /^\d{6}$/);
    assert.equal(code, passCodeFor(user, id));
    const wrong = await call("POST", `/${id}/lifecycle/activate`, {
      passCode: code === "000000" ? "111111" : "000000",
    });
    assert.equal(wrong.status, 403);
    assert.equal(wrong.body.errorCode, "E0000068");
    const ok = await call("POST", `/${id}/lifecycle/activate`, { passCode: code });
    assert.equal(ok.body.status, "ACTIVE");
    assert.equal(
      (await call("POST", `/${id}/lifecycle/activate`, { passCode: code })).status,
      400,
      "already active",
    );
    assert.deepEqual(org.inspect.events().map((e) => e.eventType), ["user.mfa.factor.activate"]);
  });

  it("challenges sms on verify without a code, then accepts the code", async () => {
    const { org, user, call } = setup();
    const { body: f } = await call("POST", "", {
      factorType: "call",
      profile: { phoneNumber: "+442071234567" },
    });
    assert.match(f.id, /^clf/);
    await call("POST", `/${f.id}/lifecycle/activate`, { passCode: org.passCodeFor(user, f.id) });
    const challenge = await call("POST", `/${f.id}/verify`, {});
    assert.equal(challenge.body.factorResult, "CHALLENGE");
    const verified = await call("POST", `/${f.id}/verify`, { passCode: org.passCodeFor(user, f.id) });
    assert.deepEqual(verified.body, { factorResult: "SUCCESS" });
  });

  it("enrolls TOTP with an activation secret, email and question factors; verifies a question by answer", async () => {
    const { call } = setup();
    const totp = await call("POST", "", { factorType: "token:software:totp", provider: "GOOGLE" });
    assert.match(totp.body.id, /^uft/);
    assert.match(totp.body._embedded.activation.sharedSecret, /^[A-Z2-7]{16}$/);
    const email = await call("POST", "", { factorType: "email", provider: "OKTA", profile: {} });
    assert.equal(email.body.profile.email, "m@example.com");
    const q = await call("POST", "", {
      factorType: "question",
      profile: { question: "favorite_toy", answer: "Teddy Bear" },
    });
    assert.equal(q.body.status, "ACTIVE");
    assert.equal(typeof q.body.profile.questionText, "string");
    assert.equal(q.body.profile.answer, undefined, "answers are never returned");
    assert.equal(
      (await call("POST", `/${q.body.id}/verify`, { answer: "teddy bear" })).body.factorResult,
      "SUCCESS",
    );
    assert.equal((await call("POST", `/${q.body.id}/verify`, { answer: "wrong" })).status, 403);
    assert.equal((await call("GET", "")).body.length, 3);
  });

  it("validates enrollments and deletes factors", async () => {
    const { call } = setup();
    assert.equal(
      (await call("POST", "", { factorType: "sms", profile: { phoneNumber: "555-1234" } })).status,
      400,
    );
    assert.equal((await call("POST", "", { factorType: "push" })).status, 400);
    assert.equal(
      (await call("POST", "", {
        factorType: "question",
        profile: { question: "favorite_toy", answer: "ab" },
      })).status,
      400,
    );
    const { body: f } = await call("POST", "", {
      factorType: "sms",
      profile: { phoneNumber: "+15550000000" },
    });
    assert.equal(
      (await call("POST", "", { factorType: "sms", profile: { phoneNumber: "+15550000001" } })).status,
      400,
    );
    assert.equal((await call("GET", `/${f.id}`)).body.id, f.id);
    assert.equal((await call("DELETE", `/${f.id}`)).status, 204);
    assert.equal((await call("GET", `/${f.id}`)).status, 404);
    assert.equal((await call("GET", "")).body.length, 0);
  });
});
