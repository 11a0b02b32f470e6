/**
 * `oktakit export` as a child process against the fake org served over HTTP: every resource to NDJSON and
 * CSV, and exports interrupted (a 5xx beyond the retries, Ctrl-C, in the middle of a group's members) then
 * resumed, compared byte for byte with an uninterrupted run: no row twice, none missing.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parse } from "csv-parse/sync";
import { Okta } from "../mod.ts";
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
} from "./_cli.ts";

const skip = noCli;
const RESOURCES = ["users", "groups", "group-members", "apps", "app-users", "app-groups"];
const DEPARTMENTS = ["R&D, Research", 'The "Lab"', "Zürich Øst — 東京", "Plain"];

/** An org of 240 users in 3 groups, with 2 apps each assigned users and groups. */
async function servedOrg(): Promise<ServedOrg> {
  const served = await serveOrg((origin) => createFakeOrg({ orgUrl: origin, clock: "real" }));
  const { org } = served;
  const groups = ["Engineering", "Research", "Finance"];
  const { userIds, groupIds } = org.seed({
    groups: groups.map((name) => ({ name })),
    users: Array.from({ length: 240 }, (_, i) => ({
      profile: person(i, { department: DEPARTMENTS[i % DEPARTMENTS.length] }),
      // Engineering gets most users, so its members span several pages.
      groups: i % 4 === 0 ? [groups[1]] : i % 7 === 0 ? [groups[2]] : [groups[0]],
    })),
  });
  const okta = new Okta({
    orgUrl: org.orgUrl,
    token: org.apiToken,
    fetch: org.fetch,
    sources: false,
    testing: { disableHttpsCheck: true },
  });
  for (const label of ["Wiki", "Docs"]) {
    const app = await okta.application.createApplication({
      name: "bookmark",
      label,
      signOnMode: "BOOKMARK",
      settings: { app: { url: `https://example.com/${label}` } },
    });
    for (const id of userIds.slice(0, 30)) {
      await okta.applicationUsers.assignUserToApplication(app.id!, { id });
    }
    for (const id of groupIds) await okta.applicationGroups.assignGroupToApplication(app.id!, id, {});
  }
  return served;
}

/** Every file of an export folder (the checkpoint left out), by name. */
async function files(dir: string): Promise<Record<string, string>> {
  const { readdir } = await import("node:fs/promises");
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    if (!name.startsWith(".")) out[name] = await readText(`${dir}/${name}`);
  }
  return out;
}

const checkpointOf = (dir: string) => `${dir}/.oktakit-export-checkpoint.json`;

