/**
 * A typed, fetch-only client for Okta's Admin Management API, for Deno, Bun, Node and edge runtimes:
 * {@linkcode Okta} with one namespace per API tag (733 operations), every list an async iterable, retries
 * and rate limits handled as Okta behaves. Bundlers drop the namespaces you do not use.
 *
 * @example List active users
 * ```ts ignore
 * import { Okta } from "@oktakit/management";
 *
 * const okta = new Okta({ orgUrl: "https://dev-123456.okta.com", token: "00aBcD..." });
 * for await (const user of okta.user.listUsers({ search: 'status eq "ACTIVE"' })) {
 *   console.log(user.profile?.login);
 * }
 * ```
 *
 * @module
 */
// Everything, PrivateKey mode included: Worker and browser bundles register it here (`auth.ts`); on Deno, Bun
// and Node the client loads it the first time a client needs it, so this import costs nothing there.
import "#auth-register";

export * from "./core.ts";
export * from "./api/mod.ts";
export type * as Models from "./models/mod.ts";
