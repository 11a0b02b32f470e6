/**
 * The client every command uses: configured exactly as the library configures itself (environment,
 * `./okta.yaml`, `~/.okta/okta.yaml`, PrivateKey mode included), with only the command's own observers
 * added: the rate-limit waits and 429 retries shown in the progress line.
 *
 * @module
 */
import type { Okta } from "../mod.ts";
import type { Progress } from "./progress.ts";

/**
 * A client reporting to `progress`. Its configuration is checked at once (`ready`), so a missing org URL or
 * token is a usage error before any work starts rather than at the first call.
 */
export async function createClient(progress: Progress): Promise<Okta> {
  // Loaded here, not at start-up: help and usage errors never need the 121 namespaces.
  const { Okta } = await import("../mod.ts");
  const okta = new Okta({
    rateLimit: { onRateLimit: (wait) => progress.waiting(wait) },
    hooks: {
      afterResponse(response) {
        if (response.status === 429) progress.rateLimited++;
      },
    },
  });
  await okta.ready();
  return okta;
}
