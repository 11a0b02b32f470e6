/**
 * OAuth 2.0 for service apps (private-key JWT, DPoP). The client loads this by itself on Deno, Bun and
 * Node when `authorizationMode` is `PrivateKey`; Worker and browser bundles leave it out unless you import
 * this entry once, so bundles that use API tokens stay small.
 *
 * @example PrivateKey mode in a Cloudflare Worker
 * ```ts ignore
 * import "@oktakit/management/auth";
 * import { Okta } from "@oktakit/management";
 *
 * export default {
 *   async fetch(_request: Request, env: { OKTA_ORG: string; OKTA_CLIENT_ID: string; OKTA_KEY: string }) {
 *     const okta = new Okta({
 *       orgUrl: env.OKTA_ORG,
 *       authorizationMode: "PrivateKey",
 *       clientId: env.OKTA_CLIENT_ID,
 *       scopes: ["okta.users.read"],
 *       privateKey: env.OKTA_KEY,
 *     });
 *     return Response.json(await okta.user.listUsers({ limit: 5 }).toArray({ max: 5 }));
 *   },
 * };
 * ```
 *
 * @module
 */
import { privateKeyAuth } from "./lib/private_key_auth.ts";
import { registerPrivateKeyAuth } from "./lib/auth/registry.ts";

registerPrivateKeyAuth(privateKeyAuth);

export { privateKeyAuth } from "./lib/private_key_auth.ts";
export { PrivateKeyAuth, type PrivateKeyAuthOptions } from "./lib/auth/private_key.ts";
