// Chart: one deployment's reach over time — the share of its targeted devices that have received it, as a
// step line from the instant it was made, with that instant and the syncs of the replicas behind the
// targeted devices' management points marked (a replica holds a deployment back until its next sync).
import type { TopLevelSpec } from "vega-lite";
import { formatDuration } from "../../scenario/duration.js";
import { CHART_HEIGHT, CHART_WIDTH, SERIES, TRIES_COLOR, chartConfig } from "./theme.js";
import { labelledRules, MAX_TICKS, MAX_TIME_POINTS, round, timeUnit } from "./triesChart.js";

/** A replica's sync ticks, seconds from the start of the run. */
export interface ReplicaSyncs {
  readonly replica: string;
  readonly ticks: ArrayLike<number>;
}

/** What the chart of one deployment shows. */
export interface DeploymentTimeline {
  readonly name: string;
  /** When it was made, seconds from the start. */
  readonly at: number;
  readonly targeted: number;
  /** When each device that received it did, seconds from the start, ascending. */
  readonly receivedAt: ArrayLike<number>;
  readonly durationSeconds: number;
  /** The replicas behind the targeted devices' management points. */
  readonly syncs: readonly ReplicaSyncs[];
}

/** The window the chart shows, seconds after `at`: a little before it to just after the last receipt. */
export interface DeploymentWindow {
  readonly from: number;
  readonly to: number;
  readonly unit: { readonly name: "min" | "h"; readonly seconds: number };
}

/** One step of the line: from `t` (axis unit, since the deployment) on, `share` of the targeted devices. */
export interface SharePoint {
  readonly t: number;
  readonly share: number;
}

/** One sync tick inside the window: `t` in the axis unit since the deployment. */
export interface SyncPoint {
  readonly t: number;
  readonly replica: string;
}

/** Colours of the replicas' syncs (the line is the tries' colour; the next ones are the replicas'). */
const SYNC_COLORS = SERIES.slice(2).map((c) => c.light);

/**
 * The window of a deployment's chart: from the deployment to its last receipt (to the run's end when nobody
 * received it), with a margin on each side, at least a minute wide.
 */
export function deploymentWindow(timeline: DeploymentTimeline): DeploymentWindow {
  const n = timeline.receivedAt.length;
  const rest = Math.max(0, timeline.durationSeconds - timeline.at);
  const last = n > 0 ? (timeline.receivedAt[n - 1] ?? timeline.at) - timeline.at : rest;
  const span = Math.max(60, last);
  const margin = span * 0.04;
  // Never past the run's end: nothing is known there.
  const to = Math.min(span + margin, Math.max(rest, last));
  return { from: -margin, to, unit: timeUnit(to + margin) };
}

/** How many of ascending `values` are at most `x`. */
function countAtMost(values: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] ?? Infinity) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The step line: 0 from the window's start, then a step at each instant devices received it (exact up to
 * `MAX_TIME_POINTS` instants; beyond, the share at that many evenly spaced instants), and a closing point at
 * the window's end.
 */
export function sharePoints(timeline: DeploymentTimeline, window: DeploymentWindow): SharePoint[] {
  const { at, receivedAt, targeted } = timeline;
  const inUnit = (s: number) => round(s / window.unit.seconds);
  const share = (count: number) => (targeted > 0 ? round(count / targeted) : 0);
  const points: SharePoint[] = [{ t: inUnit(window.from), share: 0 }];
  const instants: number[] = [];
  for (let i = 0; i < receivedAt.length; i++) {
    const t = receivedAt[i] ?? 0;
    if (instants[instants.length - 1] !== t) instants.push(t);
  }
  if (instants.length <= MAX_TIME_POINTS)
    for (const t of instants) points.push({ t: inUnit(t - at), share: share(countAtMost(receivedAt, t)) });
  else
    for (let k = 0; k < MAX_TIME_POINTS; k++) {
      const since = (window.to * k) / MAX_TIME_POINTS;
      points.push({ t: inUnit(since), share: share(countAtMost(receivedAt, at + since)) });
    }
  points.push({ t: inUnit(window.to), share: share(countAtMost(receivedAt, at + window.to)) });
  return points;
}

/** The replicas' sync ticks at or after the deployment and inside the window, in the axis unit. */
export function syncPoints(timeline: DeploymentTimeline, window: DeploymentWindow): SyncPoint[] {
  const points: SyncPoint[] = [];
  for (const { replica, ticks } of timeline.syncs)
    for (let i = 0; i < ticks.length; i++) {
      const since = (ticks[i] ?? 0) - timeline.at;
      if (since >= 0 && since <= window.to) points.push({ t: round(since / window.unit.seconds), replica });
    }
  return points;
}

/**
 * The chart of one deployment (drawn even when nobody received it: a flat line at 0 says so).
 * @returns a vega-lite spec with inline data (no I/O)
 */
export function deploymentChartSpec(timeline: DeploymentTimeline): TopLevelSpec {
  const window = deploymentWindow(timeline);
  const inUnit = (s: number) => round(s / window.unit.seconds);
  const syncs = syncPoints(timeline, window);
  const x = {
    type: "quantitative" as const,
    title: `time since the deployment (${window.unit.name})`,
    scale: { domain: [inUnit(window.from), inUnit(window.to)], nice: false },
    // No vertical grid: the vertical rules are the syncs.
    axis: { grid: false },
  };
  const deployed = [{ t: 0, label: `deployed, ${formatDuration(timeline.at)} into the run` }];
  const replicas = timeline.syncs.map((s) => s.replica);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: chartConfig(),
    layer: [
      ...(syncs.length > 0 && syncs.length <= MAX_TICKS
        ? [
            {
              data: { values: syncs },
              mark: { type: "rule" as const, strokeDash: [2, 2], strokeWidth: 1.2 },
              encoding: {
                x: { field: "t", ...x },
                color: {
                  field: "replica",
                  type: "nominal" as const,
                  title: "syncs of",
                  scale: { domain: replicas, range: SYNC_COLORS.slice(0, Math.max(1, replicas.length)) },
                  legend: { labelLimit: 360 },
                },
              },
            },
          ]
        : []),
      ...labelledRules(deployed, "t", x, { colour: "currentColor", dx: 4, y: 4 }),
      {
        data: { values: sharePoints(timeline, window) },
        mark: {
          type: "line" as const,
          interpolate: "step-after" as const,
          stroke: TRIES_COLOR.light,
          strokeWidth: 2,
        },
        encoding: {
          x: { field: "t", ...x },
          y: {
            field: "share",
            type: "quantitative" as const,
            title: "share of targeted devices that have it",
            scale: { domain: [0, 1] },
            axis: { format: ".0%", values: [0, 0.25, 0.5, 0.75, 0.9, 1] },
          },
        },
      },
    ],
  };
}
