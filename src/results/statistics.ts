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
  return n === 0 ? null : (sorted[nearestRankIndex(n, q)] ?? null);
}

/** The 0-based index of the nearest-rank percentile q in n ≥ 1 sorted values: ⌈q·n⌉ − 1. */
export function nearestRankIndex(n: number, q: number): number {
  // Integer arithmetic on percent avoids ⌈0.9·10⌉ = 10 turning into 9.000000000000002 → 10 surprises.
  const rank = Math.max(1, Math.ceil((Math.round(q * 100) * n) / 100));
  return Math.min(n, rank) - 1;
}

/**
 * Puts the k-th smallest (0-based) of `a[lo, hi)` at `a[k]`, no larger value before it and no smaller one
 * after it, in place: quickselect with a three-way partition (runs of equal values, such as the zero waits
 * of an idle server, end a round instead of degrading it) around the median of three elements at
 * pseudo-random places (a fixed xorshift sequence: ordered input, common in waits, does not degrade it, and
 * the same values always take the same steps).
 */
export function selectInPlace(a: Float64Array, k: number, lo = 0, hi = a.length): void {
  let state = 0x9e3779b9;
  const at = (from: number, n: number) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return from + ((state >>> 0) % n);
  };
  while (hi - lo > 1) {
    const x = a[at(lo, hi - lo)] ?? 0;
    const y = a[at(lo, hi - lo)] ?? 0;
    const z = a[at(lo, hi - lo)] ?? 0;
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    // [lo, lt) < pivot, [lt, i) = pivot, (gt, hi) > pivot.
    let lt = lo;
    let i = lo;
    let gt = hi - 1;
    while (i <= gt) {
      const v = a[i] ?? 0;
      if (v < pivot) {
        a[i++] = a[lt] ?? 0;
        a[lt++] = v;
      } else if (v > pivot) {
        a[i] = a[gt] ?? 0;
        a[gt--] = v;
      } else i++;
    }
    if (k < lt) hi = lt;
    else if (k > gt) lo = gt + 1;
    else return;
  }
}

/**
 * Nearest-rank percentiles of values (not modified) by selection in `scratch` (at least as long): linear
 * time, and no memory beyond the one scratch copy, for lists of tens of millions of values.
 * @param qs - the percentiles wanted, in (0, 1]
 * @returns one value per q (null for no values)
 */
export function nearestRanksBySelection(
  values: Float64Array,
  qs: readonly number[],
  scratch: Float64Array = new Float64Array(values.length),
): (number | null)[] {
  const n = values.length;
  if (n === 0) return qs.map(() => null);
  const a = scratch.subarray(0, n);
  a.set(values);
  // Largest rank first: after selecting k, a[0, k) holds the k smallest, where every smaller rank lies.
  const order = qs.map((q, i) => ({ k: nearestRankIndex(n, q), i })).sort((p, q) => q.k - p.k);
  const out: (number | null)[] = qs.map(() => null);
  let hi = n;
  for (const { k, i } of order) {
    // The largest value (q = 1) by a scan: it moves nothing, so the next selection still spans a[0, n).
    if (k === n - 1) {
      let max = -Infinity;
      for (let j = 0; j < n; j++) max = Math.max(max, a[j] ?? -Infinity);
      out[i] = max;
      continue;
    }
    selectInPlace(a, k, 0, hi);
    out[i] = a[k] ?? null;
    hi = k + 1;
  }
  return out;
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
  return summarizeSorted(sortedCopy(Float64Array.from(values)), values);
}

/**
 * An ascending copy of finite numbers: an LSD radix sort on the IEEE-754 bits (four 16-bit digits), about
 * five times faster than the built-in sort at a million values; below 250,000 values (where its cold start
 * costs more than it saves) the built-in sort.
 */
export function sortedCopy(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < 250_000) return Float64Array.from(values).sort();
  // Map each double to an unsigned 64-bit key with the same order: flip the sign bit of positives, all
  // bits of negatives. Keys live as (hi, lo) 32-bit halves.
  const words = new Uint32Array(Float64Array.from(values).buffer);
  let hi = new Uint32Array(n);
  let lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + 1] ?? 0;
    const l = words[2 * i] ?? 0;
    if (h & 0x80000000) {
      hi[i] = ~h >>> 0;
      lo[i] = ~l >>> 0;
    } else {
      hi[i] = (h | 0x80000000) >>> 0;
      lo[i] = l;
    }
  }
  let hiOut = new Uint32Array(n);
  let loOut = new Uint32Array(n);
  const counts = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const source = pass < 2 ? lo : hi;
    const shift = (pass & 1) * 16;
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const d = ((source[i] ?? 0) >>> shift) & 0xffff;
      counts[d] = (counts[d] ?? 0) + 1;
    }
    // Skip a pass whose digit is the same everywhere (common: times share their high bits).
    if (counts[((source[0] ?? 0) >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[d] ?? 0;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const d = ((source[i] ?? 0) >>> shift) & 0xffff;
      const at = counts[d] ?? 0;
      counts[d] = at + 1;
      hiOut[at] = hi[i] ?? 0;
      loOut[at] = lo[i] ?? 0;
    }
    [hi, hiOut] = [hiOut, hi];
    [lo, loOut] = [loOut, lo];
  }
  const out = new Float64Array(n);
  const outWords = new Uint32Array(out.buffer);
  for (let i = 0; i < n; i++) {
    const h = hi[i] ?? 0;
    const l = lo[i] ?? 0;
    if (h & 0x80000000) {
      outWords[2 * i + 1] = (h & 0x7fffffff) >>> 0;
      outWords[2 * i] = l;
    } else {
      outWords[2 * i + 1] = ~h >>> 0;
      outWords[2 * i] = ~l >>> 0;
    }
  }
  return out;
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
