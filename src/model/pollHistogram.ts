// Fast-forwarded polls of a jitter-free schedule counted per (commit minute, offset index) rather than per
// poll: every device of such a group polls at the same offsets from its commit, so a device's run of polls
// is two increments here, and the per-minute series is built once at the end. Exactly the series the
// per-poll count gives: a device is taken only when the minute of each of its polls is known without
// computing it (see `add`); any other device is left to the per-poll count.
import { minuteOf } from "./tally.js";

/** Most cells (commit minutes × offsets) one histogram may take: 4 MiB of counts. */
export const HISTOGRAM_CELLS = 1 << 20;
/** Most cells a run's histograms may take together (32 MiB): past it, groups count per poll. */
export const RUN_HISTOGRAM_CELLS = 1 << 23;

/**
 * A commit's distance from its minute's edges below which `add` leaves a device to the per-poll count: far
 * above the rounding of `commit + offset` and of its division by 60 in any run (≤ 366 days, ulp ≤ 2^-27 s).
 */
const EDGE = 1e-3;

/** Counts fast-forwarded polls at one management point of a group whose offsets are a shared table. */
export class PollHistogram {
  /** Per table index: the offset in whole minutes. */
  private readonly minutes: Int32Array;
  /** Per (commit minute m, index k) at m·width + k: devices whose counted polls start (+1) or stop (−1) at k. */
  private readonly edges: Int32Array;
  private readonly width: number;
  /** Its size in cells (counted against RUN_HISTOGRAM_CELLS). */
  get cells(): number {
    return this.edges.length;
  }
  /** Devices counted here (the rest went to the per-poll count). */
  devices = 0;

  /** `table`: the schedule's offsets (PollCursor's table), every one a whole number of minutes. */
  private constructor(table: Float64Array, runMinutes: number) {
    this.width = table.length;
    this.minutes = Int32Array.from(table, (o) => o / 60);
    this.edges = new Int32Array(runMinutes * this.width);
  }

  /**
   * A histogram for `table` over a run of `runMinutes`, or null when it cannot be exact (an offset that is not
   * a whole number of minutes) or costs too much: more cells than HISTOGRAM_CELLS, than `budget` (what the
   * run's other histograms left) or than `polls` (a bound on the polls it would count: its saving).
   */
  static of(
    table: Float64Array,
    runMinutes: number,
    polls: number,
    budget = HISTOGRAM_CELLS,
  ): PollHistogram | null {
    const cells = runMinutes * table.length;
    if (cells > Math.min(HISTOGRAM_CELLS, budget) || cells > polls) return null;
    // The last offset is the first past the run: never counted, so never checked.
    for (let k = 0; k < table.length - 1; k++) {
      const o = table[k] ?? NaN;
      if (!(o >= 0 && o % 60 === 0 && o < 2 ** 31)) return null;
    }
    return new PollHistogram(table, runMinutes);
  }

  /**
   * Counts the polls at `committedAt + table[k]` for k in [from, to); false (nothing counted) when the device
   * must be counted per poll. Exact because the offsets are whole minutes: a commit strictly inside its minute
   * m, by more than EDGE from both edges, has each poll in minute m + table[k]/60 however `commit + offset`
   * rounds; a commit on the edge itself (m·60, a whole number) adds exactly.
   */
  add(committedAt: number, from: number, to: number): boolean {
    const m = minuteOf(committedAt);
    const f = committedAt - m * 60;
    if (!(f === 0 || (f >= EDGE && f <= 60 - EDGE))) return false;
    const row = m * this.width;
    if (to >= this.width || row + to >= this.edges.length) return false;
    const edges = this.edges;
    edges[row + from] = (edges[row + from] ?? 0) + 1;
    edges[row + to] = (edges[row + to] ?? 0) - 1;
    this.devices++;
    return true;
  }

  /** Adds the polls counted into `perMinute` (indices past its end dropped, as the per-poll count drops them). */
  foldInto(perMinute: Uint32Array): void {
    const { edges, width, minutes } = this;
    const rows = edges.length / width;
    for (let m = 0; m < rows; m++) {
      let devices = 0;
      const row = m * width;
      for (let k = 0; k < width; k++) {
        devices += edges[row + k] ?? 0;
        if (devices === 0) continue;
        const at = m + (minutes[k] ?? 0);
        if (at < perMinute.length) perMinute[at] = (perMinute[at] ?? 0) + devices;
      }
    }
    edges.fill(0);
  }
}
