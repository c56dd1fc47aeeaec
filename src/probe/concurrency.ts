// Bounded concurrency: a site's servers are probed a few at a time, never all at once.

/**
 * Maps `items` through an async function with at most `limit` calls in flight. Results keep the items'
 * order whatever order the calls finish in. A rejection rejects the whole map (after the calls already
 * started have settled), so no call is left running unobserved.
 * @param limit - maximum calls in flight (≥ 1)
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`concurrency limit must be an integer >= 1, got ${limit}`);
  const results = new Array<R>(items.length);
  // One shared cursor: each worker takes the next item when its previous call settles.
  const state: { next: number; failure: { error: unknown } | undefined } = { next: 0, failure: undefined };
  const worker = async (): Promise<void> => {
    while (state.failure === undefined && state.next < items.length) {
      const index = state.next++;
      try {
        results[index] = await fn(items[index] as T, index);
      } catch (error) {
        state.failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (state.failure !== undefined) throw state.failure.error;
  return results;
}
