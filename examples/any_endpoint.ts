/**
 * Any endpoint: `okta.request`, `okta.paginate` and `okta.requestWithResponse` call a path the typed
 * API does not cover (or one you prefer untyped), with the same authentication, retries, errors and
 * pagination. Runs against the in-memory fake org.
 *
 * Run: `npx deno run -A examples/any_endpoint.ts` (or `node examples/any_endpoint.ts`).
 *
 * @module
 */
import { Okta } from "../mod.ts";
import { createFakeOrg } from "../testing/mod.ts";

function check(ok: unknown, what: string): asserts ok {
  if (!ok) throw new Error(`any_endpoint example: ${what}`);
}
interface MiniGroup {
  id: string;
  profile: { name: string };
}
const org = createFakeOrg();
const okta = new Okta({ orgUrl: org.orgUrl, token: org.apiToken, fetch: org.fetch, sources: false });

for (const name of ["Alpha", "Beta", "Gamma"]) {
  const created = await okta.request<MiniGroup>({
    method: "POST",
    path: "/api/v1/groups",
    body: { profile: { name } },
  });
  console.log(`POST /api/v1/groups -> ${created.id} ${created.profile.name}`);
}

// paginate follows the Link headers, here two groups per page.
const names: string[] = [];
for await (
  const group of okta.paginate<MiniGroup>({ method: "GET", path: "/api/v1/groups", query: { limit: 2 } })
) {
  names.push(group.profile.name);
}
console.log(`paginated: ${names.join(", ")}`);
check(["Alpha", "Beta", "Gamma"].every((n) => names.includes(n)), "all three groups paginated");

// requestWithResponse also hands back the Response, for headers such as the rate limit.
const { data, response } = await okta.requestWithResponse<MiniGroup[]>({
  method: "GET",
  path: "/api/v1/groups",
  query: { q: "Gam" },
});
console.log(
  `GET ?q=Gam -> ${response.status}, ${data.length} group, rate limit remaining ${
    response.headers.get("x-rate-limit-remaining")
  }`,
);
check(
  response.status === 200 && data.length === 1 && data[0].profile.name === "Gamma",
  "query string is sent",
);

await okta.request({ method: "DELETE", path: `/api/v1/groups/${data[0].id}`, responseType: "none" });
const left = await okta.paginate<MiniGroup>({ method: "GET", path: "/api/v1/groups", query: { q: "Gam" } })
  .toArray();
console.log(`after DELETE: ${left.length} groups match "Gam"`);
check(left.length === 0, "the group was deleted");
