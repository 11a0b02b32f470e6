/**
 * Helpers for the rate-limit scheduler's tests: a fake org whose clock drives the client's waits, a fetch
 * gate that holds requests until the test lets them go, and a wait for the client to make progress that
 * never asserts on elapsed time.
 */
import { OktaClient } from "../mod.ts";
import { createFakeOrg, type FakeOrg } from "../testing/mod.ts";

/** Options for a client of `org` whose rate-limit waits follow the org's (frozen) clock. */
export function orgClient(org: FakeOrg, extra: Record<string, unknown> = {}): OktaClient {
  const { rateLimit, ...rest } = extra as { rateLimit?: Record<string, unknown> };
  return new OktaClient({
    orgUrl: org.orgUrl,
    token: org.apiToken,
    fetch: org.fetch,
    sources: false,
    ...rest,
    // One probe on a cold bucket: these tests' buckets are far below Okta's smallest documented limits.
    rateLimit: { clock: org.clock, firstWave: false, ...rateLimit },
  });
}

/** A frozen-clock org with `users` users; returns their ids in order. */
export function orgWithUsers(users: number): { org: FakeOrg; ids: string[] } {
  const org = createFakeOrg();
  const { userIds } = org.seed({
    users: Array.from({ length: users }, (_, i) => ({
      profile: { login: `u${i}@example.com`, email: `u${i}@example.com`, firstName: "U", lastName: `${i}` },
    })),
  });
  return { org, ids: userIds };
}

/** Lets timers and promises run until `condition` holds (a bounded number of event-loop turns). */
export async function until(condition: () => boolean, what: string): Promise<void> {
  for (let turn = 0; turn < 2000; turn++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, turn < 50 ? 0 : 2));
  }
  throw new Error(`the client never got to: ${what}`);
}

/** Lets the event loop turn a few times, so anything the client would still send has been sent. */
export async function idle(): Promise<void> {
  for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** The paths of the org's recorded requests from `from` on, and their statuses. */
export function sent(org: FakeOrg, from = 0): { paths: string[]; statuses: number[] } {
  const requests = org.requests.slice(from);
  return {
    paths: requests.map((r) => new URL(r.url).pathname),
    statuses: requests.map((r) => r.status),
  };
}

/** A fetch that holds every request until the test releases it, counting requests in flight. */
export function gate(inner: typeof fetch) {
  const held: (() => void)[] = [];
  const state = { inFlight: 0, peak: 0, held };
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    state.inFlight++;
    state.peak = Math.max(state.peak, state.inFlight);
    await new Promise<void>((resolve) => held.push(resolve));
    try {
      return await inner(input, init);
    } finally {
      state.inFlight--;
    }
  };
  /** Releases the `n` oldest held requests. */
  const release = (n = 1) => held.splice(0, n).forEach((go) => go());
  return Object.assign(state, { fetch: fetch as typeof globalThis.fetch, release });
}
