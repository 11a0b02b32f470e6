/**
 * A real `redis-server` for the Redis adapter's tests and benchmark: started on a free loopback port and
 * stopped again, with a minimal RESP client over `node:net` (Deno, Bun and Node all have it) as the `send`
 * function a user would write over their own client. Under `CI=true` a missing `redis-server` is an error;
 * elsewhere the tests skip with the reason.
 */
import type { ChildProcess } from "node:child_process";
import type { Socket } from "node:net";

/** Why Redis tests cannot run here, or `undefined` when they can. */
export async function redisUnavailable(): Promise<string | undefined> {
  const agent = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent ?? "";
  if (agent.startsWith("Cloudflare-Workers")) return "workerd cannot start processes";
  const { spawnSync } = await import("node:child_process");
  const found = spawnSync("redis-server", ["--version"], { encoding: "utf8" });
  if (found.status === 0) return undefined;
  const reason = "redis-server is not installed (apt-get install -y redis-server)";
  const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env;
  if (env?.CI === "true") throw new Error(`CI=true and ${reason}`);
  return reason;
}

/** A free loopback port. */
async function freePort(): Promise<number> {
  const net = await import("node:net");
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A running redis-server that can be stopped and started again on its port. */
export interface RedisServer {
  readonly port: number;
  /** Starts it (again); resolves once it answers PING. */
  start(): Promise<void>;
  /** Stops it; resolves once the process has exited. */
  stop(): Promise<void>;
}

/** A redis-server on a free port, without persistence, started. */
export async function startRedis(): Promise<RedisServer> {
  const { spawn } = await import("node:child_process");
  const port = await freePort();
  let child: ChildProcess | undefined;
  const server: RedisServer = {
    port,
    async start() {
      child = spawn(
        "redis-server",
        ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        { stdio: "ignore" },
      );
      const send = redisSend(port);
      for (let i = 0; i < 200; i++) {
        try {
          if (await send(["PING"]) === "PONG") return send.close();
        } catch { /* not up yet */ }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      send.close();
      throw new Error(`redis-server did not start on port ${port}`);
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill("SIGKILL");
      await exited;
    },
  };
  await server.start();
  return server;
}

type Reply = string | number | null | Reply[];

/**
 * A `send` over one connection to 127.0.0.1:`port`, opened on first use and again after it drops: commands
 * on a dropped connection reject at once (as a client with its offline queue off does).
 */
export function redisSend(port: number): ((command: string[]) => Promise<unknown>) & { close(): void } {
  let socket: Socket | undefined;
  let buffer = new Uint8Array(0);
  const pending: { resolve(reply: Reply): void; reject(error: Error): void }[] = [];
  const fail = (error: Error) => {
    socket = undefined;
    buffer = new Uint8Array(0);
    for (const p of pending.splice(0)) p.reject(error);
  };
  const parse = (at: number): [Reply, number] | undefined => {
    const end = buffer.indexOf(13, at);
    if (end < 0 || end + 1 >= buffer.length) return undefined;
    const line = new TextDecoder().decode(buffer.subarray(at + 1, end));
    const next = end + 2;
    switch (buffer[at]) {
      case 43: // +
        return [line, next];
      case 45: // -
        return [{ error: line } as unknown as Reply, next];
      case 58: // :
        return [Number(line), next];
      case 36: { // $
        const length = Number(line);
        if (length < 0) return [null, next];
        if (buffer.length < next + length + 2) return undefined;
        return [new TextDecoder().decode(buffer.subarray(next, next + length)), next + length + 2];
      }
      case 42: { // *
        const count = Number(line);
        if (count < 0) return [null, next];
        const items: Reply[] = [];
        let pos = next;
        for (let i = 0; i < count; i++) {
          const item = parse(pos);
          if (!item) return undefined;
          items.push(item[0]);
          pos = item[1];
        }
        return [items, pos];
      }
    }
    throw new Error(`unexpected RESP byte ${buffer[at]}`);
  };
  let net: typeof import("node:net") | undefined;
  const connect = (): Socket => {
    const s = net!.connect(port, "127.0.0.1");
    s.on("data", (chunk: Uint8Array) => {
      const joined = new Uint8Array(buffer.length + chunk.length);
      joined.set(buffer);
      joined.set(chunk, buffer.length);
      buffer = joined;
      for (let item = parse(0); item; item = parse(0)) {
        buffer = buffer.subarray(item[1]);
        const reply = item[0] as Reply & { error?: string };
        const waiter = pending.shift();
        if (reply && typeof reply === "object" && "error" in reply) waiter?.reject(new Error(reply.error));
        else waiter?.resolve(reply);
      }
    });
    s.on("error", (error: Error) => {
      if (socket === s) fail(error);
    });
    s.on("close", () => {
      if (socket === s) fail(new Error("connection closed"));
    });
    return s;
  };
  const encoder = new TextEncoder();
  const send = async (command: string[]): Promise<unknown> => {
    net ??= await import("node:net");
    const s = socket ??= connect();
    const parts = [`*${command.length}\r\n`];
    for (const word of command) parts.push(`$${encoder.encode(word).length}\r\n${word}\r\n`);
    return new Promise<Reply>((resolve, reject) => {
      pending.push({ resolve, reject });
      s.write(parts.join(""));
    });
  };
  return Object.assign(send, {
    close() {
      const s = socket;
      socket = undefined;
      s?.destroy();
    },
  });
}
