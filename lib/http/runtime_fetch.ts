/**
 * Proxy and custom TLS trust, through whatever the runtime offers: Deno's `createHttpClient`, Bun's
 * `proxy` and `tls` fetch options, and on Node a `fetch` over its own `http`/`https` modules (`#node-fetch`,
 * loaded only then). Where the runtime has none (Workers, browsers) they are a configuration error that
 * says what to do.
 *
 * @module
 */
import { ConfigError, HttpError } from "../errors.ts";
import { redactText } from "../log.ts";
import { pathOf } from "../path.ts";
import { runtimeInfo } from "../runtime.ts";

/** A proxy as configured (`client.proxy`): host and port, with optional credentials. */
interface ProxyOptions {
  host: string;
  port: number;
  username?: string;
  password?: string;
}

interface DenoHttp {
  createHttpClient(options: {
    proxy?: { url: string; basicAuth?: { username: string; password: string } };
    caCerts?: string[];
  }): unknown;
}

/**
 * The fetch to send with: `base` (or the global fetch) wrapped so every request goes through `proxy` and
 * trusts `ca`. `source` names where the proxy setting came from, for the error. Throws a
 * {@linkcode ConfigError} where the runtime cannot do either.
 */
export async function runtimeFetch(
  base: typeof fetch | undefined,
  proxy: Partial<ProxyOptions> | undefined,
  ca: string[] | undefined,
  source = "configuration",
): Promise<typeof fetch> {
  const proxyUrl = proxy?.host ? `http://${proxy.host}:${proxy.port}` : undefined;
  // Named by host and port only: the proxy's credentials never reach a message.
  const proxyName = proxy?.host ? `${proxy.host}:${proxy.port}` : undefined;
  const send = normalizeFailures(base ?? ((input, init) => globalThis.fetch(input, init)), proxyName);
  if (!proxy?.host && !ca?.length) return send;
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
  const field = proxy?.host ? "okta.client.proxy" : "okta.client.tls";
  if (base) {
    // Node's fetch takes no proxy or CA option, so a fetch of yours cannot be given them.
    throw new ConfigError([{
      field,
      source,
      message: "cannot be applied to the `fetch` you passed on this runtime: route requests in that fetch, " +
        "or leave the `fetch` option out.",
    }]);
  }
  let withCredentials: string | undefined;
  if (proxyUrl) {
    const url = new URL(proxyUrl);
    url.username = encodeURIComponent(proxy?.username ?? "");
    url.password = encodeURIComponent(proxy?.password ?? "");
    withCredentials = url.href;
  }
  // Node (and, resolving to a stub that says what to do, Worker and browser bundles).
  const { nodeFetch } = await import("#node-fetch");
  return normalizeFailures(nodeFetch({ proxyUrl: withCredentials, ca, source }), proxyName);
}

/**
 * Makes every failure without an HTTP answer a `TypeError("fetch failed")` with the original as `cause`.
 * Runtimes word (and type) connection failures differently; ky recognizes network errors by these exact
 * words, and only recognized network errors are retried. Aborts and timeouts pass through unchanged.
 *
 * With a proxy (`proxy` names it, `host:port`), its refusals say they came from it: a forward proxy's 407
 * answer is an {@linkcode HttpError} naming the proxy (Okta never sends a 407, so it is not the org's answer),
 * and a tunnel refused with 407 is a network failure whose cause says so.
 */
function normalizeFailures(send: typeof fetch, proxy?: string): typeof fetch {
  return async (input, init) => {
    let response: Response;
    try {
      response = await send(input, init);
    } catch (error) {
      const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
      const name = (error as Error)?.name;
      if (signal?.aborted || name === "AbortError" || name === "TimeoutError") throw error;
      const cause = proxy !== undefined && mentions407(error)
        ? new Error(
          `the proxy at ${proxy} refused the connection with HTTP 407 (Proxy Authentication ` +
            `Required): check okta.client.proxy.username and password (${redactText(innermost(error))})`,
        )
        : error;
      throw new TypeError("fetch failed", { cause });
    }
    if (proxy === undefined || response.status !== 407) return response;
    const url = input instanceof Request ? input.url : String(input);
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    const body = await response.text().catch(() => "");
    throw new HttpError({
      status: 407,
      method,
      url,
      headers: response.headers,
      body,
      message: `${method} ${pathOf(url)} was refused by the proxy at ${proxy} with HTTP 407 (Proxy ` +
        "Authentication Required), before it reached Okta: check okta.client.proxy.username and password.",
    });
  };
}

/** The innermost message of an error's cause chain: the runtime's own words. */
function innermost(error: unknown): string {
  let current = error as { message?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current?.cause instanceof Error && depth < 5; depth++) current = current.cause;
  return String(current?.message ?? error);
}

/** Whether a connection failure (or any of its causes) reports a proxy's 407. */
function mentions407(error: unknown): boolean {
  let current = error as { message?: unknown; cause?: unknown; code?: unknown } | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (/\b407\b|proxy auth/i.test(`${String(current.message)} ${String(current.code ?? "")}`)) return true;
    current = current.cause as typeof current;
  }
  return false;
}
