/**
 * Reading a response body within limits: at most `maxBytes` (a `Content-Length` over it fails before a byte
 * is read), and never waiting more than `idleMs` for the next chunk. `connectionTimeout` stops at the
 * headers, so without these a hostile or broken server could send 600 MB, or a byte every two seconds, and the
 * call would read it all, or for ever.
 *
 * @module
 */
import { invalid, type InvalidResponseError, TimeoutError } from "../errors.ts";
import { pathOf } from "../path.ts";

/** The limits on reading one body. */
export interface BodyLimits {
  /** Bytes a body may have, at most; `undefined` for no limit. */
  readonly maxBytes?: number;
  /** Milliseconds to wait for the next chunk, at most; `undefined` for no limit. */
  readonly idleMs?: number;
}

/** What a failure names: the request. */
interface Described {
  readonly method: string;
  readonly url: string;
}

/**
 * The body's bytes, read within `limits`. Past `maxBytes` it rejects with an {@linkcode InvalidResponseError},
 * after `idleMs` without data with a {@linkcode TimeoutError}; either way the body is cancelled, so the
 * connection is let go, and the failure is final (an `OktaError`: the attempt loop does not retry it).
 */
export async function readBytes(
  response: Response,
  limits: BodyLimits,
  call: Described,
): Promise<Uint8Array> {
  const { maxBytes, idleMs } = limits;
  const tooBig = (): InvalidResponseError =>
    invalid(
      response,
      call.method,
      call.url,
      "",
      `with a body larger than maxResponseBytes (${maxBytes} bytes); the client stopped reading it (raise ` +
        "maxResponseBytes if such an answer is expected)",
    );
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (maxBytes !== undefined && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooBig();
  }
  const body = response.body;
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = idleMs === undefined
        ? await reader.read()
        : await withIdle(reader, idleMs, call);
      if (done) break;
      total += value.byteLength;
      if (maxBytes !== undefined && total > maxBytes) throw tooBig();
      chunks.push(value);
    }
  } catch (error) {
    reader.cancel().catch(() => {});
    throw error;
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

const decoder = new TextDecoder();

/** The body as text (UTF-8, as `Response.text()` reads it), within `limits`. */
export async function readTextWithin(
  response: Response,
  limits: BodyLimits,
  call: Described,
): Promise<string> {
  return decoder.decode(await readBytes(response, limits, call));
}

/** The next chunk, or a {@linkcode TimeoutError} once `idleMs` pass without one. */
function withIdle(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  idleMs: number,
  call: Described,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(
        new TimeoutError(
          `${call.method} ${pathOf(call.url)}: the response body stalled, with no data for ${idleMs} ms ` +
            "(bodyIdleTimeout); the client stopped reading it.",
        ),
      );
    }, idleMs);
    reader.read().then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
