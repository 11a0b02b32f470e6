/**
 * Type-level checks (run by `deno check` in `npm test`, never executed): request types are strict and
 * response types open. Each `@ts-expect-error` line must be an error, or the check fails.
 */
import type { Models, Okta } from "../../mod.ts";

declare const okta: Okta;

export async function requestEnumsAreClosed(): Promise<void> {
  await okta.userFactor.listYubikeyOtpTokens({ sortOrder: "ASC", sortBy: "created" }).toArray();
  // @ts-expect-error a misspelled value of an enumerated query parameter
  await okta.userFactor.listYubikeyOtpTokens({ sortOrder: "ASCX" }).toArray();
  // @ts-expect-error a value the description does not enumerate
  await okta.applicationCrossAppAccessConnections.getAllCrossAppAccessConnections("0oa1", { status: "ACTIV" })
    .toArray();
  await okta.systemLog.listLogEvents({ sortOrder: "DESCENDING" }).toArray();
  // @ts-expect-error `ASC` is not one of the System Log's sort orders
  await okta.systemLog.listLogEvents({ sortOrder: "ASC" }).toArray();
}

export async function requestBodies(): Promise<void> {
  const bookmark = {
    name: "bookmark",
    label: "Wiki",
    signOnMode: "BOOKMARK",
    settings: { app: { url: "https://wiki.example.com" } },
  } as const;
  await okta.application.createApplication(bookmark);
  // @ts-expect-error `id` is read-only: Okta sets it
  await okta.application.createApplication({ ...bookmark, id: "0oa1" });
  // @ts-expect-error `status` is read-only too
  await okta.application.createApplication({ ...bookmark, status: "ACTIVE" });
  // @ts-expect-error a misspelled enum value in a body
  await okta.application.createApplication({ ...bookmark, signOnMode: "BOOKMARKS" });
  await okta.user.createUser({ profile: { login: "a@example.com", email: "a@example.com" } }, {
    activate: false,
  });
  const profile = { login: "a@example.com", email: "a@example.com" };
  await okta.user.createUser({ profile, credentials: { provider: { type: "OKTA", name: "OKTA" } } });
  // @ts-expect-error a value the description does not enumerate, nested in a create body
  await okta.user.createUser({ profile, credentials: { provider: { type: "OKTAX" } } });
  // @ts-expect-error `status` is the response's, set by Okta: not in a create body
  await okta.user.createUser({ profile, status: "ACTIVE" });
  await okta.groupRule.createGroupRule({ name: "engineering", type: "group_rule" });
  // @ts-expect-error `id` is set by Okta
  await okta.groupRule.createGroupRule({ name: "engineering", id: "0pr1" });
  // @ts-expect-error `lastUpdated` too
  await okta.groupRule.createGroupRule({ name: "engineering", lastUpdated: "2024-01-01T00:00:00.000Z" });
  // @ts-expect-error a closed enum in a create body: `group_rule` is the only type
  await okta.groupRule.createGroupRule({ name: "engineering", type: "group_rules" });
}

export async function requiredBodies(logo: Blob): Promise<void> {
  await okta.applicationLogos.uploadApplicationLogo("0oa1", { file: logo });
  // @ts-expect-error the upload needs its file
  await okta.applicationLogos.uploadApplicationLogo("0oa1");
  // @ts-expect-error the file is required in the body
  await okta.applicationLogos.uploadApplicationLogo("0oa1", {});
}

export async function responsesStayOpen(): Promise<void> {
  const app = await okta.application.getApplication("0oa1");
  const mode: Models.ApplicationSignOnMode = "A_MODE_OKTA_ADDS_LATER"; // response enums accept new values
  if (app.signOnMode === mode) console.log(app.id, app.status);
  const user = await okta.user.getUser("00u1");
  const unknownField: unknown = (user as Record<string, unknown>).somethingNew;
  void unknownField;
}

export async function mediaTypes(): Promise<void> {
  const csr: Models.Csr = await okta.applicationSSOCredentialKey.getCsrForApplication("0oa1", "c1");
  const pkcs10: string = await okta.applicationSSOCredentialKey.getCsrForApplication("0oa1", "c1", {
    accept: "application/pkcs10",
  });
  // @ts-expect-error the PKCS#10 form is text, not a Csr object
  const wrong: Models.Csr = await okta.applicationSSOCredentialKey.getCsrForApplication("0oa1", "c1", {
    accept: "application/pkcs10",
  });
  // @ts-expect-error a media type the operation does not answer
  await okta.applicationSSOCredentialKey.getCsrForApplication("0oa1", "c1", { accept: "text/plain" });
  void [csr, pkcs10, wrong];
}
