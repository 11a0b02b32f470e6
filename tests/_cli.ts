/**
 * Running the `oktakit` command as a child process of the runtime the tests run on (Deno, Bun or Node),
 * against a fake org served over loopback HTTP from the test process, with an environment and a home of
 * its own (so no `~/.okta/okta.yaml` of the machine is read). Node modules are imported lazily: workerd,
 * which runs no child process, skips these tests and must still load the files.
 */
import type { FakeOrg } from "../testing/mod.ts";

const runtime = globalThis as unknown as {
  Deno?: { execPath(): string };
  Bun?: unknown;
  process?: { execPath: string };
  navigator?: { userAgent?: string };
};

/** Why the CLI tests cannot run here, or `false`. */
export const noCli: string | false = runtime.navigator?.userAgent?.startsWith("Cloudflare-Workers")
  ? "workerd runs no child processes (the oktakit command is tested as one)"
  : !runtime.Deno && !runtime.Bun && !runtime.process?.execPath
  ? "no runtime binary to run the oktakit command with"
  : false;

// Resolved when used: in a workerd bundle, import.meta.url is no URL to resolve against.
const path = (relative: string) => decodeURIComponent(new URL(`../${relative}`, import.meta.url).pathname);

/** The command line that runs `cli/main.ts` on this runtime. */
function command(): [string, string[]] {
  if (runtime.Deno) {
    // The child runs in a temporary folder: it finds the project's import map only if told where it is.
    return [runtime.Deno.execPath(), ["run", "-A", "--config", path("deno.json"), path("cli/main.ts")]];
  }
  return [runtime.process!.execPath, [path("cli/main.ts")]];
}

/** What a finished run gave. */
export interface CliResult {
  /** The exit code (130 for an interruption). */
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of {@linkcode runCli}. */
export interface RunOptions {
  /** Environment variables added to the child's own (credentials for the org, mostly). */
  env?: Record<string, string>;
  /** The working folder (default: a fresh temporary one). */
  cwd?: string;
  /** Text written to the child's stdin. */
  stdin?: string;
  /** Called every 20 ms while the child runs; returning true sends it SIGINT (once). */
  interruptWhen?: () => boolean | Promise<boolean>;
}

/** A temporary folder, removed when the process exits... or by {@linkcode removeDir}. */
export async function tempDir(): Promise<string> {
  const { mkdtemp } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  return await mkdtemp(join(tmpdir(), "oktakit-cli-test-"));
}

/** Removes a folder made by {@linkcode tempDir}. */
export async function removeDir(dir: string): Promise<void> {
  const { rm } = await import("node:fs/promises");
  await rm(dir, { recursive: true, force: true });
}

/** Runs `oktakit ...args` and waits for it to end. */
export async function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const { spawn } = await import("node:child_process");
  const proc = (await import("node:process")).default;
  const cwd = options.cwd ?? await tempDir();
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(proc.env)) {
    // The machine's own Okta configuration must not leak into a test.
    if (value !== undefined && !key.startsWith("OKTA_")) env[key] = value;
  }
  Object.assign(env, { HOME: cwd, USERPROFILE: cwd, DENO_NO_UPDATE_CHECK: "1" }, options.env);
  const [bin, prefix] = command();
  const child = spawn(bin, [...prefix, ...args], { cwd, env, stdio: ["pipe", "pipe", "pipe"] });
  const out: Uint8Array[] = [];
  const err: Uint8Array[] = [];
  child.stdout.on("data", (chunk: Uint8Array) => out.push(chunk));
  child.stderr.on("data", (chunk: Uint8Array) => err.push(chunk));
  child.stdin.on("error", () => {}); // a child that exits before reading stdin
  child.stdin.end(options.stdin ?? "");
  let timer: ReturnType<typeof setInterval> | undefined;
  if (options.interruptWhen) {
    let busy = false;
    timer = setInterval(async () => {
      if (busy) return;
      busy = true;
      try {
        if (await options.interruptWhen!()) {
          clearInterval(timer);
          child.kill("SIGINT");
        }
      } finally {
        busy = false;
      }
    }, 20);
  }
  const code = await new Promise<number>((resolve) => {
    child.on(
      "close",
      (status: number | null, signal: string | null) => resolve(status ?? (signal ? 128 + 2 : 1)),
    );
  });
  clearInterval(timer);
  const decode = (chunks: Uint8Array[]) => new TextDecoder().decode(concat(chunks));
  return { code, stdout: decode(out), stderr: decode(err) };
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}

