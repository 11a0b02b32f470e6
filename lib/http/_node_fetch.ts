/**
 * What `#node-fetch` resolves to outside Worker and browser bundles: a `fetch` for Node built on its own
 * `http` and `https` modules, for the two things Node's global `fetch` cannot do without undici (which is
 * not a dependency): send through a proxy and trust extra certificate authorities. The agents' `proxyEnv`
 * option (Node 24.5 and later) tunnels https through the proxy with `CONNECT` and sends http to it as a
 * forward proxy. The modules come from `process.getBuiltinModule`, so nothing here is a `node:` import and
 * other runtimes never load them; only the client on Node with `proxy` or `tls.ca` loads this file.
 *
 * Differences from the global `fetch`: redirects are returned, not followed (the client decides), and only
 * gzip and deflate are asked for and decoded.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";

/** What the proxy and trust settings become. */
export interface NodeFetchOptions {
  /** `http://[user:password@]host:port` of the proxy, credentials percent-encoded. */
  proxyUrl?: string;
  /** Extra PEM certificate authorities, trusted besides the defaults. */
  ca?: string[];
  /** Where the settings came from, for the error. */
  source: string;
}

// The slices of Node's modules used here (the code type-checks without Node's types).
interface IncomingMessage extends AsyncIterable<Uint8Array> {
  statusCode?: number;
  statusMessage?: string;
  rawHeaders: string[];
}
interface ClientRequest {
  on(event: "error", listener: (error: Error) => void): void;
  end(body?: Uint8Array): void;
}
interface HttpModule {
  Agent: new (options: Record<string, unknown>) => unknown;
  request(
    url: URL,
    options: Record<string, unknown>,
    callback: (response: IncomingMessage) => void,
  ): ClientRequest;
}
type Builtin = (name: string) => unknown;

/** A `fetch` that sends through `proxyUrl` and trusts `ca`; a `ConfigError` where Node cannot do it. */
export function nodeFetch({ proxyUrl, ca, source }: NodeFetchOptions): typeof fetch {
  const process = (globalThis as { process?: { getBuiltinModule?: Builtin; versions?: { node?: string } } })
    .process;
  const [major, minor] = (process?.versions?.node ?? "0.0").split(".").map(Number);
  if (!process?.getBuiltinModule || major < 24 || (major === 24 && minor < 5)) {
    throw new ConfigError([{
      field: proxyUrl ? "okta.client.proxy" : "okta.client.tls",
      source,
      message: `needs Node 24.5 or later (this is ${process?.versions?.node ?? "not Node"}); or set ` +
        "HTTPS_PROXY with NODE_USE_ENV_PROXY=1 (and NODE_EXTRA_CA_CERTS for a CA) and leave the option out.",
    }]);
  }
  const http = process.getBuiltinModule("node:http") as HttpModule;
  const https = process.getBuiltinModule("node:https") as HttpModule;
  const { rootCertificates } = process.getBuiltinModule("node:tls") as { rootCertificates: string[] };
  const trust = ca && { ca: [...rootCertificates, ...ca] };
  const agents = {
    "http:": new http.Agent({ keepAlive: true, proxyEnv: proxyUrl ? { HTTP_PROXY: proxyUrl } : undefined }),
    "https:": new https.Agent({
      keepAlive: true,
      ...trust,
      proxyEnv: proxyUrl ? { HTTPS_PROXY: proxyUrl } : undefined,
    }),
  };
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new TypeError(`Cannot fetch ${url.protocol}`);
    }
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = { "accept-encoding": "gzip, deflate" };
    request.headers.forEach((value, name) => void (headers[name] = value));
    const { signal } = request;
    return await new Promise<Response>((resolve, reject) => {
      const sent = (url.protocol === "https:" ? https : http).request(
        url,
        { method: request.method, headers, agent: agents[url.protocol as "http:"], signal },
        (answer) => {
          try {
            resolve(toResponse(answer, request));
          } catch (error) {
            reject(error);
          }
        },
      );
      // An abort rejects with the signal's reason, as fetch does; anything else is a network failure.
      sent.on("error", (error) => reject(signal.aborted ? signal.reason : error));
      sent.end(body);
    });
  };
}

/** The body of a Node response as a web stream; cancelling it destroys the response. */
function streamOf(answer: IncomingMessage): ReadableStream<Uint8Array> {
  const chunks = answer[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await chunks.return?.();
    },
  });
}

function toResponse(answer: IncomingMessage, request: Request): Response {
  const headers = new Headers();
  for (let i = 0; i < answer.rawHeaders.length; i += 2) {
    headers.append(answer.rawHeaders[i], answer.rawHeaders[i + 1]);
  }
  const status = answer.statusCode ?? 502;
  const empty = request.method === "HEAD" || status === 204 || status === 304;
  let body: ReadableStream<Uint8Array> | null = empty ? null : streamOf(answer);
  const encoding = headers.get("content-encoding")?.trim().toLowerCase();
  if (body && (encoding === "gzip" || encoding === "deflate")) {
    body = body.pipeThrough(
      new DecompressionStream(encoding) as unknown as TransformStream<Uint8Array, Uint8Array>,
    );
    headers.delete("content-encoding");
    headers.delete("content-length");
  }
  const response = new Response(body, { status, statusText: answer.statusMessage, headers });
  Object.defineProperty(response, "url", { value: request.url });
  return response;
}
