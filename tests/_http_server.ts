/**
 * A loopback HTTP server for the tests that need a real socket (a connection reset mid-body, a redirect
 * the runtime's own fetch sees), built on `node:http`, which Deno, Bun and Node all have. Returns
 * `undefined` where there is no server to be had (workerd), and those tests then have nothing to do.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** A running server. */
export interface TestServer {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Starts a server calling `handle` for every request. */
export async function startServer(
  handle: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<TestServer | undefined> {
  // workerd has a node:http whose servers cannot take connections from its own fetch.
  const agent = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent ?? "";
  if (agent.startsWith("Cloudflare-Workers")) return undefined;
  let http: typeof import("node:http");
  try {
    http = await import("node:http");
    if (typeof http.createServer !== "function") return undefined;
  } catch {
    return undefined;
  }
  const server = http.createServer(handle);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
  } catch {
    return undefined; // a runtime with node:http but no server sockets (workerd)
  }
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