describe("oktakit export", () => {
  it("exports every resource to NDJSON and CSV, as many rows as the org has", { skip }, async () => {
    const served = await servedOrg();
    const dir = await tempDir();
    try {
      const run = await runCli(["export", ...RESOURCES, "--out", `${dir}/json`], { env: served.env });
      assert.equal(run.code, 0, run.stderr);
      const { org } = served;
      const groups = org.inspect.groups();
      const members = groups.reduce((n, g) => n + org.inspect.members(String(g.id)).length, 0);
      const out = await files(`${dir}/json`);
      assert.deepEqual(Object.keys(out), RESOURCES.map((r) => `${r}.ndjson`).sort());
      assert.equal(ndjson(out["users.ndjson"]).length, 240);
      assert.equal(ndjson(out["groups.ndjson"]).length, groups.length);
      assert.equal(ndjson(out["group-members.ndjson"]).length, members);
      assert.equal(ndjson(out["apps.ndjson"]).length, 2);
      assert.equal(ndjson(out["app-users.ndjson"]).length, 60);
      assert.equal(ndjson(out["app-groups.ndjson"]).length, 2 * 3, "each app has the 3 seeded groups");
      assert.ok(ndjson(out["app-users.ndjson"]).every((row) => typeof row.appId === "string"));
      assert.ok(
        !(await exists(checkpointOf(`${dir}/json`))),
        "the checkpoint goes once the export is complete",
      );
      assert.match(
        run.stderr,
        /export done in [\d.]+ s: users 240, groups 4, group-members 480, apps 2, app-users 60, app-groups 6 /,
      );

      const csv = await runCli([
        "export",
        "users",
        "group-members",
        "--out",
        `${dir}/csv`,
        "--format",
        "csv",
        "--fields",
        "profile.login,profile.department",
      ], { env: served.env });
      assert.equal(csv.code, 0, csv.stderr);
      const users = parse(await readText(`${dir}/csv/users.csv`), { columns: true }) as Record<
        string,
        string
      >[];
      assert.equal(users.length, 240);
      assert.deepEqual(users[2], { "profile.login": person(2).login, "profile.department": DEPARTMENTS[2] });
      assert.deepEqual(new Set(users.map((u) => u["profile.department"])), new Set(DEPARTMENTS));
      // A per-parent row keeps its parent's id even when --fields leaves it out.
      const [header] = (await readText(`${dir}/csv/group-members.csv`)).split("\n");
      assert.equal(header, "groupId,profile.login,profile.department");
      const projected = await runCli(
        ["export", "users", "--out", `${dir}/fields`, "--fields", "id,profile.department"],
        { env: served.env },
      );
      assert.equal(projected.code, 0, projected.stderr);
      const [first] = ndjson(await readText(`${dir}/fields/users.ndjson`));
      assert.deepEqual(Object.keys(first), ["id", "profile"]);
      assert.deepEqual(first.profile, { department: DEPARTMENTS[0] });
    } finally {
      await removeDir(dir);
      await served.close();
    }
  });

  it(
    "stops at a 5xx beyond the retries (exit 1); --resume then finishes: no duplicate, no gap",
    { skip },
    async () => {
      const served = await servedOrg();
      const dir = await tempDir();
      try {
        const args = ["users", "groups", "--limit", "50", "--format", "csv"];
        const whole = await runCli(["export", ...args, "--out", `${dir}/whole`], { env: served.env });
        assert.equal(whole.code, 0, whole.stderr);
        let pages = 0;
        // The fourth page of users fails, and its retries too (a 503 is retried twice by default).
        served.org.faults.push({
          match: (request) => new URL(request.url).pathname === "/api/v1/users" && ++pages >= 4,
          status: 503,
          times: 3,
        });
        const broken = await runCli(["export", ...args, "--out", `${dir}/resumed`], { env: served.env });
        assert.equal(broken.code, 1, broken.stderr);
        assert.match(
          broken.stderr,
          /export stopped during users: .*503[^]*run the same command with --resume/,
        );
        const saved = JSON.parse(await readText(checkpointOf(`${dir}/resumed`)));
        assert.equal(saved.streams.users.items, 150);
        assert.equal(saved.streams.users.done, false);
        const again = await runCli(["export", ...args, "--out", `${dir}/resumed`], { env: served.env });
        assert.equal(again.code, 2, "an interrupted export is not started over by accident");
        assert.match(again.stderr, /add --resume to go on with it/);
        const resumed = await runCli(["export", "--out", `${dir}/resumed`, "--resume"], { env: served.env });
        assert.equal(resumed.code, 0, resumed.stderr);
        assert.deepEqual(await files(`${dir}/resumed`), await files(`${dir}/whole`));
        const done = await runCli(["export", "--out", `${dir}/resumed`, "--resume"], { env: served.env });
        assert.equal(done.code, 2);
        assert.match(done.stderr, /Nothing to resume/);
      } finally {
        await removeDir(dir);
        await served.close();
      }
    },
  );

  it(
    "stops cleanly on Ctrl-C (exit 130, checkpoint kept); --resume gives the uninterrupted result",
    { skip },
    async () => {
      const served = await servedOrg();
      const dir = await tempDir();
      try {
        const args = ["users", "group-members", "--limit", "20"];
        const whole = await runCli(["export", ...args, "--out", `${dir}/whole`], { env: served.env });
        assert.equal(whole.code, 0, whole.stderr);
        served.org.latencyMs = 40;
        const checkpoint = checkpointOf(`${dir}/resumed`);
        const interrupted = await runCli(["export", ...args, "--out", `${dir}/resumed`], {
          env: served.env,
          interruptWhen: async () => {
            try {
              return JSON.parse(await readText(checkpoint)).streams.users.items >= 60;
            } catch {
              return false; // not written yet
            }
          },
        });
        assert.equal(interrupted.code, 130, interrupted.stderr);
        assert.match(interrupted.stderr, /export interrupted during users: .*--resume to go on/);
        const saved = JSON.parse(await readText(checkpoint));
        assert.ok(
          saved.streams.users.items >= 60 && saved.streams.users.items < 240,
          `${saved.streams.users.items}`,
        );
        served.org.latencyMs = 0;
        const resumed = await runCli(["export", "--out", `${dir}/resumed`, "--resume"], { env: served.env });
        assert.equal(resumed.code, 0, resumed.stderr);
        assert.deepEqual(await files(`${dir}/resumed`), await files(`${dir}/whole`));
      } finally {
        await removeDir(dir);
        await served.close();
      }
    },
  );

  it("resumes a per-parent export inside the group it stopped in", { skip }, async () => {
    const served = await servedOrg();
    const dir = await tempDir();
    try {
      const args = ["group-members", "app-users", "--limit", "25", "--format", "csv"];
      const whole = await runCli(["export", ...args, "--out", `${dir}/whole`], { env: served.env });
      assert.equal(whole.code, 0, whole.stderr);
      const engineering = served.org.inspect.groups().find((g) =>
        (g.profile as { name: string }).name === "Engineering"
      )!;
      let pages = 0;
      served.org.faults.push({
        match: (request) =>
          new URL(request.url).pathname === `/api/v1/groups/${engineering.id}/users` && ++pages === 3,
        status: 500,
      });
      const broken = await runCli(["export", ...args, "--out", `${dir}/resumed`], { env: served.env });
      assert.equal(broken.code, 1, broken.stderr);
      const saved = JSON.parse(await readText(checkpointOf(`${dir}/resumed`)));
      assert.ok(saved.streams["group-members"].cursor, "the cursor inside the group is kept");
      // A resumed export keeps its settings; a different one is refused.
      const changed = await runCli(["export", "--out", `${dir}/resumed`, "--resume", "--format", "ndjson"], {
        env: served.env,
      });
      assert.equal(changed.code, 2);
      assert.match(changed.stderr, /records format = "csv", not "ndjson"/);
      const resumed = await runCli(["export", "--out", `${dir}/resumed`, "--resume"], { env: served.env });
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.deepEqual(await files(`${dir}/resumed`), await files(`${dir}/whole`));
      // --group narrows group-members to the groups named.
      const one = await runCli(
        ["export", "group-members", "--group", String(engineering.id), "--out", `${dir}/one`],
        { env: served.env },
      );
      assert.equal(one.code, 0, one.stderr);
      const rows = ndjson(await readText(`${dir}/one/group-members.ndjson`));
      assert.equal(rows.length, served.org.inspect.members(String(engineering.id)).length);
      assert.ok(rows.every((row) => row.groupId === engineering.id));
    } finally {
      await removeDir(dir);
      await served.close();
    }
  });
});
