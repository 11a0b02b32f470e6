/**
 * What the main entry's `#auth-register` import resolves to on Deno, Bun and Node: nothing. There the client
 * imports the PrivateKey strategy itself the first time a client needs it (`#private-key`), so importing
 * `@oktakit/management` does not load jose and the OAuth code at start-up. Worker and browser bundles
 * resolve `#auth-register` to `auth.ts` instead, which registers the strategy (package.json `imports`).
 *
 * @module
 */
export {};
