/// <reference lib="deno.unstable" />
/**
 * Type-level: the users' own clients fit the adapters' structural types as they are, with no cast: `Deno.Kv`
 * and `@deno/kv`'s `Kv` for the KV store, and a Durable Object namespace binding's shape for the Durable
 * Object store.
 */
import { denoKvRateLimitStore } from "../../rate_limit/deno_kv.ts";
import { durableObjectRateLimitStore } from "../../rate_limit/durable_object.ts";
import type { openKv } from "@deno/kv";

declare const denoKv: Deno.Kv;
declare const npmKv: Awaited<ReturnType<typeof openKv>>;
denoKvRateLimitStore(denoKv, { prefix: "example.okta.com" });
denoKvRateLimitStore(npmKv);

// Cloudflare's DurableObjectNamespace, as far as its declared members go.
interface DurableObjectId {
  toString(): string;
}
interface Namespace {
  idFromName(name: string): DurableObjectId;
  get(id: DurableObjectId, options?: { locationHint?: string }): {
    fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  };
}
declare const namespace: Namespace;
durableObjectRateLimitStore(namespace, { prefix: "example.okta.com", timeoutMs: 500 });
