/**
 * Type-level checks (run by `deno check`, never executed): `.withResponse()` and `settle()` are typed, and a
 * settled result's `data` is narrowed only once its `error` (or `ok`) has been checked.
 */
import { type Okta, type OktaCall, type OktaError, type Result, settle } from "../../mod.ts";
import type { Models } from "../../mod.ts";
import { type Equal, expectType } from "./_assert.ts";

declare const okta: Okta;

export async function withResponse(): Promise<void> {
  const { data, response } = await okta.user.getUser("00u1").withResponse();
  const login: string | undefined = data.profile?.login;
  const status: number = response.status;
  const asPromise: Promise<Models.UserGetSingleton> = okta.user.getUser("00u1");
  const call: OktaCall<Models.UserGetSingleton> = okta.user.getUser("00u1");
  void [login, status, asPromise, call];
}

export async function settled(): Promise<void> {
  const { data, error } = await settle(okta.user.getUser("00u1"));
  // @ts-expect-error `data` may be undefined until `error` is checked
  void data.id;
  if (error) {
    const message: string = error.message;
    // @ts-expect-error no data on failure
    void data.id;
    void message;
    return;
  }
  const id: string | undefined = data.id;
  void id;

  const list = await settle(okta.group.listGroups(), { max: 10 });
  if (list.ok) {
    const names: (string | undefined)[] = list.data.map((g) => g.profile?.name);
    void names;
  }
  // @ts-expect-error a list settles to an array of items, not a page
  const wrong: Models.Group = (await settle(okta.group.listGroups())).data!;
  void wrong;
}

export async function settledOnOk(): Promise<void> {
  const result = await settle(okta.user.getUser("00u1"));
  expectType<Equal<typeof result, Result<Models.UserGetSingleton>>>();
  // @ts-expect-error `response` may be undefined until `ok` is checked
  void result.response.status;
  if (result.ok) {
    expectType<Equal<typeof result.data, Models.UserGetSingleton>>();
    expectType<Equal<typeof result.error, undefined>>();
    expectType<Equal<typeof result.response, Response>>();
  } else {
    expectType<Equal<typeof result.data, undefined>>();
    expectType<Equal<typeof result.error, OktaError>>();
    expectType<Equal<typeof result.response, undefined>>();
  }

  const list = await settle(okta.user.listUsers(), { max: 10, maxPages: 1 });
  expectType<Equal<typeof list, Result<Models.User[]>>>();
  if (!list.ok) return;
  expectType<Equal<typeof list.data, Models.User[]>>();
  // @ts-expect-error settle() takes an OktaCall or a list, not a plain promise
  await settle(Promise.resolve(1));
}
