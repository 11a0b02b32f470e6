/**
 * Benchmark: how long importing an entry point takes, in a fresh process. Run it once per runtime and
 * entry, e.g. `bash bench/import_time.sh`, which prints the best of five for each.
 *
 * @module
 */
const target = (globalThis as unknown as { Deno?: { args: string[] } }).Deno?.args[0] ??
  (globalThis as unknown as { process: { argv: string[] } }).process.argv[2];
const started = performance.now();
await import(target);
console.log((performance.now() - started).toFixed(1));
