// The timeline of one device (`--trace`): every report of that device as a trace event. The events are
// recorded in the walk's order; `simulate` orders them by the kernel's rule (time, priority, record order).
import { Priority } from "../kernel/priority.js";
import type { TraceEvent } from "../results/device.js";
import { OK, REASONS } from "./reasons.js";
import type { WalkSink } from "./sink.js";
import type { SiteModel } from "./site.js";

const outcome = (reason: number): string => (reason === OK ? "ok" : (REASONS[reason] ?? "unknown"));

/** Records the events of device `index` of its group into `events`. */
export class TraceSink implements WalkSink {
  private active = false;
  private mpName: string | null = null;

  constructor(
    private readonly site: SiteModel,
    private readonly index: number,
    private readonly events: TraceEvent[],
  ) {}

  private record(time: number, priority: number, event: string, result: string, target: string | null): void {
    if (this.active) this.events.push({ time, priority, event, outcome: result, target });
  }

  beginDevice(index: number): void {
    this.active = index === this.index;
  }

  enrollmentTry(t: number, reason: number, epp: number): void {
    const name = this.site.enrollmentProxyPoints[epp]?.name ?? null;
    this.record(t, Priority.ENROLLMENT_TRY, "enrollment-try", outcome(reason), name);
  }

  committed(t: number): void {
    this.record(t, Priority.COMMIT, "commit", "ok", null);
  }

  carried(): void {}

  assigned(t: number, mp: number, replica: number, tick: number, visible: number): void {
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

  okPoll(t: number): void {
    this.record(t, Priority.MP_TRY, "poll", "ok", this.mpName);
  }

  fastForwarded(): void {}

  content(t: number, reason: number, dp: number): void {
    this.record(
      t,
      Priority.CONTENT_TRY,
      "content",
      outcome(reason),
      this.site.distributionPoints[dp]?.name ?? null,
    );
  }

  endDevice(): void {
    this.active = false;
  }
}
