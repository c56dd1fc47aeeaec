// The timeline of one device (`--trace`): every report as a trace event. The walk reports to this sink for
// the traced device only. The events are recorded in the walk's order; `simulate` orders them by the
// kernel's rule (time, priority, record order).
import { Priority } from "../kernel/priority.js";
import type { TraceEvent } from "../results/device.js";
import { OK, REASONS } from "./reasons.js";
import type { WalkSink } from "./sink.js";
import type { SiteModel } from "./site.js";

const outcome = (reason: number): string => (reason === OK ? "ok" : (REASONS[reason] ?? "unknown"));

/** Records the events of the device it is given into `events`. */
export class TraceSink implements WalkSink {
  private mpName: string | null = null;

  constructor(
    private readonly site: SiteModel,
    private readonly events: TraceEvent[],
  ) {}

  private record(time: number, priority: number, event: string, result: string, target: string | null): void {
    this.events.push({ time, priority, event, outcome: result, target });
  }

  enrollmentTry(t: number, reason: number, epp: number): void {
    const name = this.site.enrollmentProxyPoints[epp]?.name ?? null;
    this.record(t, Priority.ENROLLMENT_TRY, "enrollment-try", outcome(reason), name);
  }

  committed(t: number, mp: number, replica: number, tick: number, visible: number): void {
    this.record(t, Priority.COMMIT, "commit", "ok", null);
    this.mpName = this.site.managementPoints[mp]?.name ?? null;
    this.record(
      t,
      Priority.COMMIT,
      "assigned",
      this.mpName === null ? "no-management-point" : "ok",
      this.mpName,
    );
    if (visible === Infinity) return;
    const name = this.site.replicas[replica]?.name;
    if (name !== undefined) this.record(tick, Priority.SYNC_TICK, "sync", "carries the record", name);
    // A record visible at or after the end of the run: that event does not happen in the run.
    if (visible < this.site.duration) this.record(visible, Priority.VISIBLE, "visible", "ok", name ?? "site");
  }

  managementPointTry(t: number, retry: boolean, reason: number): void {
    this.record(t, Priority.MP_TRY, retry ? "retry" : "poll", outcome(reason), this.mpName);
  }

  okPolls(committedAt: number, offsets: Float64Array, from: number, to: number): void {
    for (let k = from; k < to; k++)
      this.record(committedAt + (offsets[k] ?? 0), Priority.MP_TRY, "poll", "ok", this.mpName);
  }

  content(t: number, reason: number, dp: number): void {
    this.record(
      t,
      Priority.CONTENT_TRY,
      "content",
      outcome(reason),
      this.site.distributionPoints[dp]?.name ?? null,
    );
  }

  endDevice(): void {}
}
