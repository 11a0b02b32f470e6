/**
 * The fault run: the fake org served over real HTTP (node:http, on Node, Bun and Deno) behind a layer
 * that misbehaves on purpose, and the client calling it through every fault: 429s (reset ahead, past,
 * missing, duplicated, an hour away), 502/503/504, a reset before any answer and one mid-body, a hang,
 * garbled, HTML and empty 200s, redirects on the org and away from it, an endless body and one that trickles a
 * byte every 2 s; the stale-cache race (a cached GET answered before a write, arriving after its eviction); and
 * a rate-limit store that rejects, throws, answers garbage, hangs, or fails and recovers. Every GET carries a
 * secret in its query string (`?code=`). For every call it checks:
 *
 * - an idempotent call succeeds or ends in a typed error (`isOktaError`) within its `requestTimeout`;
 * - a POST is never processed twice, and never sent twice except after a 429 (which Okta did not process);
 * - no credential (API token, access token, DPoP proof, client assertion) shows in a log line, an error
 *   message, a stack, the cause chain, `JSON.stringify` or the runtime's inspection of the error.
 *
 * Run: `node scripts/fault_run.ts`, `bun scripts/fault_run.ts`, `deno run -A scripts/fault_run.ts`;
 * `FAULT_RUN_ONLY=body` runs only the scenarios whose name contains `body`. Exits 1 when any check fails.
 *
 * @module
 */
import http from "node:http";
import process from "node:process";
import { inspect } from "node:util";
import {
  isOktaError,
  type Logger,
  memoryRateLimitStore,
  OktaClient,
  type OktaClientOptions,
  type RateLimitStore,
} from "../mod.ts";
import { createFakeOrg } from "../testing/mod.ts";
import { testKeys } from "../tests/fixtures/keys/test_keys.ts";

type Fault =
  | { kind: "status"; status: number; headers?: () => Record<string, string>; body?: string; type?: string }
  | { kind: "reset-before" | "reset-mid" | "hang" | "endless-body" | "slow-body" }
  | { kind: "redirect"; status: number; to: "same" | "foreign" };

interface Scenario {
  name: string;
  fault: Fault;
  /** How many API requests the fault hits (Infinity: all of them). */
  times: number;
}

const REQUEST_TIMEOUT_S = 6;
const CONNECTION_TIMEOUT_S = 1;
const BODY_IDLE_TIMEOUT_S = 1;
/** A secret in every GET's query string: it must show nowhere (`?code=` of an OAuth callback, say). */
const QUERY_SECRET = `query-secret-${crypto.randomUUID()}`;
const MiB = 1024 * 1024;
/** The most an endless body sent to one call, in bytes. */
let endlessSent = 0;
const epoch = () => Math.floor(Date.now() / 1000);
const okta429 =
  '{"errorCode":"E0000047","errorSummary":"API call exceeded rate limit due to too many requests."}';
const limited = (reset: () => string | undefined): Fault => ({
  kind: "status",
  status: 429,
  body: okta429,
  headers: () => {
    const value = reset();
    return {
      "x-rate-limit-limit": "600",
      "x-rate-limit-remaining": "0",
      ...(value ? { "x-rate-limit-reset": value } : {}),
    };
  },
});

