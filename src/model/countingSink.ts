// The counters of the result: per group, per management point, per replica. The sink every run has.
import { OK } from "./reasons.js";
import { PollHistogram, RUN_HISTOGRAM_CELLS } from "./pollHistogram.js";
import type { DeviceOutcome, WalkSink } from "./sink.js";
import { bump, countSwitch, perMinute, type GroupTally, type ManagementPointTally } from "./tally.js";

/** Run-wide counters shared by every group's counting sink. */
export class RunCounters {
  readonly delays: Float64Array[];
  readonly delayCounts: Int32Array;
  /** Per management point, the histograms of the groups' shared poll offsets (folded in at the end). */
  private readonly histograms: PollHistogram[][];
  /** The cells the histograms take together. */
  private histogramCells = 0;

  constructor(
    readonly managementPoints: readonly ManagementPointTally[],
    replicas: number,
    commits: number,
    /** Per deployment, per targeted device: when it received it (newDeploymentTallies). */
    readonly deployments: readonly Float64Array[] = [],
    /** Per deployment: the first slot of each group (DeploymentModel.offsets). */
    readonly deploymentOffsets: readonly Int32Array[] = [],
  ) {
    this.delays = Array.from({ length: replicas }, () => new Float64Array(commits));
    this.delayCounts = new Int32Array(replicas);
    this.histograms = managementPoints.map(() => []);
  }

  /** A new histogram of the shared offsets `table` at management point `mp` (null: count per poll). */
  histogram(mp: number, table: Float64Array, polls: number): PollHistogram | null {
    const tally = this.managementPoints[mp];
    const kept = this.histograms[mp];
    if (tally === undefined || kept === undefined) return null;
    const budget = RUN_HISTOGRAM_CELLS - this.histogramCells;
    const histogram = PollHistogram.of(table, tally.perMinute.length, polls, budget);
    if (histogram === null) return null;
    this.histogramCells += histogram.cells;
    kept.push(histogram);
    return histogram;
  }

  /**
   * Per management point, its tries and failed tries: the sums of its per-minute counts, as every try is
   * counted in its minute (so the walk's hottest report counts one number, not three). The polls counted in
   * histograms are added to the per-minute counts first.
   */
  totalManagementPointTries(): void {
    this.managementPoints.forEach((mp, i) => {
      for (const h of this.histograms[i] ?? []) h.foldInto(mp.perMinute);
    });
    for (const mp of this.managementPoints) {
      mp.attempts = mp.perMinute.reduce((n, c) => n + c, 0);
      mp.failed = mp.failedPerMinute.reduce((n, c) => n + c, 0);
    }
  }

  /** Devices whose fast-forwarded polls were counted in a histogram rather than one by one. */
  batchedDevices(): number {
    return this.histograms.flat().reduce((n, h) => n + h.devices, 0);
  }

  /** Per replica: the delays recorded, device order. */
  visibilityDelays(): Float64Array[] {
    return this.delays.map((d, r) => d.subarray(0, this.delayCounts[r]));
  }
}

/** Counts one group's devices into its tally and the run's counters. */
export class CountingSink implements WalkSink {
  private enrollmentTries = 0;
  /** Per management point: the histogram of the group's shared offsets, null when it counts per poll. */
  private readonly histograms: (PollHistogram | null)[] = [];
  /** The group's jitter-free offsets, the same array for every device (`shareOffsets`), or null. */
  private table: Float64Array | null = null;

  constructor(
    readonly tally: GroupTally,
    private readonly run: RunCounters,
    /** The group's position in the scenario. */
    private readonly group = 0,
  ) {}

  /** The group's walk reads its polls from `table` for every device (null: stepped per device). */
  shareOffsets(table: Float64Array | null): void {
    this.table = table;
  }

  /** Events of this group: enrollment tries, commits, DMP and content tries (each counted once, elsewhere). */
  get events(): number {
    const { tally } = this;
    return this.enrollmentTries + tally.enrolled + tally.attempts + tally.contentAttempted;
  }

