/**
 * Reading one page ahead: the next page is asked for before the current one is handed over, so fetching it
 * overlaps with writing this one (with 50 ms of latency per page, the write is then free).
 *
 * @module
 */

/** The values of `source`, each handed over once the one after it has been asked for. */
export async function* ahead<T>(source: AsyncIterator<T>): AsyncGenerator<T> {
  let next = source.next();
  try {
    while (true) {
      const result = await next;
      if (result.done) return;
      next = source.next();
      yield result.value;
    }
  } finally {
    // Stopped early (an error, a limit, an interruption): the page asked for ahead is not wanted, and its
    // failure, if any, is not this iteration's.
    next.catch(() => {});
    await source.return?.();
  }
}
