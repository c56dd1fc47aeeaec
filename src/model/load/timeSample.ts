// The waits or responses of a finite server: every value kept to the millisecond, as counts. A result prints
// times rounded to the millisecond, and rounding is monotone, so the k-th smallest rounded value is the
// rounded k-th smallest value: the percentiles are exact, in constant memory per request. Values of a
// minute or more (rare: a request that waited that long) are kept in a list.

/** Milliseconds counted one by one below this (256 KiB of counts); at and above it, listed. */
const DENSE_MS = 65_536;

/** A sample of times (seconds ≥ 0): count, sum in arrival order, and each value to the millisecond. */
export class TimeSample {
  count = 0;
  /** The sum of the values as given, in the order given (the mean's exact bits). */
  sum = 0;
  private dense: Uint32Array | null = null;
  private long: number[] = [];
  private longSorted = true;

  push(seconds: number): void {
    this.next = seconds;
    this.add();
  }

  /** The value `add` takes: a field, since a double passed to a call that is not inlined is boxed. */
  next = 0;

  /** Adds `next`. */
  add(): void {
    const seconds = this.next;
    this.count++;
    this.sum += seconds;
    const x = seconds * 1000;
    // Math.round(x) for x ≥ 0, which V8 does slowly: x + 0.5 truncated is the same below DENSE_MS except
    // for the one double below 0.5, whose x + 0.5 rounds up to 1.
    const ms = x < DENSE_MS - 0.5 ? (x === 0.49999999999999994 ? 0 : (x + 0.5) | 0) : Math.round(x);
    if (ms < DENSE_MS) {
      const dense = (this.dense ??= new Uint32Array(DENSE_MS));
      dense[ms] = (dense[ms] ?? 0) + 1;
    } else {
      const last = this.long[this.long.length - 1];
      if (last !== undefined && ms < last) this.longSorted = false;
      this.long.push(ms);
    }
  }

  /** The `rank`-th smallest value (1-based), in milliseconds; NaN when there is none. */
  kth(rank: number): number {
    if (rank < 1 || rank > this.count) return NaN;
    let seen = 0;
    const dense = this.dense;
    if (dense !== null) {
      // Walk the counts; a run of a day has at most 65,536 of them to look at per percentile.
      for (let ms = 0; ms < DENSE_MS; ms++) {
        seen += dense[ms] ?? 0;
        if (seen >= rank) return ms;
      }
    }
    if (!this.longSorted) {
      this.long.sort((a, b) => a - b);
      this.longSorted = true;
    }
    return this.long[rank - seen - 1] ?? NaN;
  }

  /** How many values round to `ms` milliseconds or less. */
  countAtMost(ms: number): number {
    let n = 0;
    const dense = this.dense;
    if (dense !== null) for (let m = 0; m <= Math.min(ms, DENSE_MS - 1); m++) n += dense[m] ?? 0;
    for (const v of this.long) if (v <= ms) n++;
    return n;
  }

  /** Every value to the millisecond, ascending (for tests and small samples). */
  values(): number[] {
    const out: number[] = [];
    this.dense?.forEach((n, ms) => {
      for (let i = 0; i < n; i++) out.push(ms);
    });
    return [...out, ...[...this.long].sort((a, b) => a - b)];
  }
}