const allScenarios: Scenario[] = [
  { name: "429, reset 2 s ahead", fault: limited(() => String(epoch() + 2)), times: 1 },
  { name: "429, reset in the past", fault: limited(() => String(epoch() - 30)), times: 1 },
  { name: "429, reset missing", fault: limited(() => undefined), times: 1 },
  { name: "429, reset duplicated", fault: limited(() => `${epoch() + 40}, ${epoch() + 1}`), times: 1 },
  { name: "429, reset an hour ahead", fault: limited(() => String(epoch() + 3600)), times: Infinity },
  { name: "429, reset in ms", fault: limited(() => String(Date.now() + 1000)), times: 1 },
  { name: "429 always", fault: limited(() => String(epoch())), times: Infinity },
  {
    name: "502 once",
    fault: { kind: "status", status: 502, body: "<html>Bad Gateway</html>", type: "text/html" },
    times: 1,
  },
  {
    name: "503, Retry-After 1",
    fault: { kind: "status", status: 503, body: "", headers: () => ({ "retry-after": "1" }) },
    times: 1,
  },
  { name: "504 always", fault: { kind: "status", status: 504, body: "" }, times: Infinity },
  { name: "reset before any answer, once", fault: { kind: "reset-before" }, times: 1 },
  { name: "reset before any answer, always", fault: { kind: "reset-before" }, times: Infinity },
  { name: "reset mid-body, once", fault: { kind: "reset-mid" }, times: 1 },
  { name: "reset mid-body, always", fault: { kind: "reset-mid" }, times: Infinity },
  { name: "hang, once", fault: { kind: "hang" }, times: 1 },
  { name: "hang, always", fault: { kind: "hang" }, times: Infinity },
  {
    name: "garbled JSON 200",
    fault: { kind: "status", status: 200, body: '{"id": "00u', type: "application/json" },
    times: 1,
  },
  {
    name: "HTML 200",
    fault: { kind: "status", status: 200, body: "<html>Sign in</html>", type: "text/html" },
    times: 1,
  },
  { name: "empty 200", fault: { kind: "status", status: 200, body: "", type: "application/json" }, times: 1 },
  { name: "redirect, same origin", fault: { kind: "redirect", status: 302, to: "same" }, times: 1 },
  { name: "redirect 307, same origin", fault: { kind: "redirect", status: 307, to: "same" }, times: 1 },
  { name: "redirect 308, another origin", fault: { kind: "redirect", status: 308, to: "foreign" }, times: 1 },
  { name: "endless body (past 64 MiB)", fault: { kind: "endless-body" }, times: 1 },
  { name: "slow body (a byte every 2 s)", fault: { kind: "slow-body" }, times: 1 },
];
const scenarios = allScenarios.filter((scenario) => scenario.name.includes(process.env.FAULT_RUN_ONLY ?? ""));

// --- servers ------------------------------------------------------------------------------------

const secrets = new Set<string>([QUERY_SECRET]);
let current: { scenario: Scenario; left: number } | undefined;
/** Per POST login: how often it was sent, sent again after something other than a 429, and processed. */
const posts = new Map<
  string,
  { sent: number; answered429: number; processed: number }
>();
/** Per POST login: how many times the client's fetch was called with it. */
const clientSends = new Map<string, number>();
/** Counts the client's own sends of each POST, then sends with the runtime's fetch. */
const countingFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  if (request.method === "POST" && new URL(request.url).pathname.startsWith("/api/")) {
    const login = loginOf(new Uint8Array(await request.clone().arrayBuffer()));
    if (login) clientSends.set(login, (clientSends.get(login) ?? 0) + 1);
  }
  return await fetch(request);
};
let foreignHits = 0;

