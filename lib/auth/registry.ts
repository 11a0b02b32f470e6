/**
 * Where `@oktakit/management/auth` registers the PrivateKey strategy for Worker and browser bundles.
 *
 * @module
 */
import type { PrivateKeyAuthOptions } from "./private_key.ts";
import type { AuthStrategy } from "../seams.ts";

/** Builds the PrivateKey strategy. */
export type PrivateKeyAuthFactory = (
  options: PrivateKeyAuthOptions,
) => AuthStrategy & { prepare(): Promise<void> };

let factory: PrivateKeyAuthFactory | undefined;

/** Registers the PrivateKey strategy (importing `@oktakit/management/auth` does); `undefined` clears it. */
export function registerPrivateKeyAuth(value: PrivateKeyAuthFactory | undefined): void {
  factory = value;
}

/** The registered PrivateKey strategy, if any. */
export function registeredPrivateKeyAuth(): PrivateKeyAuthFactory | undefined {
  return factory;
}
