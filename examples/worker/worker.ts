/**
 * A Cloudflare Worker that reads users from Okta: `GET /` lists the first 20 logins, `GET /?login=x` returns
 * one user. Workers have no files or environment variables to read, so the client takes its options from
 * the Worker's `env` (a `[vars]` entry and a secret, see wrangler.toml; or workerd bindings, see
 * config.capnp). The client is made once per isolate and reused by every request it serves.
 *
 * Tested by scripts/run_examples.sh: bundled as below and served by workerd against the fake org.
 *
 * @module
 */
import { OktaClient } from "@oktakit/management/core";
import { UserApi } from "@oktakit/management/api/user";
// For PrivateKey mode, add once: import "@oktakit/management/auth";

/** The Worker's bindings: the org URL as a variable, the API token as a secret. */
export interface Env {
  OKTA_CLIENT_ORGURL: string;
  OKTA_CLIENT_TOKEN: string;
}

let users: UserApi | undefined;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    users ??= new UserApi(new OktaClient({ orgUrl: env.OKTA_CLIENT_ORGURL, token: env.OKTA_CLIENT_TOKEN }));
    const login = new URL(request.url).searchParams.get("login");
    if (login) return Response.json(await users.getUser(login));
    const first = await users.listUsers({ limit: 20 }).toArray({ max: 20 });
    return Response.json(first.map((user) => user.profile?.login));
  },
};
