// The times `scenarioArbitrary` draws: any whole second, or (its grid arm) multiples of one step, so that
// polls, commits, syncs, outage edges, certificate instants and service ends fall at the same seconds and
// the order of events at one instant decides results.
import fc from "fast-check";

/** How one scenario's times are drawn: `step` 0 for any whole second, else multiples of `step` seconds. */
export class GridTimes {
  constructor(readonly step: number) {}

  /** Whether the scenario is on a grid. */
  get on(): boolean {
    return this.step > 0;
  }

  /** A time in [min, max]; on the grid the multiples of the step there (the nearest above `min` at least). */
  between(min: number, max: number): fc.Arbitrary<number> {
    if (this.step === 0) return fc.integer({ min, max });
    const lo = Math.ceil(min / this.step);
    return fc.integer({ min: lo, max: Math.max(lo, Math.floor(max / this.step)) }).map((k) => k * this.step);
  }

  /** `free` off the grid, `grid` on it. */
  pick<T>(free: fc.Arbitrary<T>, grid: fc.Arbitrary<T>): fc.Arbitrary<T> {
    return this.on ? grid : free;
  }
}

/**
 * Off the grid always, or (`grid`) on it one time in three: a grid of a minute (the unit of sync intervals
 * and retry waits) or of five (the commonest poll interval).
 */
export function gridTimesArbitrary(grid: boolean): fc.Arbitrary<GridTimes> {
  const off = fc.constant(new GridTimes(0));
  if (!grid) return off;
  return fc.oneof(
    { weight: 2, arbitrary: off },
    { weight: 1, arbitrary: fc.constantFrom(60, 300).map((step) => new GridTimes(step)) },
  );
}

/** The instant `t` seconds after 2026-01-01T00:00:00Z (the generated scenarios' start), as a file writes it. */
export function instantAfterStart(t: number): string {
  return new Date(Date.UTC(2026, 0, 1) + t * 1000).toISOString().replace(".000Z", "Z");
}