const foreign = await listen((_request, response) => {
  foreignHits++;
  response.end("{}");
});
let orgOrigin = "";
const org = await listen(async (request, response) => {
  const body = await readAll(request);
  const url = new URL(request.url ?? "/", orgOrigin);
  collectSecrets(request, body);
  const api = url.pathname.startsWith("/api/");
  const fault = api && current && current.left > 0 && url.searchParams.get("redirected") !== "1"
    ? current.scenario.fault
    : undefined;
  if (fault) current!.left--;
  const login = request.method === "POST" && api ? loginOf(body) : undefined;
  const post = login === undefined
    ? undefined
    : posts.get(login) ?? { sent: 0, answered429: 0, processed: 0 };
  if (post && login) {
    post.sent++;
    posts.set(login, post);
  }
  const answered = (status: number) => post && status === 429 && post.answered429++;
  if (fault?.kind === "reset-before") return void request.socket.destroy();
  if (fault?.kind === "endless-body") {
    response.writeHead(200, { "content-type": "application/json", date: new Date().toUTCString() });
    const chunk = new Uint8Array(MiB).fill(0x20);
    let sent = 0;
    // Written as fast as the client reads, until it stops reading (or 256 MiB, a bound for the run itself).
    const more = () => {
      while (!response.destroyed && sent < 256 * MiB) {
        sent += chunk.length;
        endlessSent = Math.max(endlessSent, sent);
        if (!response.write(chunk)) return void response.once("drain", more);
      }
      response.end();
    };
    response.on("close", () => (sent = Infinity));
    return more();
  }
  if (fault?.kind === "slow-body") {
    response.writeHead(200, { "content-type": "application/json", date: new Date().toUTCString() });
    response.write("{");
    const timer = setInterval(() => response.write(" "), 2000);
    response.on("close", () => clearInterval(timer));
    return;
  }
  if (fault?.kind === "hang") return void answered(0);
  if (fault?.kind === "status") {
    answered(fault.status);
    response.writeHead(fault.status, {
      "content-type": fault.type ?? "application/json",
      date: new Date().toUTCString(),
      "x-okta-request-id": `fault-${Date.now()}`,
      ...fault.headers?.(),
    });
    return void response.end(fault.body ?? "");
  }
  if (fault?.kind === "redirect") {
    answered(fault.status);
    const location = fault.to === "same" ? `${url.pathname}?redirected=1` : `${foreign.origin}/collect`;
    response.writeHead(fault.status, { location });
    return void response.end();
  }
  // The org itself: a POST that reaches it is processed.
  if (post) post.processed++;
  const answer = await fakeOrg.handler(
    new Request(url, {
      method: request.method,
      headers: headersOf(request),
      body: body.length ? body : undefined,
    }),
  );
  answered(answer.status);
  const text = new Uint8Array(await answer.arrayBuffer());
  response.writeHead(answer.status, Object.fromEntries(answer.headers));
  if (fault?.kind === "reset-mid") {
    response.write(text.slice(0, Math.max(1, text.length >> 1)));
    setTimeout(() => request.socket.destroy(), 10);
    return;
  }
  response.end(text);
});
orgOrigin = org.origin;

const { ec } = await testKeys();
const fakeOrg = createFakeOrg({
  orgUrl: orgOrigin,
  clock: "real",
  oauth: {
    clients: [{
      clientId: "0oafaultrun",
      publicJwk: ec.publicJwk,
      scopes: ["okta.users.read", "okta.users.manage"],
      requireDpop: true,
    }],
  },
});
secrets.add(fakeOrg.apiToken);
secrets.add(ec.privateJwk.d!);
const [seeded] = fakeOrg.seed({
  users: [{
    profile: { login: "ada@example.com", email: "ada@example.com", firstName: "Ada", lastName: "L" },
  }],
}).userIds;

// --- the run ------------------------------------------------------------------------------------

