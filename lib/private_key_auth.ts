/**
 * The public `privateKeyAuth`: the PrivateKey strategy with an attempt loop of its own, for use without a
 * client (`@oktakit/management/auth`). A client hands the strategy its own loop instead.
 *
 * @module
 */
import {
  type PrivateKeyAuth,
  privateKeyAuth as strategy,
  type PrivateKeyAuthOptions,
} from "./auth/private_key.ts";
import { attemptRunner } from "./http/attempts.ts";
import { silentLogger } from "./log.ts";

/**
 * Creates the `PrivateKey` authentication strategy. Token requests go through the same attempt loop and
 * retry policy as a client's calls, with `maxRetries` (default 2), unless `attempts` is given.
 *
 * @example
 * ```ts ignore
 * import { privateKeyAuth } from "@oktakit/management/auth";
 * const auth = privateKeyAuth({
 *   orgUrl: "https://example.okta.com",
 *   clientId: "0oa1abcdefghijklmnop",
 *   scopes: ["okta.users.read"],
 *   privateKey: Deno.env.get("OKTA_CLIENT_PRIVATEKEY")!,
 *   fetch,
 * });
 * const request = new Request("https://example.okta.com/api/v1/users?limit=1");
 * await auth.authorize(request);
 * const response = await fetch(request);
 * ```
 */
export function privateKeyAuth(options: PrivateKeyAuthOptions): PrivateKeyAuth {
  return strategy({
    ...options,
    attempts: options.attempts ??
      attemptRunner({
        maxRetries: options.maxRetries ?? 2,
        logger: options.logger ?? silentLogger,
        waitPolicy: {},
      }),
  });
}
