/**
 * The baseline of `bench/cli.ts`'s export: a plain `fetch` loop over `GET /api/v1/users`, following each
 * `Link: rel="next"`, writing every user as one line of JSON, page by page, to a file: what a script
 * written by hand does, without resumption, progress or retries.
 *
 * `node bench/_raw_export.ts <orgUrl> <token> <file>`
 *
 * @module
 */
import { open } from "node:fs/promises";
import process from "node:process";

const [orgUrl, token, file] = process.argv.slice(2);
const headers = { authorization: `SSWS ${token}`, accept: "application/json" };
const out = await open(file, "w");
let url: string | undefined = `${orgUrl}/api/v1/users?limit=200`;
let count = 0;
while (url) {
  const response: Response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const page = await response.json() as unknown[];
  if (page.length) await out.write(page.map((item) => JSON.stringify(item)).join("\n") + "\n");
  count += page.length;
  url = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("link") ?? "")?.[1];
}
await out.close();
console.log(count);
