/** A minimal SSWS caller for the fake org's tests: JSON in, status, headers, parsed body and next link out. */
import type { FakeOrg } from "../testing/mod.ts";

/** One answer of the fake org, its body parsed (JSON of any shape, hence `any`). */
// deno-lint-ignore no-explicit-any
export type Reply = { status: number; headers: Headers; body: any; next: string | undefined };

/**
 * A caller authorized with the org's API token: `path` is below the org URL (or an absolute URL, such as
 * a next link); an object `body` is sent as JSON, a string as it is.
 */
export function sswsClient(org: FakeOrg, prefix = "") {
  return async (method: string, pathOrUrl: string, body?: unknown): Promise<Reply> => {
    const url = pathOrUrl.startsWith("http") ? pathOrUrl : org.orgUrl + prefix + pathOrUrl;
    const res = await org.fetch(url, {
      method,
      headers: { authorization: `SSWS ${org.apiToken}`, "content-type": "application/json" },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    const next = (res.headers.get("link") ?? "").match(/<([^>]+)>; rel="next"/)?.[1];
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined, next };
  };
}
