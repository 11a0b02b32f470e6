/**
 * The rate-limit store over a Cloudflare Durable Object: {@linkcode RateLimitDurableObject} holds the budgets
 * of one org (one object per prefix), and {@linkcode durableObjectRateLimitStore} talks to it through its
 * stub, so every isolate of a Worker, cold or warm, shares them.
 *
 * @module
 */
import type { RateLimitStore } from "../seams.ts";
import { bounded, casStore, type SharedStoreOptions, type Versioned } from "./cas_store.ts";

/** A Durable Object stub, as far as the store uses one. */
export interface DurableObjectStubLike {
  /** Sends a request to the object. */
  fetch(input: string, init?: RequestInit): Promise<Response>;
}

/** A Durable Object namespace binding (`env.RATE_LIMITS`), as far as the store uses one. */
export interface DurableObjectNamespaceLike<Id = unknown> {
  /** The id of the object named `name`. */
  idFromName(name: string): Id;
  /** Its stub. */
  get(id: Id): DurableObjectStubLike;
}

/** Options of {@linkcode durableObjectRateLimitStore}. */
export interface DurableObjectRateLimitStoreOptions extends SharedStoreOptions {
  /** How long one exchange with the object may take before the store gives up on it, in ms. Default 1,000. */
  timeoutMs?: number;
}

interface Entry {
  value: unknown;
  version: string;
  expires: number;
}

type Message =
  | { op: "read"; key: string }
  | { op: "write"; key: string; version: string | null; value: unknown; ttlMs: number };

/**
 * The Durable Object that holds the budgets: export it from your Worker and bind it (a
 * `durable_objects` binding with `class_name = "RateLimitDurableObject"`). It keeps each key's value in
 * memory with a version and an expiry and answers two requests, a read and a compare-and-set; an object that
 * is evicted starts again empty, which costs the clients one probe per bucket.
 *
 * @example The Worker's exports
 * ```ts ignore
 * export { RateLimitDurableObject } from "@oktakit/management/rate-limit/durable-object";
 * ```
 */
export class RateLimitDurableObject {
  readonly #entries = new Map<string, Entry>();
  // A fresh object must not reuse the versions an earlier one handed out: a client may still hold them.
  readonly #instance = crypto.randomUUID();
  #version = 0;

  /** Made by the runtime: `new RateLimitDurableObject(state, env)`; it needs neither. */
  constructor(_state?: unknown, _env?: unknown) {}

  /** Answers a store's read or write. */
  async fetch(request: Request): Promise<Response> {
    const message = await request.json() as Message;
    const now = Date.now();
    let entry = this.#entries.get(message.key);
    if (entry && entry.expires <= now) {
      this.#entries.delete(message.key);
      entry = undefined;
    }
    const current = { value: entry?.value, version: entry?.version ?? null };
    if (message.op === "read") return Response.json(current);
    if (current.version !== message.version) return Response.json({ ok: false, current });
    const version = `${this.#instance}:${++this.#version}`;
    this.#entries.set(message.key, { value: message.value, version, expires: now + message.ttlMs });
    return Response.json({ ok: true, version });
  }
}

/**
 * A store that keeps the budgets in the {@linkcode RateLimitDurableObject} named by the prefix, through the
 * namespace binding.
 *
 * @example In a Worker
 * ```ts ignore
 * import { Okta } from "@oktakit/management";
 * import { durableObjectRateLimitStore } from "@oktakit/management/rate-limit/durable-object";
 * export { RateLimitDurableObject } from "@oktakit/management/rate-limit/durable-object";
 *
 * export default {
 *   async fetch(request: Request, env: Env) {
 *     const store = durableObjectRateLimitStore(env.RATE_LIMITS, { prefix: "example.okta.com" });
 *     const okta = new Okta({ orgUrl: env.OKTA_ORG_URL, token: env.OKTA_TOKEN, rateLimit: { store } });
 *     return Response.json(await okta.user.getUser("me"));
 *   },
 * };
 * ```
 */
export function durableObjectRateLimitStore<Id>(
  namespace: DurableObjectNamespaceLike<Id>,
  options: DurableObjectRateLimitStoreOptions = {},
): RateLimitStore {
  const timeoutMs = options.timeoutMs ?? 1000;
  let stub: DurableObjectStubLike | undefined;
  const ask = async (message: Message): Promise<unknown> => {
    stub ??= namespace.get(namespace.idFromName(options.prefix ?? "oktakit"));
    const response = await bounded(
      stub.fetch("https://rate-limit.invalid/", { method: "POST", body: JSON.stringify(message) }),
      timeoutMs,
      message.op,
    );
    if (!response.ok) throw new Error(`rate-limit store: the Durable Object answered ${response.status}`);
    return response.json();
  };
  return casStore({
    async read(key) {
      return await ask({ op: "read", key: key.join(":") }) as Versioned;
    },
    async write(key, expected, value, ttlMs) {
      const answer = await ask({
        op: "write",
        key: key.join(":"),
        version: expected.version,
        value,
        ttlMs,
      }) as
        | { ok: true; version: string }
        | { ok: false; current: Versioned };
      return answer.ok ? { ok: true, current: { value, version: answer.version } } : answer;
    },
  }, options);
}
