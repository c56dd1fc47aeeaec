// Chart: ConfigMgr clients falling back over the run — per management point, the clients that switched to it
// per minute after five failed tries in ten minutes at their own, with the management points' outages shaded.
import type { TopLevelSpec } from "vega-lite";
import { CHART_HEIGHT, CHART_WIDTH, SERIES, chartConfig } from "./theme.js";
import {
  bucketMinutes,
  clipAreas,
  outageLayers,
  ratePoints,
  round,
  timeUnit,
  type TimeArea,
} from "./triesChart.js";
import { largest } from "../../extremes.js";

/** One management point's fallbacks: the clients that fell back to it in each minute of the run. */
export interface FallbackSeries {
  readonly server: string;
  readonly perMinute: ArrayLike<number>;
}

/** What the fallback chart shows. */
export interface FallbackTimeline {
  readonly durationSeconds: number;
  readonly managementPoints: readonly FallbackSeries[];
  /** Outages that explain the fallbacks (the management points' own), shaded. */
  readonly areas: readonly TimeArea[];
}

/** One step: from `t` (axis unit) on, the bucket's mean of clients falling back to `server` per minute. */
export interface FallbackPoint {
  readonly server: string;
  readonly t: number;
  readonly perMinute: number;
}

const anyNonZero = (values: ArrayLike<number>): boolean => {
  for (let i = 0; i < values.length; i++) if ((values[i] ?? 0) > 0) return true;
  return false;
};

/** The management points any client fell back to, in site order. */
export function fallbackTargets(timeline: FallbackTimeline): FallbackSeries[] {
  return timeline.managementPoints.filter((m) => anyNonZero(m.perMinute));
}

/** Per-minute fallbacks in buckets of `bucket` minutes (each the bucket's mean), plus a closing point. */
export function fallbackPoints(
  series: FallbackSeries,
  bucket: number,
  unitSeconds: number,
  durationSeconds: number,
): FallbackPoint[] {
  // The tries chart's buckets, named by the management point.
  return ratePoints(series.server, series.perMinute, bucket, unitSeconds, durationSeconds).map((p) => ({
    server: p.series,
    t: p.t,
    perMinute: p.perMinute,
  }));
}

/**
 * The fallback chart: one step line per management point that any client fell back to.
 * @returns a vega-lite spec with inline data (no I/O), or null when no client fell back
 */
export function fallbackChartSpec(timeline: FallbackTimeline): TopLevelSpec | null {
  const targets = fallbackTargets(timeline);
  if (targets.length === 0) return null;
  const duration = timeline.durationSeconds;
  const unit = timeUnit(duration);
  const minutes = largest(targets.map((t) => t.perMinute.length));
  const bucket = bucketMinutes(minutes);
  const inUnit = (s: number) => round(s / unit.seconds);
  const x = {
    type: "quantitative" as const,
    title: `time into the run (${unit.name})`,
    scale: { domain: [0, inUnit(duration)], nice: false },
  };
  const servers = targets.map((t) => t.server);
  const points = targets.flatMap((t) => fallbackPoints(t, bucket, unit.seconds, duration));
  const peak = largest(points.map((p) => p.perMinute));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: chartConfig(),
    layer: [
      ...outageLayers(clipAreas(timeline.areas, duration, inUnit), x),
      {
        data: { values: points },
        mark: { type: "area" as const, interpolate: "step-after" as const, fillOpacity: 0.22, line: true },
        encoding: {
          x: { field: "t", ...x },
          y: {
            field: "perMinute",
            type: "quantitative" as const,
            title: "clients falling back per minute",
            stack: null,
            // Headroom above the peak for the outages' labels.
            scale: { domain: [0, round(peak * 1.15, 3)], nice: true },
          },
          color: {
            field: "server",
            type: "nominal" as const,
            title: "fell back to",
            // Past the tries' two colours: these lines are clients, not tries.
            scale: { domain: servers, range: SERIES.slice(2).map((c) => c.light) },
            legend: { labelLimit: 360 },
          },
        },
      },
    ],
  };
}
