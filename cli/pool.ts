/**
 * A fixed number of workers over one async source: parallel work whose pace the client's rate-limit
 * scheduler sets, with memory bounded by the number of workers rather than the size of the input.
 *
 * @module
 */

/**
 * Runs `work` on each value of `source` with at most `size` at once, stopping early when `stop()` turns
 * true. The first error thrown by `work` stops the others from taking more and is rethrown at the end.
 */
export async function runPool<T>(
  source: AsyncIterable<T>,
  size: number,
  work: (value: T) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<void> {
  const iterator = source[Symbol.asyncIterator]();
  let failed: { error: unknown } | undefined;
  const worker = async () => {
    while (!failed && !stop()) {
      // Async generators queue concurrent next() calls, so workers share the source safely.
      const next = await iterator.next();
      if (next.done) return;
      try {
        await work(next.value);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: size }, worker));
  } finally {
    await iterator.return?.();
  }
  if (failed) throw failed.error;
}
