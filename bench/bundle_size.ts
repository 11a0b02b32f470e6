/**
 * Bundle sizes, minified and gzipped, as a Worker build sees them (esbuild with the `workerd`, `worker`
 * and `browser` conditions): `/core` with one namespace (`UserApi`), the same with `/auth` (PrivateKey
 * mode), and the full `Okta` entry. `node bench/bundle_size.ts`.
 *
 * @module
 */
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname!, "..");
const entries: Record<string, string> = {
  "/core + UserApi": `import { OktaClient } from "./core.ts"; import { UserApi } from "./api/user.ts";
    export const users = new UserApi(new OktaClient());`,
  "/core + UserApi + /auth": `import "./auth.ts"; import { OktaClient } from "./core.ts";
    import { UserApi } from "./api/user.ts"; export const users = new UserApi(new OktaClient());`,
  "the full Okta entry": `import { Okta } from "./mod.ts"; export const okta = new Okta();`,
};

for (const [name, contents] of Object.entries(entries)) {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    write: false,
    logLevel: "error",
  });
  const code = result.outputFiles[0].contents;
  console.log(
    `${name.padEnd(26)} ${(code.length / 1024).toFixed(1).padStart(7)} KB minified, ` +
      `${(gzipSync(code).length / 1024).toFixed(1).padStart(6)} KB gzipped`,
  );
}
