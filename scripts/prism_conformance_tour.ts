/**
 * Drives a scripted tour of every endpoint the fake org implements through a Prism proxy and
 * fails on any violation Prism reports. Run by `scripts/prism_conformance.sh` (Deno). Prism reads the
 * project's extract (`--spec`) with the mends of `spec_prism.ts` applied, written to `.tmp/prism/`.
 *
 * @module
 */
import { createFakeOrg } from "../testing/mod.ts";
import { type Step, tour } from "./prism_conformance_steps.ts";
import { mendForPrism } from "./spec_prism.ts";

function arg(name: string): string {
  const i = Deno.args.indexOf(`--${name}`);
  if (i < 0 || !Deno.args[i + 1]) throw new Error(`missing --${name}`);
  return Deno.args[i + 1];
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** Writes the description Prism reads: the given one, mended for Prism. Returns its path. */
async function prismSpec(path: string): Promise<string> {
  const { spec, mends } = mendForPrism(JSON.parse(await Deno.readTextFile(path)));
  const out = ".tmp/prism/okta-management.prism.json";
  await Deno.mkdir(".tmp/prism", { recursive: true });
  await Deno.writeTextFile(out, JSON.stringify(spec));
  console.log(
    `Prism reads ${out}: ${path} with ${mends.enums} enums deduplicated, ${mends.patterns} (?i) patterns ` +
      `spelled out, ${mends.nullables} nullable: false dropped, ${mends.discriminated} discriminated unions pinned.`,
  );
  return out;
}

const spec = await prismSpec(arg("spec"));
const org = createFakeOrg();
const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, org.handler);
const upstream = `http://127.0.0.1:${server.addr.port}`;
/**
 * Two proxies: "strict" validates our requests as well as the fake's responses; "lenient" skips
 * request validation, for the operations whose request schema no body can satisfy (a `oneOf` of
 * identical branches, a defect the spec README lists: activateFactor, verifyFactor,
 * updateApplicationUser). Responses are validated by both.
 */
const proxies = { strict: startPrism([]), lenient: startPrism(["--validate-request=false"]) };

function startPrism(extra: string[]) {
  const port = freePort();
  const child = new Deno.Command(arg("prism"), {
    args: [
      "proxy",
      spec,
      upstream,
      "--errors",
      "-h",
      "127.0.0.1",
      "-p",
      String(port),
      "-v",
      "warn",
      ...extra,
    ],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  // Drain Prism's output (a full pipe would stall it) and keep the tail for diagnostics.
  const tail: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    (async () => {
      for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
        tail.push(...chunk.split("\n").filter(Boolean));
        tail.splice(0, Math.max(0, tail.length - 40));
      }
    })();
  }
  return { base: `http://127.0.0.1:${port}`, child, tail };
}

async function shutdown(code: number): Promise<never> {
  for (const { child } of Object.values(proxies)) {
    try {
      child.kill("SIGTERM");
    } catch { /* already gone */ }
    await child.status;
  }
  await server.shutdown();
  Deno.exit(code);
}

const auth = { authorization: `SSWS ${org.apiToken}`, accept: "application/json" };
for (const { base, tail } of Object.values(proxies)) {
  let ready = false;
  for (let i = 0; i < 120 && !ready; i++) {
    try {
      const res = await fetch(`${base}/api/v1/groups`, { headers: auth });
      await res.body?.cancel();
      ready = res.status === 200;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  if (!ready) {
    console.error("Prism did not become ready:\n" + tail.join("\n"));
    await shutdown(2);
  }
}

let failures = 0;
let tolerated = 0;
async function run(step: Step): Promise<unknown> {
  const headers: Record<string, string> = { ...auth, ...step.headers };
  if (step.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(proxies[step.lenient ? "lenient" : "strict"].base + step.path, {
    method: step.method,
    headers,
    body: step.body === undefined ? undefined : JSON.stringify(step.body),
  });
  const text = await res.text();
  const violations = res.headers.get("sl-violations");
  const problems: string[] = [];
  if (res.status !== step.expect) problems.push(`status ${res.status}, expected ${step.expect}`);
  if (violations) {
    // Okta answers some statuses the description does not declare (a 400 for a bad `filter` on
    // listUsers); such a step names the status, and only that warning is tolerated.
    const list = JSON.parse(violations) as { severity: string; message: string }[];
    const unexpected = list.filter((v) =>
      !(step.undeclared === res.status && v.severity === "Warning" &&
        /Unable to match the returned status code/.test(v.message))
    );
    if (unexpected.length) problems.push(`sl-violations: ${JSON.stringify(unexpected)}`);
    else tolerated++;
  }
  if (res.headers.get("content-type")?.includes("problem+json")) {
    problems.push(`Prism problem: ${text.slice(0, 1500)}`);
  }
  if (step.control) {
    // Inverted: this answer is broken on purpose, so Prism must have refused it.
    const flagged = res.status === 500 && /problem\+json/.test(res.headers.get("content-type") ?? "");
    problems.length = 0;
    if (!flagged) {
      problems.push(
        `Prism passed a deliberately broken response (status ${res.status}): ${text.slice(0, 300)}`,
      );
    } else console.log(`     (flagged as expected: ${text.slice(0, 240)}…)`);
  }
  const via = step.lenient ? " (lenient)" : "";
  const label = `${step.method} ${step.path.split("?")[0]}${
    step.path.includes("?") ? "?…" : ""
  } → ${res.status}${via}`;
  if (problems.length) {
    failures++;
    console.log(`FAIL ${step.name}: ${label}\n     ${problems.join("\n     ")}`);
  } else {
    console.log(`ok   ${step.name}: ${label}`);
  }
  return text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : undefined;
}

const steps = tour(org);
let count = 0;
for (const step of steps) {
  count++;
  const body = await run(step.build());
  step.after?.(body);
}
console.log(
  `\n${count} requests through Prism, ${failures} with violations, ${tolerated} with a tolerated undeclared status.`,
);
await shutdown(failures ? 1 : 0);