  enrollmentTry(): void {
    this.enrollmentTries++;
  }

  managementPointTry(t: number, mp: number, _retry: boolean, reason: number): void {
    const { tally } = this;
    // -1 (no MP) never reaches the array: a negative index would slow every lookup at this line.
    const at = mp >= 0 ? this.run.managementPoints[mp] : undefined;
    tally.attempts++;
    if (at !== undefined) perMinute(at.perMinute, t);
    if (reason === OK) {
      tally.succeeded++;
      return;
    }
    bump(tally.failedByReason, reason);
    if (at !== undefined) perMinute(at.failedPerMinute, t);
  }

  okPolls(mp: number, committedAt: number, offsets: Float64Array, from: number, to: number): void {
    const polls = to - from;
    this.tally.attempts += polls;
    this.tally.succeeded += polls;
    const at = this.run.managementPoints[mp];
    if (at === undefined) return;
    if (offsets === this.table && this.histogramOf(mp, offsets)?.add(committedAt, from, to) === true) return;
    // A minute each: the hottest line of a long run.
    const minutes = at.perMinute;
    for (let k = from; k < to; k++) perMinute(minutes, committedAt + (offsets[k] ?? 0));
  }

  /** Management point `mp`'s histogram of the shared offsets `table` (made at its first use), or null. */
  private histogramOf(mp: number, table: Float64Array): PollHistogram | null {
    let h = this.histograms[mp];
    if (h === undefined) {
      // Worth a histogram when the group's polls outnumber its cells (fold cost): a poll per offset per device.
      h = this.run.histogram(mp, table, this.tally.ttfs.length * Math.max(0, table.length - 1));
      this.histograms[mp] = h;
    }
    return h;
  }

  content(_t: number, reason: number): void {
    const { tally } = this;
    tally.contentAttempted++;
    if (reason !== OK) {
      bump(tally.contentFailedByReason, reason);
      return;
    }
    tally.contentSucceeded++;
  }

  switched(t: number, from: number, to: number, back: boolean): void {
    countSwitch(this.run.managementPoints, t, from, to, back);
  }

  deployment(deployment: number, index: number, t: number): void {
    const slot = (this.run.deploymentOffsets[deployment]?.[this.group] ?? 0) + index;
    const into = this.run.deployments[deployment];
    if (into) into[slot] = t;
  }

  endDevice(d: DeviceOutcome): void {
    const { tally } = this;
    if (d.committedAt < 0) {
      if (d.enrollmentFailed) {
        tally.enrollmentFailed++;
        bump(tally.enrollmentFailedByReason, d.lastEnrollReason);
      } else tally.enrollmentPending++;
      return;
    }
    tally.enrolled++;
    const at = d.managementPoint >= 0 ? this.run.managementPoints[d.managementPoint] : undefined;
    if (at !== undefined) at.devices++;
    // The commit's visibility delay in each replica whose tick carries it (Infinity: none does).
    const { delays, delayCounts } = this.run;
    const seen = d.visibilityDelays;
    for (let r = 0; r < seen.length; r++) {
      const delay = seen[r] ?? Infinity;
      if (delay === Infinity) continue;
      const slot = delayCounts[r] ?? 0;
      const into = delays[r];
      if (into) into[slot] = delay;
      delayCounts[r] = slot + 1;
    }
    if (d.firstSuccessAt < 0) {
      bump(tally.neverConnectedByReason, d.lastReason);
      return;
    }
    tally.ttfs[tally.connected] = d.firstSuccessAt - d.committedAt;
    tally.failures[tally.connected] = d.failedBefore;
    tally.connected++;
    if (d.failedBefore > 0) tally.connectedAfterFailures++;
    if (d.contentPending) tally.contentNeverServed++;
    // Here, not at the content report: devices under load finish out of their order, the list is in theirs.
    if (d.contentAt >= 0) tally.timeToContent.push(d.contentAt);
  }
}
