/**
 * `getUser` for a login that contains `/`. Okta cannot take such a login in the path
 * (`/api/v1/users/{idOrLogin}`): the call becomes a search on `profile.login`, with the login quoted as
 * Okta's filter syntax asks, and resolves to the one match, or rejects with the 404 `getUser` gives for a
 * user that does not exist.
 *
 * @module
 */
import type { WithResponse } from "./call.ts";
import { OktaApiError } from "./errors.ts";
import type { RequestOptions, Transport } from "./transport.ts";

/** The operation this applies to. */
export const GET_USER = "getUser";

/** Whether `getUser`'s id argument must be looked up by search: a login with a `/` in it. */
export function needsLoginSearch(operationId: string, id: unknown): id is string {
  return operationId === GET_USER && typeof id === "string" && id.includes("/");
}

/** `value` as a double-quoted string of Okta's filter and search expressions. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/["\\]/g, "\\$&")}"`;
}

/**
 * Sends `request` (getUser's, for `login`) as `GET /api/v1/users?search=profile.login eq "…"` and resolves
 * to the user whose login it is.
 */
export async function getUserByLogin<T>(
  transport: Transport,
  request: RequestOptions,
  login: string,
): Promise<WithResponse<T>> {
  const search: RequestOptions = {
    ...request,
    path: "/api/v1/users",
    query: { ...request.query, search: `profile.login eq ${quoteFilterValue(login)}`, limit: 2 },
  };
  const { data, response } = await transport.requestWithResponse<unknown>(search);
  const users = Array.isArray(data) ? data as { profile?: { login?: unknown } }[] : [];
  // `eq` on a login ignores case, as Okta's logins do: prefer the exact spelling if two come back.
  const exact = users.filter((u) => u?.profile?.login === login);
  const match = exact.length === 1 ? exact[0] : users.length === 1 ? users[0] : undefined;
  if (match !== undefined) return { data: match as T, response };
  const origin = response.url ? new URL(response.url).origin : "";
  throw new OktaApiError({
    status: 404,
    method: "GET",
    url: `${origin}${request.path}`,
    headers: response.headers,
    body: JSON.stringify(data ?? null),
    data: {
      errorCode: "E0000007",
      errorSummary: `Not found: Resource not found: ${login} (User)`,
      errorCauses: [],
    },
  });
}
