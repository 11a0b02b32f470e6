/**
 * Type-level checks (run by `deno check`, never executed): a tail's cursor and pages are typed with the
 * generated `LogEvent`, and a list's failure carries the items read, typed as the list's items.
 */
import { type LogPage, type LogTailError, type Okta, settle } from "../../mod.ts";
import type { Models } from "../../mod.ts";
import { type Equal, expectType } from "./_assert.ts";

declare const okta: Okta;

export async function tail(): Promise<void> {
  const events = okta.tailLogs({ from: "https://example.okta.com/api/v1/logs?after=x" });
  const cursor: string = events.cursor;
  void cursor;
  for await (const page of events.pages()) {
    expectType<Equal<typeof page, LogPage<Models.LogEvent>>>();
  }
  const error = {} as LogTailError;
  const resume: string = error.cursor;
  void resume;
}

export async function settledList(): Promise<void> {
  const result = await settle(okta.user.listUsers());
  if (!result.ok) {
    expectType<Equal<typeof result.items, Models.User[] | undefined>>();
    const from: string | undefined = result.resumeCursor;
    void from;
  }
}
