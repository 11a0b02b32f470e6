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

/** Bodies declared (`Content-Length`, not compressed) at most this long are read whole by the runtime. */
const WHOLE_BYTES = 1024 * 1024;

/**
 * Whether the body can be read whole by the runtime's own reader, which is several times faster than reading
 * it chunk by chunk here: its length is declared, within `maxBytes` (which the runtime then enforces) and small,
 * and it is not compressed (a small compressed body can inflate to any size). A declared length over `maxBytes`
 * fails at once, before a byte is read.
 */
async function readWhole(response: Response, limits: BodyLimits, call: Described): Promise<boolean> {
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (limits.maxBytes !== undefined && declared > limits.maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooBig(response, limits, call);
  }
  return declared <= WHOLE_BYTES && !response.headers.has("content-encoding");
}

function tooBig(response: Response, limits: BodyLimits, call: Described): InvalidResponseError {
  return invalid(
    response,
    call.method,
    call.url,
    "",
    `with a body larger than maxResponseBytes (${limits.maxBytes} bytes); the client stopped reading it ` +
      "(raise maxResponseBytes if such an answer is expected)",
  );
}

function stalledError(idleMs: number, call: Described): TimeoutError {
  return new TimeoutError(
    `${call.method} ${pathOf(call.url)}: the response body stalled, with no data for ${idleMs} ms ` +
      "(bodyIdleTimeout); the client stopped reading it.",
  );
}

/**
 * `read` (the runtime reading a small body whole), failing once it has taken `idleMs`: a body of at most
 * {@linkcode WHOLE_BYTES} that takes that long has stalled.
 */
function whole<T>(read: Promise<T>, idleMs: number | undefined, call: Described): Promise<T> {
  if (idleMs === undefined) return read;
  return new Promise<T>((resolve, reject) => {
    const watching: Watch = {
      idleMs,
      last: Date.now(),
      stall: () => {
        read.catch(() => {});
        reject(stalledError(idleMs, call));
      },
    };
    watch(watching);
    read.then(resolve, reject).finally(() => watched.delete(watching));
  });
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
  if (await readWhole(response, limits, call)) {
    return new Uint8Array(await whole(response.arrayBuffer(), limits.idleMs, call));
  }
  return await readChunks(response, limits, call);
}

/** The body read chunk by chunk, counting its bytes and watching for stalls. */
async function readChunks(response: Response, limits: BodyLimits, call: Described): Promise<Uint8Array> {
  const { maxBytes, idleMs } = limits;
  const body = response.body;
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  // Watched by the one watchdog of all bodies being read (`watch` below): a timer per body, or per chunk, costs
  // microseconds on every call; a chunk only notes the time.
  let stalled = false;
  const watching: Watch | undefined = idleMs === undefined ? undefined : {
    idleMs,
    last: Date.now(),
    stall() {
      stalled = true;
      reader.cancel().catch(() => {}); // a pending read then ends as if the body had
    },
  };
  if (watching) watch(watching);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (stalled) throw stalledError(idleMs!, call);
      if (done) break;
      if (watching) watching.last = Date.now();
      total += value.byteLength;
      if (maxBytes !== undefined && total > maxBytes) throw tooBig(response, limits, call);
      chunks.push(value);
    }
  } catch (error) {
    reader.cancel().catch(() => {});
    throw error;
  } finally {
    if (watching) watched.delete(watching);
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
  if (await readWhole(response, limits, call)) return await whole(response.text(), limits.idleMs, call);
  return decoder.decode(await readChunks(response, limits, call));
}

/** A body being read: its idle limit, when its last chunk came, and what to do when it stalls. */
interface Watch {
  readonly idleMs: number;
  last: number;
  stall(): void;
}

const watched = new Set<Watch>();
let tick: ReturnType<typeof setTimeout> | undefined;
let tickAt = Infinity;

/**
 * Puts `body` under the one watchdog: a timer that runs only while bodies are being read, wakes when the
 * first of them would have stalled, and never keeps a process alive by itself.
 */
function watch(body: Watch): void {
  watched.add(body);
  const due = body.last + body.idleMs;
  if (due < tickAt) arm(due);
}

function arm(due: number): void {
  clearTimeout(tick);
  tickAt = due;
  tick = setTimeout(sweep, Math.max(1, due - Date.now()));
  // A body that nothing else keeps alive (its socket does) cannot produce data: no need to wait for it.
  const deno = (globalThis as { Deno?: { unrefTimer?(id: unknown): void } }).Deno;
  if (deno?.unrefTimer) deno.unrefTimer(tick);
  else (tick as { unref?(): void }).unref?.();
}

function sweep(): void {
  tick = undefined;
  tickAt = Infinity;
  const now = Date.now();
  let next = Infinity;
  for (const body of watched) {
    if (now - body.last >= body.idleMs) {
      watched.delete(body);
      body.stall();
    } else next = Math.min(next, body.last + body.idleMs);
  }
  if (next < Infinity) arm(next);
}
