/**
 * A runtime that refuses the network outright (Deno without `--allow-net`): the refusal is no network
 * failure, and retrying it only waits, so it ends the call at once with the flag that allows the org.
 *
 * @module
 */
import { NetworkError } from "../errors.ts";

/** Deno's words: `Requires net access to "host:443", run again with the --allow-net flag`. */
const DENIED = /Requires net access to "([^"]+)"|--allow-net/;

/**
 * The error to end a call with when `failure` (or one of its causes) is the runtime's refusal of network
 * access to `url`; `undefined` for any other failure.
 */
export function netPermissionError(failure: unknown, url: string, what: string): NetworkError | undefined {
  let error = failure as { name?: unknown; message?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; error && depth < 4; depth++, error = error.cause as typeof error) {
    const message = typeof error.message === "string" ? error.message : "";
    const match = DENIED.exec(message);
    if (!match && error.name !== "NotCapable" && error.name !== "PermissionDenied") continue;
    let host: string;
    try {
      host = new URL(url).host;
    } catch {
      host = match?.[1] ?? "<org host>";
    }
    return new NetworkError(
      `${what} was not sent: the runtime is not allowed to reach ${host} (${message || error.name}). On ` +
        `Deno, run with --allow-net=${host} (or add ${host} to the --allow-net list you pass). Not retried.`,
      { cause: failure, attempts: 1 },
    );
  }
  return undefined;
}
