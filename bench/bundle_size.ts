/**
 * Benchmark: bundle sizes, minified and gzipped, as esbuild builds them for a Worker (conditions `workerd`,
 * `worker`, `browser`) and for Node: `/core` with one namespace (`UserApi`), with `/auth` added, and the
 * full entry with `Okta`. Run with Node 24: `node_modules/.bin/node bench/bundle_size.ts`.
 *
 * @module
 */
import { build } from "esbuild";
import { gzipSync } from "node:zlib";

const ROOT = new URL("../", import.meta.url).pathname;

const ENTRIES: [name: string, code: string][] = [
  [
    "/core + UserApi",
    `import { OktaClient } from "./core.ts"; import { UserApi } from "./api/user.ts";
     export const users = new UserApi(new OktaClient());`,
  ],
  [
    "/core + /auth + UserApi",
    `import "./auth.ts"; import { OktaClient } from "./core.ts"; import { UserApi } from "./api/user.ts";
     export const users = new UserApi(new OktaClient());`,
  ],
  ["full entry (Okta)", `import { Okta } from "./mod.ts"; export const okta = new Okta();`],
];

const TARGETS: [name: string, options: { platform: "browser" | "node"; conditions: string[] }][] = [
  ["worker", { platform: "browser", conditions: ["workerd", "worker", "browser"] }],
  ["node", { platform: "node", conditions: [] }],
];

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
for (const [target, options] of TARGETS) {
  for (const [name, contents] of ENTRIES) {
    const result = await build({
      stdin: { contents, resolveDir: ROOT, loader: "ts", sourcefile: "entry.ts" },
      bundle: true,
      minify: true,
      format: "esm",
      write: false,
      target: "es2022",
      logLevel: "error",
      ...options,
    });
    const bytes = result.outputFiles[0].contents;
    console.log(
      `${target.padEnd(6)} ${name.padEnd(24)} ${kb(bytes.length)} min ${kb(gzipSync(bytes).length)} gzip`,
    );
  }
}
