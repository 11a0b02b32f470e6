/**
 * The benchmarks' Users API: a deterministic loopback server in a process of its own (Node), so the
 * client being measured shares its process with nothing else. Users are generated from their index, so
 * a 200,000-user list costs the server no memory. `node bench/_server.ts 20000 5000` listens on one port
 * per collection size given (clients that drop unknown query parameters still get the size they need)
 * and prints `{"20000": port, ...}` on one line of stdout. `--latency=50` (first) holds every response's
 * headers back that many milliseconds, as a real org's round trip would.
 *
 * `GET /api/v1/users?limit&after` lists the port's collection;
 * `GET /api/v1/users/{id}` reads one; `POST /api/v1/users` echoes the created user with an id.
 *
 * @module
 */
import { createServer } from "node:http";
import process from "node:process";

/** The user at `i`, as Okta shapes it (about 600 bytes of JSON). */
function user(i: number, base: string): Record<string, unknown> {
  const id = `00u${String(i).padStart(17, "0")}`;
  return {
    id,
    status: "ACTIVE",
    created: "2026-01-01T00:00:00.000Z",
    activated: "2026-01-01T00:00:00.000Z",
    statusChanged: null,
    lastLogin: "2026-06-01T12:00:00.000Z",
    lastUpdated: "2026-06-01T12:00:00.000Z",
    passwordChanged: "2026-01-01T00:00:00.000Z",
    type: { id: "oty00000000000000000" },
    profile: {
      firstName: `First${i}`,
      lastName: `Last${i}`,
      email: `user${i}@example.com`,
      login: `user${i}@example.com`,
      mobilePhone: null,
      department: i % 2 ? "Finance" : "Engineering",
    },
    credentials: { provider: { type: "OKTA", name: "OKTA" } },
    _links: { self: { href: `${base}/api/v1/users/${id}` } },
  };
}

const latencyArg = process.argv.find((arg) => arg.startsWith("--latency="));
const LATENCY_MS = latencyArg ? Number(latencyArg.slice("--latency=".length)) : 0;

function serve(total: number) {
  let port = 0;
  const server = createServer(
    LATENCY_MS > 0 ? (req, res) => setTimeout(answer, LATENCY_MS, req, res) : answer,
  );
  function answer(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) {
    const url = new URL(req.url!, "http://127.0.0.1");
    const base = `http://127.0.0.1:${port}`;
    const headers: Record<string, string | string[]> = {
      "content-type": "application/json",
      "x-okta-request-id": "bench",
      "x-rate-limit-limit": "1000000",
      "x-rate-limit-remaining": "999999",
      "x-rate-limit-reset": String(Math.floor(Date.now() / 1000) + 60),
    };
    if (req.method === "POST") {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        res.writeHead(200, headers).end(JSON.stringify({ ...user(1, base), profile: body.profile }));
      });
      return;
    }
    if (url.pathname === "/api/v1/users") {
      const after = Number(url.searchParams.get("after") ?? 0);
      const limit = Number(url.searchParams.get("limit") ?? 200);
      const links = [`<${base}/api/v1/users?limit=${limit}>; rel="self"`];
      if (after + limit < total) {
        links.push(`<${base}/api/v1/users?after=${after + limit}&limit=${limit}>; rel="next"`);
      }
      headers.link = links;
      const page = [];
      for (let i = after; i < Math.min(total, after + limit); i++) page.push(user(i, base));
      res.writeHead(200, headers).end(JSON.stringify(page));
      return;
    }
    res.writeHead(200, headers).end(JSON.stringify(user(1, base)));
  }
  server.keepAliveTimeout = 60_000;
  return new Promise<number>((done) =>
    server.listen(0, "127.0.0.1", () => done(port = (server.address() as { port: number }).port))
  );
}

const ports: Record<string, number> = {};
for (const total of process.argv.slice(2).filter((arg) => !arg.startsWith("--"))) {
  ports[total] = await serve(Number(total));
}
console.log(JSON.stringify(ports));
