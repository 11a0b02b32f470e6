/**
 * A scripted `fetch` that answers as Okta does (request ids, rate-limit headers, `Date`, JSON errors), and
 * records every request it receives, for the core's tests.
 */

/** One recorded request, with its body read. */
export interface Seen {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

/** Answers one request; return a Response, or throw to simulate a network failure. */
export type Answer = (request: Request, n: number) => Response | Promise<Response>;

let ids = 0;

/** Okta's standard response headers, merged with `extra`. */
export function oktaHeaders(extra: Record<string, string> = {}): Headers {
  const now = Math.floor(Date.now() / 1000);
  return new Headers({
    "content-type": "application/json",
    "x-okta-request-id": `req-${++ids}`,
    "x-rate-limit-limit": "600",
    "x-rate-limit-remaining": "599",
    "x-rate-limit-reset": String(now + 60),
    date: new Date(now * 1000).toUTCString(),
    ...extra,
  });
}

/** A JSON response with Okta's headers. */
export function json(body: unknown, status = 200, extra: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: oktaHeaders(extra) });
}

/** Okta's error body. */
export function oktaError(status: number, errorCode: string, errorSummary: string, causes: string[] = []) {
  return json({
    errorCode,
    errorSummary,
    errorLink: errorCode,
    errorId: `oae${errorCode}`,
    errorCauses: causes.map((errorSummary) => ({ errorSummary })),
  }, status);
}

/**
 * A 429 whose reset is `resetIn` seconds after its `Date` header (the server clock), which is skewed by
 * `skew` seconds from ours, so tests can tell which clock the client used.
 */
export function tooMany(resetIn = 0, skew = 0, extra: Record<string, string> = {}): Response {
  const serverNow = Math.floor(Date.now() / 1000) + skew;
  return json(
    { errorCode: "E0000047", errorSummary: "API call exceeded rate limit due to too many requests." },
    429,
    {
      "x-rate-limit-remaining": "0",
      "x-rate-limit-reset": String(serverNow + resetIn),
      date: new Date(serverNow * 1000).toUTCString(),
      ...extra,
    },
  );
}

/** A fetch that answers each request with `answers[n]` (the last one repeats) and records what it saw. */
export function scripted(...answers: Answer[]): typeof fetch & { seen: Seen[] } {
  const seen: Seen[] = [];
  const fake = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    seen.push({
      method: request.method,
      url: new URL(request.url),
      headers: new Headers(request.headers),
      body: await request.clone().text(),
    });
    const n = seen.length - 1;
    return await answers[Math.min(n, answers.length - 1)](request, n);
  };
  return Object.assign(fake, { seen });
}

/** Options for a client talking to the scripted fetch, with no files or environment read. */
export function clientOptions(fetch: typeof globalThis.fetch, extra: Record<string, unknown> = {}) {
  return {
    orgUrl: "https://example.okta.com",
    token: "00secret-api-token",
    fetch,
    sources: false as const,
    ...extra,
  };
}

/** The error `promise` rejects with (typed loosely for assertions); fails if it resolves. */
export async function failure<E = import("../mod.ts").OktaApiError>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
