/**
 * Type-level checks (run by `deno check`, never executed): a list method's `Paginated` yields its items,
 * its pages and its collected array with the item type, and a typed call's `OktaCall` awaits to the body.
 * Each `@ts-expect-error` line must be an error, or the check fails.
 */
import type { Models, Okta, OktaCall, Page, Paginated, WithResponse } from "../../mod.ts";
import { type Equal, expectType } from "./_assert.ts";

declare const okta: Okta;

export async function paginatedItems(): Promise<void> {
  const users = okta.user.listUsers();
  expectType<Equal<typeof users, Paginated<Models.User>>>();
  for await (const user of users) expectType<Equal<typeof user, Models.User>>();

  const all = await users.toArray({ max: 500, maxPages: 3 });
  expectType<Equal<typeof all, Models.User[]>>();

  // @ts-expect-error a list is not a promise of its items: collect it with toArray()
  const awaited: Models.User[] = await users;
  void awaited;
}

export async function paginatedPages(): Promise<void> {
  for await (const page of okta.group.listGroups().pages({ maxPages: 2, from: "https://x/api/v1/groups" })) {
    expectType<Equal<typeof page, Page<Models.Group>>>();
    expectType<Equal<typeof page.items, Models.Group[]>>();
    const facts: [Response, number, string | undefined, string | undefined] = [
      page.response,
      page.number,
      page.after,
      page.resumeCursor,
    ];
    void facts;
  }
  // @ts-expect-error `max` counts items: pages() takes `maxPages`
  okta.group.listGroups().pages({ max: 10 });
  // @ts-expect-error toArray() collects items, not pages
  const pages: Page<Models.Group>[] = await okta.group.listGroups().toArray();
  void pages;
}

export async function paginatedProfileType(): Promise<void> {
  type Profile = Models.UserProfile & { costCenter: string };
  for await (const user of okta.user.listUsers<Profile>()) {
    const costCenter: string | undefined = user.profile?.costCenter;
    // @ts-expect-error the profile type is the one given, not an open record of numbers
    const wrong: number | undefined = user.profile?.costCenter;
    void [costCenter, wrong];
  }
}

export async function oktaCallBody(): Promise<void> {
  const call = okta.user.getUser("00u1");
  expectType<Equal<typeof call, OktaCall<Models.UserGetSingleton>>>();
  const user = await call;
  expectType<Equal<typeof user, Models.UserGetSingleton>>();

  const full = await call.withResponse();
  expectType<Equal<typeof full, WithResponse<Models.UserGetSingleton>>>();
  expectType<Equal<typeof full.response, Response>>();

  const id = call.then((u) => u.id);
  expectType<Equal<typeof id, Promise<string | undefined>>>();
  const recovered = call.catch(() => null);
  expectType<Equal<typeof recovered, Promise<Models.UserGetSingleton | null>>>();

  const nothing = await okta.user.deleteUser("00u1");
  expectType<Equal<typeof nothing, void>>();

  // @ts-expect-error withResponse() gives `{ data, response }`, not the body
  void (await call.withResponse()).id;
  // @ts-expect-error the call itself has no body members: await it first
  void call.id;
}
