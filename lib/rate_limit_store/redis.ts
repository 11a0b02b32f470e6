/**
 * The rate-limit store over Redis (or any server that speaks its commands and Lua: Valkey, KeyDB, Upstash),
 * through whatever client the user already has: the adapter is handed a function that runs one command.
 *
 * @module
 */
import type { RateLimitStore } from "../seams.ts";
import { bounded, casStore, type SharedStoreOptions, type Versioned } from "./cas_store.ts";

/**
 * Runs one Redis command, given as its words (`["GET", "key"]`), and resolves with the reply as the client
 * gives it: strings as strings, integers as numbers, arrays as arrays, nil as `null`.
 */
export type RedisSend = (command: string[]) => Promise<unknown>;

/** Options of {@linkcode redisRateLimitStore}. */
export interface RedisRateLimitStoreOptions extends SharedStoreOptions {
  /**
   * How long one command may take before the store gives up on it, in ms (the client then goes on with a
   * budget of its own for the call). A client whose connection is down often queues commands rather than
   * fail them: this bounds that. Default 1,000.
   */
  timeoutMs?: number;
}

// Sets KEYS[1] to ARGV[2] with a TTL of ARGV[3] ms if it still holds ARGV[1] ("" for no value); otherwise
// answers with what it holds, so the writer can try again without another read.
const CAS = `local v = redis.call('GET', KEYS[1])
if (v or '') == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return {1}
end
return {0, v or ''}`;

const versioned = (text: unknown): Versioned => {
  const version = typeof text === "string" && text !== "" ? text : null;
  return { value: version === null ? undefined : JSON.parse(version), version };
};

/**
 * A store over Redis: each bucket is a key `<prefix>:bucket:<bucket>` holding its state as JSON, updated
 * atomically by a small Lua compare-and-set, and expiring a minute after its window; the concurrency leases
 * are one more key, `<prefix>:leases`.
 *
 * @example With node-redis
 * ```ts ignore
 * import { createClient } from "redis";
 * import { Okta } from "@oktakit/management";
 * import { redisRateLimitStore } from "@oktakit/management/rate-limit/redis";
 *
 * const redis = await createClient({ url: "redis://localhost:6379" }).connect();
 * const store = redisRateLimitStore((command) => redis.sendCommand(command), { prefix: "example.okta.com" });
 * const okta = new Okta({ rateLimit: { store } });
 * ```
 */
export function redisRateLimitStore(
  send: RedisSend,
  options: RedisRateLimitStoreOptions = {},
): RateLimitStore {
  const timeoutMs = options.timeoutMs ?? 1000;
  const run = (command: string[]) =>
    bounded(Promise.resolve().then(() => send(command)), timeoutMs, command[0]);
  return casStore({
    async read(key) {
      return versioned(await run(["GET", key.join(":")]));
    },
    async write(key, expected, value, ttlMs) {
      const text = JSON.stringify(value);
      const reply = await run([
        "EVAL",
        CAS,
        "1",
        key.join(":"),
        expected.version ?? "",
        text,
        String(Math.ceil(ttlMs)),
      ]);
      if (!Array.isArray(reply)) {
        throw new Error(`rate-limit store: unexpected reply from Redis: ${String(reply)}`);
      }
      if (Number(reply[0]) === 1) return { ok: true, current: { value, version: text } };
      return { ok: false, current: versioned(reply[1]) };
    },
  }, options);
}
