// A piecewise-constant reason over time: the rules sampled at their change points. Exact, because every
// time-dependent rule (outages, certificate validity) is constant between its change points.
import { OK, REASON_ID, type Reason } from "./reasons.js";
import { inForce } from "../kernel/ties.js";

/** Segment i covers [starts[i], starts[i+1]) and has reason id reasons[i] (OK = -1 for none). */
export interface ReasonTimeline {
  readonly starts: Float64Array;
  readonly reasons: Int16Array;
}

/**
 * Samples `reasonAt` at 0 and at each change point, merging equal neighbours.
 * @param changePoints - ascending times in (0, duration)
 */
export function sampleTimeline(
  changePoints: readonly number[],
  reasonAt: (t: number) => Reason | null,
): ReasonTimeline {
  const starts: number[] = [];
  const reasons: number[] = [];
  for (const t of [0, ...changePoints]) {
    const reason = reasonAt(t);
    const id = reason === null ? OK : REASON_ID[reason];
    if (reasons.length > 0 && reasons[reasons.length - 1] === id) continue;
    starts.push(t);
    reasons.push(id);
  }
  return { starts: Float64Array.from(starts), reasons: Int16Array.from(reasons) };
}

/** A timeline with one reason (or OK) at every time. */
export function constantTimeline(reasonId: number): ReasonTimeline {
  return { starts: Float64Array.of(0), reasons: Int16Array.of(reasonId) };
}

/** The reason id at time `t` (t ≥ 0). */
export function timelineAt(timeline: ReasonTimeline, t: number): number {
  const { starts, reasons } = timeline;
  let i = starts.length - 1;
  // Segments are few (outage edges, validity bounds): a backward scan beats a binary search here.
  while (i > 0 && !inForce(starts[i] ?? 0, t)) i--;
  return reasons[i] ?? OK;
}

/** When the timeline turns OK for good: the start of its last segment if that is OK, else Infinity. */
export function okFrom(timeline: ReasonTimeline): number {
  const last = timeline.starts.length - 1;
  return timeline.reasons[last] === OK ? (timeline.starts[last] ?? 0) : Infinity;
}

/** One stretch of a timeline inside a run: `[from, to)` with one reason id. */
export interface Segment {
  readonly from: number;
  readonly to: number;
  readonly reason: number;
}

/** The stretches of `[0, end)` whose reason `keep` accepts, in time order. */
export function segmentsWhere(
  timeline: ReasonTimeline,
  end: number,
  keep: (reason: number) => boolean,
): Segment[] {
  const out: Segment[] = [];
  const { starts, reasons } = timeline;
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i] ?? 0;
    const to = Math.min(end, starts[i + 1] ?? Infinity);
    const reason = reasons[i] ?? OK;
    if (from < to && keep(reason)) out.push({ from, to, reason });
  }
  return out;
}
