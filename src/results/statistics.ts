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
  return sorted[rankOf(n, q) - 1] ?? null;
}

/** The nearest rank ⌈q·n⌉ of `n` values (1-based, at least 1, at most n): the one rule of every percentile. */
export function rankOf(n: number, q: number): number {
  // Integer arithmetic on percent avoids ⌈0.9·10⌉ = 10 turning into 9.000000000000002 → 10 surprises.
  return Math.min(n, Math.max(1, Math.ceil((Math.round(q * 100) * n) / 100)));
}

/** Mean in index order (so the same values always give the same bits), or null when empty. */
export function mean(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] ?? 0;
  return sum / values.length;
}

const maybe = (x: number | null): number | null => (x === null ? null : round3(x));

/** The percentiles every summary reports, by their quantile; the maximum is the rank-n value. */
const QUANTILES = [0.5, 0.9, 0.95, 0.99] as const;

/**
 * Summarizes values (not modified), in index order for the mean. The percentiles come from selection on a
 * scratch copy, not a sort: the same values, bit for bit, as indexing a sorted copy (selectRanks).
 */
export function summarize(values: Float64Array | readonly number[]): Summary {
  const n = values.length;
  if (n === 0) return { count: 0, mean: null, p50: null, p90: null, p95: null, p99: null, max: null };
  const ranks = QUANTILES.map((q) => rankOf(n, q));
  const [p50, p90, p95, p99, max] = selectRanks(
    values instanceof Float64Array ? values : Float64Array.from(values),
    [...ranks, n],
  );
  return {
    count: n,
    mean: maybe(mean(values)),
    p50: maybe(p50 ?? null),
    p90: maybe(p90 ?? null),
    p95: maybe(p95 ?? null),
    p99: maybe(p99 ?? null),
    max: maybe(max ?? null),
  };
}

/**
 * The values at 1-based `ranks` of `values` (not modified) in ascending order (Float64Array sort order: -0
 * before 0, NaN last), as indexing a sorted copy gives them. Large arrays: one pass that brackets each rank
 * between two values of a sample (bracketRanks); small ones, or when a bracket misses, selection on a copy.
 */
export function selectRanks(values: Float64Array, ranks: readonly number[]): number[] {
  const n = values.length;
  for (const r of ranks) if (!(r >= 1 && r <= n)) throw new RangeError(`rank ${r} outside 1..${n}`);
  const out = (n >= BRACKET_MIN ? bracketRanks(values, ranks) : null) ?? selectInCopy(values, ranks);
  // Comparisons cannot tell -0 from 0; the sort order can, so a zero's sign is decided by counting.
  const zeros = out.some((v) => v === 0) ? zeroRanks(values) : null;
  if (zeros !== null)
    ranks.forEach((r, i) => {
      if (out[i] === 0) out[i] = r - 1 < zeros.negativeZeroEnd && r - 1 >= zeros.belowZero ? -0 : 0;
    });
  return out;
}

/** From this many values on, bracketing (one pass) beats selection on a copy (several). */
const BRACKET_MIN = 1 << 16;
/** Sampled values that place the brackets. */
const SAMPLE = 1 << 15;

/**
 * Ranks by bracketing: a sorted sample puts each rank between two values a ≤ b, with four standard
 * deviations of the sample's rank to spare. The brackets' ends cut the values into slots: each end itself
 * (its ties: counted) and the gaps between ends (counted, and kept when inside a bracket). One pass sorts the
 * values into slots; a rank is then found by counting through them, and selected within its gap. Null when a
 * rank falls in a gap not kept or a gap keeps too many (a sample far from the values) or a value is NaN: the
 * caller selects on a copy. Exact either way: the sample only decides how much is kept.
 */
