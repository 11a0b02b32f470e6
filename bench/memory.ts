/**
 * Benchmark: memory while iterating a long list. Pages are generated on demand by an in-memory fetch
 * (nothing is kept by the "server"), so the heap measured is the client's. Run with Node 24:
 * `node_modules/.bin/node --expose-gc bench/memory.ts`. Flat means the peak heap does not grow with the
 * number of items iterated.
 *
 * @module
 */
import process from "node:process";
import { OktaClient } from "../core.ts";

const ORG = "https://bench.okta.com";
const PAGE = 200;

function pagesOf(total: number): typeof fetch {
  return (input: RequestInfo | URL) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const after = Number(url.searchParams.get("after") ?? 0);
    const items = Array.from({ length: Math.min(PAGE, total - after) }, (_, i) => ({
      id: `00u${after + i}`,
      status: "ACTIVE",
      profile: {
        login: `user${after + i}@example.com`,
        email: `user${after + i}@example.com`,
        firstName: "F",
        lastName: "L",
      },
    }));
    const headers = new Headers({ "content-type": "application/json" });
    if (after + PAGE < total) {
      headers.append("link", `<${ORG}/api/v1/users?after=${after + PAGE}&limit=${PAGE}>; rel="next"`);
    }
    // A real fetch yields to the event loop (I/O); so does this one, which also lets the runtime run
    // its FinalizationRegistry clean-ups (Node's Request keeps per-signal records until they run).
    return new Promise((resolve) =>
      setTimeout(() => resolve(new Response(JSON.stringify(items), { headers })), 0)
    );
  };
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");

async function peakHeap(total: number): Promise<{ count: number; peakMb: number }> {
  const okta = new OktaClient({ orgUrl: ORG, token: "t", sources: false, fetch: pagesOf(total) });
  gc!();
  const base = process.memoryUsage().heapUsed;
  let peak = 0, count = 0, pages = 0;
  for await (const _user of okta.paginate({ method: "GET", path: "/api/v1/users", query: { limit: PAGE } })) {
    count++;
    if (count % PAGE === 0 && ++pages % 10 === 0) {
      gc!();
      peak = Math.max(peak, process.memoryUsage().heapUsed - base);
    }
  }
  return { count, peakMb: peak / 1024 / 1024 };
}

for (const total of (process.argv[2] ?? "20000,100000,500000").split(",").map(Number)) {
  const { count, peakMb } = await peakHeap(total);
  console.log(`${String(count).padStart(7)} users iterated: peak heap above start ${peakMb.toFixed(2)} MB`);
}