/** A fake org served on loopback. */
export interface ServedOrg {
  org: FakeOrg;
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** The environment that points the command at the org with its API token. */
  env: Record<string, string>;
  /**
   * When set, called with each request after the org handled it: returning true holds the answer back
   * (the work was done; the answer never comes, and the connection is dropped after 3 s). A reset straight
   * away would not do: Deno's fetch sends a request again by itself, POSTs included, when a reused
   * connection is reset (denoland/deno#35610).
   */
  dropAnswer?: (method: string, url: string, body: string) => boolean;
  /** When set, told of each request as it arrives, before the org handles it. */
  onRequest?: (method: string, url: string) => void;
  close(): Promise<void>;
}

/** Serves the org `create` makes for the served origin (`node:http`, which Deno, Bun and Node all have). */
export async function serveOrg(create: (origin: string) => FakeOrg): Promise<ServedOrg> {
  const http = await import("node:http");
  // Filled in once the port is known; the handler reads it per request.
  const served = {} as ServedOrg;
  const server = http.createServer(async (req, res) => {
    res.on("error", () => {});
    served.onRequest?.(req.method!, req.url!);
    const chunks: Uint8Array[] = [];
    for await (const chunk of req) chunks.push(chunk as Uint8Array);
    const body = chunks.length ? concat(chunks) : undefined;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(name, value);
    }
    const request = new Request(`${served.origin}${req.url}`, {
      method: req.method,
      headers,
      body: body as BodyInit | undefined,
    });
    let response: Response;
    try {
      response = await served.org.handler(request);
    } catch {
      req.socket.destroy(); // a network fault the org was told to simulate
      return;
    }
    const text = body ? new TextDecoder().decode(body) : "";
    if (served.dropAnswer?.(req.method!, req.url!, text)) {
      await response.body?.cancel();
      setTimeout(() => req.socket.destroy(), 3000);
      return;
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    const out: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      // Link lines are sent one per header line, as Okta does.
      out[name] = name === "link" ? value.split(/,\s*(?=<)/) : value;
    });
    res.writeHead(response.status, out).end(bytes);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const org = create(origin);
  Object.assign(served, {
    org,
    origin,
    env: {
      OKTA_CLIENT_ORGURL: origin,
      OKTA_CLIENT_TOKEN: org.apiToken,
      OKTA_TESTING_DISABLEHTTPSCHECK: "true",
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  });
  return served;
}

/** A test user's profile. */
export function person(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    login: `user${String(i).padStart(4, "0")}@example.com`,
    email: `user${String(i).padStart(4, "0")}@example.com`,
    firstName: `First${i}`,
    lastName: `Last${i}`,
    ...extra,
  };
}

/** Reads a text file. */
export async function readText(file: string): Promise<string> {
  const { readFile } = await import("node:fs/promises");
  return await readFile(file, "utf8");
}

/** Writes a text file. */
export async function writeText(file: string, text: string): Promise<void> {
  const { writeFile } = await import("node:fs/promises");
  await writeFile(file, text);
}

/** Whether a file exists. */
export async function exists(file: string): Promise<boolean> {
  const { access } = await import("node:fs/promises");
  return await access(file).then(() => true, () => false);
}

/** The lines of NDJSON text, parsed. */
export function ndjson<T = Record<string, unknown>>(text: string): T[] {
  return text.split("\n").filter((line) => line.trim() !== "").map((line) => JSON.parse(line));
}

/** Control characters other than line feed and tab (escape sequences, carriage returns). */
// deno-lint-ignore no-control-regex -- control characters are what it looks for
export const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/;
