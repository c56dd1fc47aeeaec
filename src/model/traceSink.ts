// The timeline of one device (`--trace`): every report as a trace event. The walk reports to this sink for
// the traced device only. The events are recorded in the walk's order; `simulate` orders them by the
// kernel's rule (time, priority, record order).
import { Priority } from "../kernel/priority.js";
import type { TraceEvent } from "../results/device.js";
import { OK, REASONS } from "./reasons.js";
import type { DeviceOutcome, WalkSink } from "./sink.js";
import type { SiteModel } from "./site.js";

const outcome = (reason: number): string => (reason === OK ? "ok" : (REASONS[reason] ?? "unknown"));

/** Records the events of the device it is given into `events`. */
export class TraceSink implements WalkSink {
  constructor(
    private readonly site: SiteModel,
    private readonly events: TraceEvent[],
    /** The traced device is a ConfigMgr client (it registers at a management point). */
    private readonly client = false,
  ) {}

  private record(time: number, priority: number, event: string, result: string, target: string | null): void {
    this.events.push({ time, priority, event, outcome: result, target });
  }

  enrollmentTry(t: number, reason: number, epp: number): void {
    // A ConfigMgr client registers at a management point: `epp` is then an MP's position.
    const client = this.client;
    const name = (client ? this.site.managementPoints : this.site.enrollmentProxyPoints)[epp]?.name ?? null;
    this.record(
      t,
      Priority.ENROLLMENT_TRY,
      client ? "registration-try" : "enrollment-try",
      outcome(reason),
      name,
    );
  }

  managementPointTry(t: number, mp: number, retry: boolean, reason: number): void {
    this.record(t, Priority.MP_TRY, retry ? "retry" : "poll", outcome(reason), this.mpName(mp));
  }

  okPolls(mp: number, committedAt: number, offsets: Float64Array, from: number, to: number): void {
    for (let k = from; k < to; k++)
      this.record(committedAt + (offsets[k] ?? 0), Priority.MP_TRY, "poll", "ok", this.mpName(mp));
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

  switched(t: number, _from: number, to: number, back: boolean): void {
    this.record(
      t,
      back ? Priority.COMMIT : Priority.MP_TRY,
      back ? "refresh" : "fallback",
      "ok",
      this.mpName(to),
    );
  }

  deployment(deployment: number, _index: number, t: number): void {
    this.record(
      t,
      Priority.MP_TRY,
      "deployment",
      "received",
      this.site.deployments[deployment]?.name ?? null,
    );
  }

  /**
   * The commit, the assignment and the visibility, from the outcome. Recorded after the tries, which
   * changes nothing: the trace is ordered by time and priority, and no other event of this device shares
   * the priority of these.
   */
  endDevice(d: DeviceOutcome): void {
    const t = d.committedAt;
    if (t < 0) return;
    this.record(t, Priority.COMMIT, "commit", "ok", null);
    const mpName = this.mpName(d.managementPoint);
    this.record(t, Priority.COMMIT, "assigned", mpName === null ? "no-management-point" : "ok", mpName);
    if (d.visibleAt === Infinity) return;
    const name = this.site.replicas[d.replica]?.name;
    if (name !== undefined) this.record(d.tick, Priority.SYNC_TICK, "sync", "carries the record", name);
    // A record visible at or after the end of the run: that event does not happen in the run.
    if (d.visibleAt < this.site.duration)
      this.record(d.visibleAt, Priority.VISIBLE, "visible", "ok", name ?? "site");
  }

  private mpName(mp: number): string | null {
    return this.site.managementPoints[mp]?.name ?? null;
  }
}
