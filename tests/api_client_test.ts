/**
 * Generated namespaces end to end through the `Okta` client with an injected `fetch`: pagination,
 * header parameters, comma-joined arrays, 204s, uploads, and the typing users rely on (profile generics,
 * discriminated unions). Needs no file system, so it runs on every runtime including workerd.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Okta } from "../api/mod.ts";
import { UserApi } from "../api/user.ts";
import type { Application, BookmarkApplication, User, UserProfile } from "../models/mod.ts";

interface Sent {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

/** A fetch answering from a script, recording each request. */
function fakeOkta(answer: (url: URL, n: number) => Response) {
  const sent: Sent[] = [];
  const fetch = async (input: Request | URL | string, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    sent.push({ method: request.method, url, headers: request.headers, body: await request.text() });
    return answer(url, sent.length);
  };
  const okta = new Okta({
    orgUrl: "https://example.okta.com",
    token: "test-token",
    fetch: fetch as typeof globalThis.fetch,
    sources: false,
  });
  return { okta, sent };
}

const json = (body: unknown, headers: Record<string, string> = {}, status = 200) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "x-okta-request-id": "req", ...headers },
  });

type MyProfile = UserProfile & { employeeNumber?: string };

describe("generated namespaces through the Okta client", () => {
  it("list users across Link pages, keeping the caller's query", async () => {
    const { okta, sent } = fakeOkta((_url, n) =>
      n === 1
        ? json([{ id: "00u1", profile: { login: "a@example.com", employeeNumber: "7" } }], {
          link: '<https://example.okta.com/api/v1/users?after=00u1&limit=1>; rel="next"',
        })
        : json([{ id: "00u2", profile: { login: "b@example.com" } }])
    );
    const users: User<MyProfile>[] = await okta.user.listUsers<MyProfile>({
      search: 'status eq "ACTIVE"',
      limit: 1,
    })
      .toArray();
    assert.deepEqual(users.map((u) => u.id), ["00u1", "00u2"]);
    assert.equal(users[0].profile?.employeeNumber, "7");
    assert.equal(sent.length, 2);
    assert.equal(sent[0].method, "GET");
    assert.equal(sent[0].url.pathname, "/api/v1/users");
    assert.equal(sent[0].url.searchParams.get("search"), 'status eq "ACTIVE"');
    assert.equal(sent[0].headers.get("authorization"), "SSWS test-token");
    assert.equal(sent[1].url.searchParams.get("after"), "00u1");
  });

  it("list custom roles across pages whose next link is in the body (_links.next)", async () => {
    const { okta, sent } = fakeOkta((_url, n) =>
      n === 1
        ? json({
          roles: [{ id: "cr1", label: "One" }],
          _links: { next: { href: "https://example.okta.com/api/v1/iam/roles?after=cr1" } },
        })
        : json({ roles: [{ id: "cr2", label: "Two" }], _links: {} })
    );
    const labels: string[] = [];
    for await (const role of okta.roleECustom.listRoles()) labels.push(role.label!);
    assert.deepEqual(labels, ["One", "Two"]);
    assert.equal(sent[1].url.searchParams.get("after"), "cr1");
  });

  it("sends header parameters as headers, query parameters in the URL, the body as JSON", async () => {
    const { okta, sent } = fakeOkta(() => json({ id: "00u1" }));
    const user = await okta.user.updateUser("00u1", { profile: { nickName: "Al" } }, {
      strict: true,
      "If-Match": 'W/"1"',
    });
    assert.equal(user.id, "00u1");
    assert.equal(sent[0].method, "POST");
    assert.equal(sent[0].url.pathname, "/api/v1/users/00u1");
    assert.equal(sent[0].url.searchParams.get("strict"), "true");
    assert.equal(sent[0].url.searchParams.has("If-Match"), false);
    assert.equal(sent[0].headers.get("if-match"), 'W/"1"');
    assert.deepEqual(JSON.parse(sent[0].body), { profile: { nickName: "Al" } });
  });

  it("percent-encodes path parameters and joins non-exploded arrays with commas", async () => {
    const { okta, sent } = fakeOkta(() => json({ id: "bnd1" }));
    // (Not getUser: a login with a `/` is looked up by search there; tests/user_login_test.ts.)
    await okta.group.getGroup("a/b?c");
    assert.equal(sent[0].url.pathname, "/api/v1/groups/a%2Fb%3Fc");
    await okta.brands.getBrand("bnd1", { expand: ["themes", "domains"] });
    assert.equal(sent[1].url.searchParams.get("expand"), "themes,domains");
    await assert.rejects(() => okta.user.getUser(".."), /Path parameter "id"/);
  });

  it("refuses ids that are blank or not strings or numbers (from plain JavaScript) before sending", async () => {
    const { okta, sent } = fakeOkta(() => json({ id: "00u1" }));
    const getUser = okta.user.getUser.bind(okta.user) as (id: unknown) => Promise<unknown>;
    for (const id of [undefined, null, {}, [], "", " ", "\t\n", Number.NaN]) {
      await assert.rejects(
        () => getUser(id),
        (e: unknown) => e instanceof TypeError && /"id"/.test(e.message),
      );
    }
    assert.equal(sent.length, 0, "nothing was sent");
    await getUser(42);
    assert.equal(sent[0].url.pathname, "/api/v1/users/42");
  });

  it("resolves 204 answers to undefined and uploads files as multipart", async () => {
    const { okta, sent } = fakeOkta(() => new Response(null, { status: 204 }));
    assert.equal(await okta.userLifecycle.unsuspendUser("00u1"), undefined);
    assert.equal(sent[0].url.pathname, "/api/v1/users/00u1/lifecycle/unsuspend");
    await okta.applicationLogos.uploadApplicationLogo("0oa1", {
      file: new Blob(["png"], { type: "image/png" }),
    });
    assert.match(sent[1].headers.get("content-type") ?? "", /^multipart\/form-data; boundary=/);
    assert.match(sent[1].body, /name="file"/);
  });

  it("works as a lone namespace over the client, and namespaces are created once", () => {
    const { okta } = fakeOkta(() => json({}));
    assert.ok(new UserApi(okta) instanceof UserApi);
    assert.equal(okta.user, okta.user);
    assert.notEqual(okta.user as unknown, okta.group as unknown);
  });

  it("narrows applications by signOnMode", () => {
    // Type-level: this only compiles if the union narrows to BookmarkApplication.
    const urlOf = (app: Application): string | undefined => {
      if (app.signOnMode !== "BOOKMARK") return undefined;
      const bookmark: BookmarkApplication = app;
      return bookmark.settings.app?.url;
    };
    const app = {
      name: "bookmark",
      label: "Docs",
      signOnMode: "BOOKMARK",
      settings: { app: { url: "https://example.com" } },
    } as Application;
    assert.equal(urlOf(app), "https://example.com");
    assert.equal(urlOf({ ...app, signOnMode: "AUTO_LOGIN" } as Application), undefined);
  });
});
