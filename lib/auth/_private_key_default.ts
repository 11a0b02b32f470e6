/**
 * What `#private-key` resolves to on Deno, Bun and Node: the PrivateKey strategy itself, loaded by the
 * client only when `authorizationMode` is `PrivateKey`.
 *
 * @module
 */
export { privateKeyAuth } from "./private_key.ts";
