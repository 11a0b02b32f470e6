/**
 * `oktakit import users` as a child process against the fake org served over HTTP: creates and upserts from
 * NDJSON and CSV with a result per line, a dry run that sends no write, a CSV round trip of awkward profile
 * values, a create whose answer is lost (checked by login, not sent again), and an import interrupted by
 * Ctrl-C and resumed: every line once, no user twice, the same users as an uninterrupted run.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createFakeOrg } from "../testing/mod.ts";
import {
  exists,
  ndjson,
  noCli,
  person,
  readText,
  removeDir,
  runCli,
  type ServedOrg,
  serveOrg,
  tempDir,
  writeText,
} from "./_cli.ts";

const skip = noCli;

interface Result {
  line: number;
  login?: string;
  result: string;
  id?: string;
  errorCode?: string;
  errorSummary?: string;
  note?: string;
}

const served = () => serveOrg((origin) => createFakeOrg({ orgUrl: origin, clock: "real" }));
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The org's users by login (deactivated ones included). */
function byLogin(org: ServedOrg["org"]): Map<string, Record<string, unknown>> {
  return new Map(
    org.inspect.users().map((
      u,
    ) => [String((u.profile as { login: string }).login), u as Record<string, unknown>]),
  );
}

describe("oktakit import users", () => {
  it("creates users from NDJSON with a result per line; a refused line has Okta's errorCode (exit 1)", {
    skip,
  }, async () => {
    const { org, env, close } = await served();
    const dir = await tempDir();
    try {
      const lines = [
        JSON.stringify(person(1)), // a bare profile
        JSON.stringify({ profile: person(2), credentials: { password: { value: "Correct-Horse-9" } } }),
        "",
        JSON.stringify({ id: "00uignored", status: "ACTIVE", profile: person(3), _links: {} }), // as exported
        JSON.stringify({ profile: { login: "nomail@example.com", firstName: "No", lastName: "Mail" } }),
        "{not json",
        JSON.stringify({ profile: { email: "x@example.com" } }),
      ];
      await writeText(`${dir}/people.ndjson`, lines.join("\n") + "\n");
      const run = await runCli(["import", "users", "people.ndjson", "--no-activate"], { env, cwd: dir });
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stderr, /import done in [\d.]+ s: 6 lines, 3 created, 3 failed; results in /);
      const results = ndjson<Result>(await readText(`${dir}/people.ndjson.results.ndjson`))
        .sort((a, b) => a.line - b.line);
      assert.deepEqual(results.map((r) => [r.line, r.result]), [
        [1, "created"],
        [2, "created"],
        [4, "created"],
        [5, "failed"],
        [6, "failed"],
        [7, "failed"],
      ]);
      assert.equal(results[3].errorCode, "E0000001");
      assert.match(results[3].errorSummary!, /email: The field cannot be left blank/);
      assert.match(results[4].errorSummary!, /^not JSON/);
      assert.match(results[5].errorSummary!, /no profile\.login/);
      const users = byLogin(org);
      assert.equal(users.size, 3);
      assert.equal(users.get(person(1).login as string)!.status, "STAGED");
      assert.equal(results[0].id, users.get(person(1).login as string)!.id);
      // The password went to Okta, and no result or checkpoint holds it.
      assert.ok(org.requests.some((r) => r.body.includes("Correct-Horse-9")));
      assert.doesNotMatch(await readText(`${dir}/people.ndjson.results.ndjson`), /Correct-Horse-9/);
      assert.ok(!(await exists(`${dir}/people.ndjson.results.ndjson.checkpoint`)), "removed when complete");
      const again = await runCli(["import", "users", "people.ndjson"], { env, cwd: dir });
      assert.equal(again.code, 2, "a results file is never overwritten");
      assert.match(again.stderr, /exists: add --resume/);
    } finally {
      await removeDir(dir);
      await close();
    }
  });

  it("upserts from CSV: creates, updates only what differs, skips the unchanged; --dry-run sends no write", {
    skip,
  }, async () => {
    const { org, env, close } = await served();
    const dir = await tempDir();
    try {
      org.seed({
        users: [
          { profile: person(1, { department: "Sales", nickName: "One" }) },
          { profile: person(2, { department: "Legal" }) },
        ],
      });
      const csv = "profile.login,profile.email,profile.firstName,profile.lastName,department\n" +
        `${person(1).login},${person(1).email},First1,Last1,Research\n` +
        `${person(2).login},${person(2).email},First2,Last2,Legal\n` +
        `${person(3).login},${person(3).email},First3,Last3,"Ops, EU"\n`;
      await writeText(`${dir}/people.csv`, csv);
      const before = org.requests.length;
      const dry = await runCli(["import", "users", "people.csv", "--mode", "upsert", "--dry-run"], {
        env,
        cwd: dir,
      });
      assert.equal(dry.code, 0, dry.stderr);
      assert.deepEqual(org.requests.slice(before).filter((r) => WRITES.has(r.method)), [], "no write sent");
      const planned = ndjson<Result>(await readText(`${dir}/people.csv.dry-run.ndjson`)).sort((a, b) =>
        a.line - b.line
      );
      assert.deepEqual(planned.map((r) => [r.line, r.result, r.note]), [
        [2, "would-update", "changed: department"],
        [3, "skipped", "unchanged"],
        [4, "would-create", undefined],
      ]);
      const real = await runCli(
        ["import", "users", "people.csv", "--mode", "upsert", "--results", "out.csv"],
        {
          env,
          cwd: dir,
        },
      );
      assert.equal(real.code, 0, real.stderr);
      const [header, ...rows] = (await readText(`${dir}/out.csv`)).trim().split("\n");
      assert.equal(header, "line,login,result,id,errorCode,errorSummary,note");
      assert.deepEqual(rows.map((row) => row.split(",").slice(0, 3).join(",")).sort(), [
        `2,${person(1).login},updated`,
        `3,${person(2).login},skipped`,
        `4,${person(3).login},created`,
      ]);
      const users = byLogin(org);
      // A partial update: the attribute that differed changed, the others stayed.
      assert.deepEqual(users.get(person(1).login as string)!.profile, {
        ...person(1),
        department: "Research",
        nickName: "One",
      });
      assert.equal(
        (users.get(person(3).login as string)!.profile as { department: string }).department,
        "Ops, EU",
      );
      const updates = org.requests.filter((r) => r.method === "POST" && /\/api\/v1\/users\/00u/.test(r.url));
      assert.equal(updates.length, 1);
      assert.deepEqual(JSON.parse(updates[0].body), { profile: { department: "Research" } });
    } finally {
      await removeDir(dir);
      await close();
    }
  });

  it(
    "round-trips profile values with commas, quotes, line breaks and non-ASCII through CSV",
    { skip },
    async () => {
      const source = await served();
      const target = await served();
      const dir = await tempDir();
      try {
        const awkward = [
          "Smith, Jr.",
          'O"Brien "the Elder"',
          "Zürich Øst — 東京 🚀",
          "two\nlines",
          " padded ",
          "=SUM(A1)",
        ];
        source.org.seed({
          users: awkward.map((value, i) => ({ profile: person(i, { nickName: value, title: `${value}!` }) })),
        });
        const fields =
          "profile.login,profile.email,profile.firstName,profile.lastName,profile.nickName,profile.title";
        const exported = await runCli(
          ["export", "users", "--out", "out", "--format", "csv", "--fields", fields],
          { env: source.env, cwd: dir },
        );
        assert.equal(exported.code, 0, exported.stderr);
        const imported = await runCli(["import", "users", "out/users.csv"], { env: target.env, cwd: dir });
        assert.equal(imported.code, 0, imported.stderr);
        const profiles = (org: ServedOrg["org"]) =>
          org.inspect.users().map((u) => u.profile).sort((a, b) =>
            String((a as { login: string }).login).localeCompare(String((b as { login: string }).login))
          );
        assert.deepEqual(profiles(target.org), profiles(source.org));
        assert.equal(
          (byLogin(target.org).get(person(3).login as string)!.profile as { nickName: string }).nickName,
          "two\nlines",
        );
      } finally {
        await removeDir(dir);
        await source.close();
        await target.close();
      }
    },
  );

  it(
    "checks by login when a create's answer never comes, instead of creating the user twice",
    { skip },
    async () => {
      const org = await served();
      const dir = await tempDir();
      try {
        const lost = person(2).login as string;
        let dropped = 0;
        org.dropAnswer = (method, url, body) =>
          method === "POST" && url.startsWith("/api/v1/users?") && body.includes(lost) && dropped++ === 0;
        await writeText(`${dir}/people.ndjson`, [1, 2, 3].map((i) => JSON.stringify(person(i))).join("\n"));
        // One second per attempt: the create that gets no answer times out (and a POST is not retried).
        const env = { ...org.env, OKTA_CLIENT_CONNECTIONTIMEOUT: "1" };
        const run = await runCli(["import", "users", "people.ndjson"], { env, cwd: dir });
        assert.equal(run.code, 0, run.stderr);
        assert.equal(dropped, 1, "the answer to the create was lost once");
        const results = ndjson<Result>(await readText(`${dir}/people.ndjson.results.ndjson`));
        const line = results.find((r) => r.login === lost)!;
        assert.equal(line.result, "created");
        assert.match(line.note!, /answer was lost; found by login/);
        const creates = org.org.requests.filter((r) => r.method === "POST" && r.body.includes(lost));
        assert.equal(creates.length, 1, "the create was not sent again");
        assert.equal(line.id, byLogin(org.org).get(lost)!.id);
      } finally {
        await removeDir(dir);
        await org.close();
      }
    },
  );

  it(
    "stops on Ctrl-C (exit 130); --resume finishes: every line once, no user twice, as an uninterrupted run",
    { skip },
    async () => {
      const whole = await served();
      const broken = await served();
      const dir = await tempDir();
      try {
        const count = 60;
        await writeText(
          `${dir}/people.ndjson`,
          Array.from({ length: count }, (_, i) => JSON.stringify(person(i))).join("\n") + "\n",
        );
        const reference = await runCli(["import", "users", "people.ndjson", "--results", "whole.ndjson"], {
          env: whole.env,
          cwd: dir,
        });
        assert.equal(reference.code, 0, reference.stderr);

        // Slow answers, so creates are in flight when Ctrl-C comes: they reach the org, their answers do not
        // reach the command, and the resumed run must find those users by login.
        broken.org.latencyMs = 300;
        let posts = 0;
        broken.onRequest = (method) => {
          if (method === "POST") posts++;
        };
        const results = `${dir}/people.ndjson.results.ndjson`;
        const interrupted = await runCli(["import", "users", "people.ndjson"], {
          env: broken.env,
          cwd: dir,
          interruptWhen: async () => {
            const done = (await exists(results)) ? ndjson(await readText(results)).length : 0;
            return done >= 10 && posts - done >= 5;
          },
        });
        assert.equal(interrupted.code, 130, interrupted.stderr);
        assert.match(interrupted.stderr, /import interrupted after \d+ lines[^]*--resume to go on/);
        assert.ok(await exists(`${results}.checkpoint`), "the checkpoint is kept");
        const doneBefore = ndjson(await readText(results)).length;
        assert.ok(doneBefore < count, `${doneBefore} lines done before the interruption`);
        await new Promise((resolve) => setTimeout(resolve, 400)); // the creates in flight land
        const other = await runCli(["import", "users", "people.ndjson", "--resume", "--mode", "upsert"], {
          env: broken.env,
          cwd: dir,
        });
        assert.equal(other.code, 2, "a resumed import keeps its settings");
        assert.match(other.stderr, /records mode = "create", not "upsert"/);
        broken.org.latencyMs = 0;
        const resumed = await runCli(["import", "users", "people.ndjson", "--resume"], {
          env: broken.env,
          cwd: dir,
        });
        assert.equal(resumed.code, 0, resumed.stderr);
        const all = ndjson<Result>(await readText(results));
        assert.deepEqual(
          all.map((r) => r.line).sort((a, b) => a - b),
          Array.from({ length: count }, (_, i) => i + 1),
        );
        assert.ok(
          all.every((r) => r.result === "created"),
          JSON.stringify(all.filter((r) => r.result !== "created")),
        );
        assert.ok(
          all.some((r) => /interrupted run; found by login/.test(r.note ?? "")),
          "a lost create was found",
        );
        assert.deepEqual([...byLogin(broken.org).keys()].sort(), [...byLogin(whole.org).keys()].sort());
        assert.equal(broken.org.inspect.users().length, count, "no user twice");
        const again = await runCli(["import", "users", "people.ndjson", "--resume"], {
          env: broken.env,
          cwd: dir,
        });
        assert.equal(again.code, 0, "a complete import resumed is nothing to do");
        assert.match(again.stderr, /0 lines \(60 done before\), nothing to do/);
      } finally {
        await removeDir(dir);
        await whole.close();
        await broken.close();
      }
    },
  );
});
