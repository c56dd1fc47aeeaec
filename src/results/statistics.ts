// Summary statistics over exact values: nearest-rank percentiles (the ⌈q·n⌉-th smallest), means in a
// fixed summation order, everything rounded to the millisecond for printing.

/** Rounds seconds (or any reported measure) to three decimals, so float noise never reaches the output. */
export function round3(x: number): number {
  const r = Math.round(x * 1000) / 1000;
  return Object.is(r, -0) ? 0 : r;
}

/** count, mean, p50, p90, p95, p99 and max of a sample; null statistics when it is empty. */
export interface Summary {
  readonly count: number;
  readonly mean: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

/** The nearest-rank percentile of sorted values: the ⌈q·n⌉-th smallest (q in (0, 1]). */
export function nearestRank(sorted: ArrayLike<number>, q: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  // Integer arithmetic on percent avoids ⌈0.9·10⌉ = 10 turning into 9.000000000000002 → 10 surprises.
  const rank = Math.max(1, Math.ceil((Math.round(q * 100) * n) / 100));
  return sorted[Math.min(n, rank) - 1] ?? null;
}

/** Mean in index order (so the same values always give the same bits), or null when empty. */
export function mean(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] ?? 0;
  return sum / values.length;
}

const maybe = (x: number | null): number | null => (x === null ? null : round3(x));

/** Summarizes values (not modified; a sorted copy is made). */
export function summarize(values: Float64Array | readonly number[]): Summary {
  return summarizeSorted(Float64Array.from(values).sort(), values);
}

/** Summarizes values already sorted ascending; `inOrder` gives the mean's summation order. */
export function summarizeSorted(sorted: Float64Array, inOrder: ArrayLike<number>): Summary {
  const values = inOrder;
  return {
    count: sorted.length,
    mean: maybe(mean(values)),
    p50: maybe(nearestRank(sorted, 0.5)),
    p90: maybe(nearestRank(sorted, 0.9)),
    p95: maybe(nearestRank(sorted, 0.95)),
    p99: maybe(nearestRank(sorted, 0.99)),
    max: maybe(sorted.length > 0 ? (sorted[sorted.length - 1] ?? null) : null),
  };
}

/** Merges ascending arrays into one ascending array (linear time, no re-sort). */
export function mergeSorted(parts: readonly Float64Array[]): Float64Array {
  let merged: Float64Array = new Float64Array(0);
  for (const part of parts) {
    const out = new Float64Array(merged.length + part.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < merged.length && j < part.length) {
      const a = merged[i] ?? 0;
      const b = part[j] ?? 0;
      if (a <= b) {
        out[k++] = a;
        i++;
      } else {
        out[k++] = b;
        j++;
      }
    }
    while (i < merged.length) out[k++] = merged[i++] ?? 0;
    while (j < part.length) out[k++] = part[j++] ?? 0;
    merged = out;
  }
  return merged;
}