interface Outcome {
  scenario: string;
  mode: string;
  call: "GET" | "POST";
  result: string;
  ms: number;
  problems: string[];
  note: string;
}
const outcomes: Outcome[] = [];
const modes: [string, Partial<OktaClientOptions>][] = [
  ["SSWS", { token: fakeOrg.apiToken }],
  ["PrivateKey+DPoP", {
    authorizationMode: "PrivateKey",
    clientId: "0oafaultrun",
    scopes: ["okta.users.read", "okta.users.manage"],
    privateKey: ec.privateJwk,
  }],
];
let serial = 0;
let runtimeResends = 0;
for (const [mode, auth] of modes) {
  for (const scenario of scenarios) {
    for (const call of ["GET", "POST"] as const) {
      const lines: string[] = [];
      const okta = new OktaClient({
        orgUrl: orgOrigin,
        testing: { disableHttpsCheck: true },
        sources: false,
        connectionTimeout: CONNECTION_TIMEOUT_S,
        requestTimeout: REQUEST_TIMEOUT_S,
        bodyIdleTimeout: BODY_IDLE_TIMEOUT_S,
        rateLimit: { maxRetries: 2 },
        logging: { enabled: true, logLevel: "DEBUG", logger: recorder(lines) },
        fetch: countingFetch,
        ...auth,
      });
      await okta.ready();
      // A token first, outside the fault, so the faults hit the API call itself.
      if (mode !== "SSWS") await okta.request({ method: "GET", path: `/api/v1/users/${seeded}` });
      current = { scenario, left: scenario.times };
      const login = `fault${++serial}@example.com`;
      const started = Date.now();
      let result = "ok";
      let error: unknown;
      try {
        if (call === "GET") {
          await okta.request({
            method: "GET",
            path: `/api/v1/users/${seeded}`,
            query: { code: QUERY_SECRET },
          });
        } else {
          await okta.request({
            method: "POST",
            path: "/api/v1/users",
            query: { activate: false },
            body: { profile: { login, email: login, firstName: "F", lastName: "R" } },
          });
        }
      } catch (caught) {
        error = caught;
        result = isOktaError(caught) ? caught.code : `UNTYPED ${(caught as Error)?.name}`;
      }
      const ms = Date.now() - started;
      current = undefined;
      const problems: string[] = [];
      if (result.startsWith("UNTYPED")) problems.push(`untyped failure: ${String(error)}`);
      if (ms > REQUEST_TIMEOUT_S * 1000 + 500) problems.push(`took ${ms} ms, over requestTimeout`);
      const post = posts.get(login);
      if (call === "POST" && post && post.processed > 1) {
        problems.push(`POST processed ${post.processed} times`);
      }
      const byClient = clientSends.get(login) ?? 0;
      let note = "";
      if (call === "POST" && post) {
        // The client may send a POST again only after a 429 (Okta did not process it).
        if (byClient > 1 + post.answered429) {
          problems.push(`the client sent the POST ${byClient} times after ${post.answered429} 429(s)`);
        }
        if (post.sent > byClient) {
          runtimeResends++;
          note = `(the runtime's HTTP stack sent it ${post.sent - byClient} more time(s) on its own)`;
        }
      }
      const shown = [...lines, ...(error === undefined ? [] : shownAs(error))];
      for (const secret of secrets) {
        if (secret.length >= 8 && shown.some((text) => text.includes(secret))) {
          problems.push(`credential shown (${secret.slice(0, 4)}...)`);
        }
      }
      outcomes.push({ scenario: scenario.name, mode, call, result, ms, problems, note });
      // Let a hung or reset connection's timers settle before the next scenario.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
if ("stale-cache race".includes(process.env.FAULT_RUN_ONLY ?? "")) outcomes.push(await staleCacheRace());

// --- the store outage ---------------------------------------------------------------------------
// A rate-limit store shared across processes (Redis, Deno KV) fails, hangs and answers garbage in
// production. 12 calls at once (more than the 10 in flight allowed, so one leaked count would stop the
// rest), then 3 more: each must succeed within requestTimeout, a POST must reach the org once, and the
// outage is logged once.
const failing = (fail: () => unknown): RateLimitStore => ({ update: () => fail() as never });
const recovering = (): RateLimitStore => {
  const inner = memoryRateLimitStore();
  let failures = 10;
  return {
    update: (bucket, change) =>
      failures-- > 0
        ? Promise.reject(new Error("redis down"))
        : Promise.resolve(inner.update(bucket, change)),
  };
};
const storeFaults: [string, () => RateLimitStore][] = [
  ["store rejects (redis down)", () => failing(() => Promise.reject(new Error("redis down")))],
  ["store throws", () =>
    failing(() => {
      throw new Error("redis down");
    })],
  ["store answers undefined", () => failing(() => Promise.resolve(undefined))],
  ["store answers {}", () => ({ update: (_bucket, change) => change({} as never)[1] })],
  ["store hangs", () => failing(() => new Promise(() => {}))],
  ["store fails 10 times, recovers", recovering],
];
for (const [name, store] of storeFaults) {
  for (const call of ["GET", "POST"] as const) {
    const lines: string[] = [];
    const okta = new OktaClient({
      orgUrl: orgOrigin,
      testing: { disableHttpsCheck: true },
      sources: false,
      token: fakeOrg.apiToken,
      connectionTimeout: CONNECTION_TIMEOUT_S,
      requestTimeout: REQUEST_TIMEOUT_S,
      rateLimit: { maxRetries: 2, store: store() },
      logging: { enabled: true, logLevel: "WARN", logger: recorder(lines) },
      fetch: countingFetch,
    });
    const logins: string[] = [];
    const one = () => {
      if (call === "GET") return okta.request({ method: "GET", path: `/api/v1/users/${seeded}` });
      const login = `store${++serial}@example.com`;
      logins.push(login);
      return okta.request({
        method: "POST",
        path: "/api/v1/users",
        query: { activate: false },
        body: { profile: { login, email: login, firstName: "S", lastName: "O" } },
      });
    };
    const started = Date.now();
    const settled = await Promise.allSettled(Array.from({ length: 12 }, one));
    settled.push(...await Promise.allSettled(Array.from({ length: 3 }, one)));
    const ms = Date.now() - started;
    const problems: string[] = [];
    const failed = settled.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    if (failed.length) problems.push(`${failed.length} of 15 failed: ${String(failed[0].reason)}`);
    if (ms > 2 * REQUEST_TIMEOUT_S * 1000 + 500) problems.push(`took ${ms} ms`);
    for (const login of logins) {
      const post = posts.get(login);
      if (!post || post.processed !== 1 || (clientSends.get(login) ?? 0) !== 1) {
        problems.push(`POST ${login} processed ${post?.processed ?? 0} times`);
      }
    }
    const warnings = lines.filter((line) => line.includes("rate-limit store failed")).length;
    if (warnings > 1) problems.push(`the outage was logged ${warnings} times`);
    outcomes.push({
      scenario: name,
      mode: "SSWS+store",
      call,
      result: failed.length ? "FAILED" : "ok",
      ms,
      problems,
      note: `15 calls; outage warnings: ${warnings}`,
    });
  }
}
await org.close();
await foreign.close();

/**
 * The stale-cache race, over the real server: a cached GET whose answer (ACTIVE) left the server before a
 * suspend of the same user but reaches the client after the suspend's eviction. The caller gets what the
 * server said then; the next GET must ask the server again (SUSPENDED), not be served the old answer.
 */
async function staleCacheRace(): Promise<Outcome> {
  let gate: Promise<void> | undefined;
  let reached!: () => void;
  const arrived = new Promise<void>((resolve) => (reached = resolve));
  let serverGets = 0;
  const holding: typeof fetch = async (input, init) => {
    const response = await countingFetch(input, init);
    if ((init?.method ?? (input instanceof Request ? input.method : "GET")) === "GET") serverGets++;
    if (gate) {
      const held = gate;
      gate = undefined;
      reached();
      await held;
    }
    return response;
  };
  const okta = new OktaClient({
    orgUrl: orgOrigin,
    testing: { disableHttpsCheck: true },
    sources: false,
    token: fakeOrg.apiToken,
    requestTimeout: REQUEST_TIMEOUT_S,
    cache: { enabled: true },
    fetch: holding,
  });
  const path = `/api/v1/users/${seeded}`;
  const started = Date.now();
  const problems: string[] = [];
  let result = "ok";
  try {
    let release!: () => void;
    gate = new Promise<void>((resolve) => (release = resolve));
    const slow = okta.request<{ status: string }>({ method: "GET", path });
    await arrived;
    await okta.request({ method: "POST", path: `${path}/lifecycle/suspend`, responseType: "none" });
    release();
    const before = (await slow).status;
    const after = (await okta.request<{ status: string }>({ method: "GET", path })).status;
    if (before !== "ACTIVE") problems.push(`the held GET said ${before}`);
    if (after !== "SUSPENDED" || serverGets !== 2) {
      problems.push(`served stale: ${after} after the suspend (${serverGets} GETs reached the server)`);
    }
    await okta.request({ method: "POST", path: `${path}/lifecycle/unsuspend`, responseType: "none" });
  } catch (error) {
    result = isOktaError(error) ? error.code : `UNTYPED ${(error as Error)?.name}`;
    problems.push(`failed: ${String(error)}`);
  }
  return {
    scenario: "stale-cache race",
    mode: "SSWS",
    call: "GET",
    result,
    ms: Date.now() - started,
    problems,
    note: "",
  };
}

// --- report -------------------------------------------------------------------------------------

const runtime = "Deno" in globalThis ? "deno" : "Bun" in globalThis ? "bun" : "node";
console.log(
  `fault run on ${runtime} ${process.versions.bun ?? process.versions.deno ?? process.versions.node}`,
);
console.log("scenario".padEnd(34) + "mode".padEnd(17) + "call  result                      ms  problems");
for (const o of outcomes) {
  console.log(
    `${o.scenario.padEnd(34)}${o.mode.padEnd(17)}${o.call.padEnd(6)}${o.result.padEnd(26)}${
      String(o.ms).padStart(6)
    }  ${[...o.problems, o.note].filter(Boolean).join("; ")}`,
  );
}
const failed = outcomes.filter((o) => o.problems.length);
const maxMs = Math.max(...outcomes.map((o) => o.ms));
const postsSentTwice = [...posts.values()].filter((p) => p.sent > 1).length;
const postsProcessedTwice = [...posts.values()].filter((p) => p.processed > 1).length;
const count = (test: (o: Outcome) => boolean) => outcomes.filter(test).length;
console.log([
  `\n${runtime}: ${outcomes.length} calls: ${count((o) => o.result === "ok")} succeeded,`,
  `${count((o) => o.result.startsWith("ERR_"))} typed errors, ${
    count((o) => o.result.startsWith("UNTYPED"))
  } untyped;`,
  `slowest ${maxMs} ms (requestTimeout ${REQUEST_TIMEOUT_S * 1000} ms);`,
  `POSTs that reached the server more than once: ${postsSentTwice}`,
  `(the client re-sending after a 429: ${
    postsSentTwice - runtimeResends
  }; the runtime's HTTP stack: ${runtimeResends});`,
  `POSTs processed twice: ${postsProcessedTwice}; requests to the foreign origin: ${foreignHits};`,
  `the most an endless body sent before the client stopped: ${(endlessSent / MiB).toFixed(0)} MiB;`,
  `credentials and query secrets watched: ${secrets.size}, shown: ${
    count((o) => o.problems.some((p) => p.startsWith("credential")))
  };`,
  `calls with problems: ${failed.length}.`,
].join(" "));
process.exit(failed.length || foreignHits ? 1 : 0);

// --- helpers ------------------------------------------------------------------------------------

/** Starts a loopback server. */
async function listen(
  handle: (request: http.IncomingMessage, response: http.ServerResponse) => void | Promise<void>,
): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    Promise.resolve(handle(request, response)).catch((error) => {
      console.error("fault server:", error);
      request.socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

async function readAll(request: http.IncomingMessage): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of request) chunks.push(chunk as Uint8Array);
  const all = new Uint8Array(new ArrayBuffer(chunks.reduce((n, c) => n + c.length, 0)));
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}

function headersOf(request: http.IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

/** Every credential the server sees: tokens, DPoP proofs, client assertions. */
function collectSecrets(request: http.IncomingMessage, body: Uint8Array): void {
  const authorization = request.headers.authorization;
  if (typeof authorization === "string") secrets.add(authorization.split(" ")[1] ?? authorization);
  if (typeof request.headers.dpop === "string") secrets.add(request.headers.dpop);
  const assertion = new URLSearchParams(new TextDecoder().decode(body)).get("client_assertion");
  if (assertion) secrets.add(assertion);
}

function loginOf(body: Uint8Array): string | undefined {
  try {
    return JSON.parse(new TextDecoder().decode(body))?.profile?.login;
  } catch {
    return undefined;
  }
}

function recorder(lines: string[]): Logger {
  const write = (level: string) => (message: string, data?: Record<string, unknown>) =>
    void lines.push(`${level} ${message} ${JSON.stringify(data ?? {})}`);
  return { debug: write("DEBUG"), info: write("INFO"), warn: write("WARN"), error: write("ERROR") };
}

/** Every way the error can be shown: message, stack, each cause, JSON, the runtime's inspectors. */
function shownAs(error: unknown): string[] {
  const out = [String(error), safeJson(error), inspect(error, { depth: 10, showHidden: true })];
  const g = globalThis as {
    Deno?: { inspect(v: unknown, o: unknown): string };
    Bun?: { inspect(v: unknown, o: unknown): string };
  };
  if (g.Deno) out.push(g.Deno.inspect(error, { depth: 10 }));
  if (g.Bun) out.push(g.Bun.inspect(error, { depth: 10 }));
  let cause: unknown = error;
  for (let depth = 0; cause && depth < 8; depth++) {
    const e = cause as { message?: unknown; stack?: unknown; cause?: unknown };
    out.push(String(e.message), String(e.stack), safeJson(cause));
    cause = e.cause;
  }
  return out;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "";
  }
}
