/**
 * Proxy and custom TLS trust, through whatever the runtime's `fetch` offers: Deno's `createHttpClient`,
 * Bun's `proxy` and `tls` fetch options. Elsewhere a proxy is a configuration error that says what to do.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import type { ProxyOptions } from "../config/options.ts";
import { runtimeInfo } from "../runtime.ts";

interface DenoHttp {
  createHttpClient(options: {
    proxy?: { url: string; basicAuth?: { username: string; password: string } };
    caCerts?: string[];
  }): unknown;
}

/**
 * The fetch to send with: `base` (or the global fetch) wrapped so every request goes through `proxy` and
 * trusts `ca`. `source` names where the proxy setting came from, for the error. Throws a {@linkcode ConfigError} where the runtime cannot do either.
 */
export function runtimeFetch(
  base: typeof fetch | undefined,
  proxy: Partial<ProxyOptions> | undefined,
  ca: string[] | undefined,
  source = "configuration",
): typeof fetch {
  const send = normalizeFailures(base ?? ((input, init) => globalThis.fetch(input, init)));
  if (!proxy?.host && !ca?.length) return send;
  const proxyUrl = proxy?.host ? `http://${proxy.host}:${proxy.port}` : undefined;
  const runtime = runtimeInfo().name;
  if (runtime === "deno") {
    const deno = (globalThis as unknown as { Deno: DenoHttp }).Deno;
    const client = deno.createHttpClient({
      proxy: proxyUrl
        ? {
          url: proxyUrl,
          basicAuth: proxy?.username
            ? { username: proxy.username, password: proxy.password ?? "" }
            : undefined,
        }
        : undefined,
      caCerts: ca,
    });
    return (input, init) => send(input, { ...init, client } as RequestInit);
  }
  if (runtime === "bun") {
    let bunProxy = proxyUrl;
    if (bunProxy && proxy?.username) {
      const url = new URL(bunProxy);
      url.username = proxy.username;
      url.password = proxy.password ?? "";
      bunProxy = url.href;
    }
    return (input, init) =>
      send(input, { ...init, proxy: bunProxy, tls: ca ? { ca } : undefined } as RequestInit);
  }
  throw new ConfigError([{
    field: proxy?.host ? "okta.client.proxy" : "okta.client.tls",
    source,
    message: `${runtime}'s fetch has no ${proxy?.host ? "proxy" : "custom CA"} option. ` +
      (runtime === "node"
        ? "On Node 24 set HTTPS_PROXY and NODE_USE_ENV_PROXY=1 (or NODE_EXTRA_CA_CERTS), or pass a `fetch` built on an undici ProxyAgent."
        : "Pass a `fetch` that routes requests as you need."),
  }]);
}

/**
 * Makes every failure without an HTTP answer a `TypeError("fetch failed")` with the original as `cause`.
 * Runtimes word (and type) connection failures differently; ky recognizes network errors by these exact
 * words, and only recognized network errors are retried. Aborts and timeouts pass through unchanged.
 */
function normalizeFailures(send: typeof fetch): typeof fetch {
  return async (input, init) => {
    try {
      return await send(input, init);
    } catch (error) {
      const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
      const name = (error as Error)?.name;
      if (signal?.aborted || name === "AbortError" || name === "TimeoutError") throw error;
      throw new TypeError("fetch failed", { cause: error });
    }
  };
}