export function bracketRanks(values: Float64Array, ranks: readonly number[]): number[] | null {
  const n = values.length;
  const sample = new Float64Array(SAMPLE);
  // A fixed LCG picks the sample: no stride for periodic values to line up with, the same picks every run.
  let x = n >>> 0;
  for (let j = 0; j < SAMPLE; j++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    sample[j] = values[x % n] ?? 0;
  }
  sample.sort();
  const brackets = ranks.map((r) => {
    const p = (r - 0.5) / n;
    const spare = 4 * Math.sqrt(SAMPLE * p * (1 - p)) + 16;
    const from = Math.floor(p * SAMPLE - spare);
    const to = Math.ceil(p * SAMPLE + spare);
    return {
      low: from <= 0 ? -Infinity : (sample[from] ?? -Infinity),
      high: to >= SAMPLE - 1 ? Infinity : (sample[to] ?? Infinity),
    };
  });
  // The ends, ascending and distinct (0 and -0 are one end: comparisons cannot tell them apart).
  const ends = Float64Array.from(new Set(brackets.flatMap((br) => [br.low, br.high]))).sort();
  const m = ends.length;
  // Slot 2j: the gap below ends[j] (above ends[j - 1]); slot 2j + 1: ends[j] itself; slot 2m: above all.
  const counts = new Float64Array(2 * m + 1);
  const keep: (Float64Array | null)[] = Array.from({ length: 2 * m + 1 }, () => null);
  const kept = new Int32Array(2 * m + 1);
  const cap = Math.max(4096, n >>> 4);
  for (const { low, high } of brackets) {
    const from = ends.indexOf(low);
    const to = ends.indexOf(high);
    for (let j = from + 1; j <= to; j++) keep[2 * j] ??= new Float64Array(cap);
  }
  for (let k = 0; k < n; k++) {
    const v = values[k] ?? 0;
    if (v !== v) return null;
    let j = 0;
    while (j < m && v > (ends[j] ?? 0)) j++;
    const slot = j < m && v === ends[j] ? 2 * j + 1 : 2 * j;
    counts[slot] = (counts[slot] ?? 0) + 1;
    const into = keep[slot];
    if (into) {
      const at = kept[slot] ?? 0;
      if (at === cap) return null;
      into[at] = v;
      kept[slot] = at + 1;
    }
  }
  const out: number[] = [];
  for (const r of ranks) {
    let k = r - 1;
    let slot = 0;
    while (k >= (counts[slot] ?? 0)) k -= counts[slot++] ?? 0;
    if (slot % 2 === 1) {
      out.push(ends[(slot - 1) / 2] ?? NaN);
      continue;
    }
    const into = keep[slot];
    if (!into) return null;
    floydRivest(into, k, 0, (kept[slot] ?? 0) - 1);
    out.push(into[k] ?? NaN);
  }
  return out;
}

/**
 * Ranks by selection on a copy: largest first, each selection confined to the part left of the previous
 * one, so a summary's five ranks cost about two passes over the values rather than a sort.
 */
function selectInCopy(values: Float64Array, ranks: readonly number[]): number[] {
  // NaN has no place in comparisons; the sort puts it last.
  if (values.some((v) => Number.isNaN(v))) {
    const sorted = Float64Array.from(values).sort();
    return ranks.map((r) => sorted[r - 1] ?? NaN);
  }
  const scratch = Float64Array.from(values);
  const n = scratch.length;
  const order = ranks.map((_, i) => i).sort((a, b) => (ranks[b] ?? 0) - (ranks[a] ?? 0));
  const out = new Array<number>(ranks.length).fill(NaN);
  let right = n - 1;
  for (const i of order) {
    const k = (ranks[i] ?? 1) - 1;
    if (k === n - 1 && right === n - 1) placeMax(scratch);
    else floydRivest(scratch, k, 0, right);
    out[i] = scratch[k] ?? NaN;
    right = k;
  }
  return out;
}

/** How many values are below zero, and where the -0s end in sort order. */
function zeroRanks(values: Float64Array): { belowZero: number; negativeZeroEnd: number } {
  let below = 0;
  let negativeZeros = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? 0;
    if (v < 0) below++;
    else if (v === 0 && Object.is(v, -0)) negativeZeros++;
  }
  return { belowZero: below, negativeZeroEnd: below + negativeZeros };
}

/** Moves the largest value to the last slot (one pass). */
function placeMax(a: Float64Array): void {
  const last = a.length - 1;
  let at = last;
  for (let i = 0; i < last; i++) if ((a[i] ?? 0) > (a[at] ?? 0)) at = i;
  swap(a, at, last);
}

/**
 * Floyd–Rivest selection: afterwards a[k] is the (k+1)-th smallest of a[left..right], smaller-or-equal values
 * left of it, larger-or-equal right of it. Large ranges first narrow to a sample's bracket around k.
 */
function floydRivest(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      floydRivest(a, k, newLeft, newRight);
    }
    const t = a[k] ?? 0;
    let i = left;
    let j = right;
    swap(a, left, k);
    if ((a[right] ?? 0) > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while ((a[i] ?? 0) < t) i++;
      while ((a[j] ?? 0) > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const x = a[i] ?? 0;
  a[i] = a[j] ?? 0;
  a[j] = x;
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
