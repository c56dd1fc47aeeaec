// Chart: one sweep metric against the varied parameter, the mean with its 95% confidence band.
//
// The x axis is the `--vary` path with the most values (the first of them on a tie); any other varied
// paths make one line per combination. Numbers and durations are placed to scale (durations in seconds,
// shown in minutes from two minutes up); other values are categories in the order given, drawn as bars.
import type { TopLevelSpec } from "vega-lite";
import { parseDuration } from "../../scenario/duration.js";
import { valueText } from "../../sweep/grid.js";
import { constantValue, type SweepResult, type SweepVariantResult } from "../../sweep/document.js";
import { isSecondsMetric } from "../../sweep/metricProfile.js";
import { chartConfig } from "./theme.js";
import { mergedLabel, shortNames, valuesText } from "./variedNames.js";
import { largest } from "../../extremes.js";

// Short titles for the contract's metrics; any other metric is titled by its path.
const TITLES: Readonly<Record<string, string>> = {
  "timeToFirstSuccessSeconds.mean": "time to first success, mean (s)",
  "timeToFirstSuccessSeconds.p50": "time to first success, p50 (s)",
  "timeToFirstSuccessSeconds.p90": "time to first success, p90 (s)",
  "timeToFirstSuccessSeconds.p99": "time to first success, p99 (s)",
  "timeToFirstSuccessSeconds.max": "time to first success, max (s)",
  "failedAttemptsBeforeSuccess.mean": "failed tries before success, mean",
  "failedAttemptsBeforeSuccess.max": "failed tries before success, max",
  "devices.connected": "devices connected",
  "devices.neverConnected": "devices never connected",
  "devices.enrollmentFailed": "devices whose enrollment failed",
  "attempts.failed": "failed tries",
};

/** A metric's human title (its path when it has none). */
export function metricTitle(path: string): string {
  return TITLES[path] ?? path;
}

/** A short axis title for a metric: its unit or what it counts (the figure's heading names the metric). */
export function metricUnit(path: string): string {
  if (isSecondsMetric(path)) return "seconds";
  if (path.startsWith("failedAttemptsBeforeSuccess.")) return "failed tries";
  if (path.startsWith("devices.")) return "devices";
  if (path.startsWith("attempts.")) return "tries";
  return path.slice(path.lastIndexOf(".") + 1);
}

/** Plot width of a sweep chart: two fit side by side on the page. */
export const SWEEP_CHART_WIDTH = 360;

/** Plot height of a sweep chart. */
export const SWEEP_CHART_HEIGHT = 170;

/** How the varied values are placed on the x axis. */
export interface SweepAxis {
  readonly path: string;
  /** Its short name among the varied paths (`syncInterval`): axis titles and legends use it. */
  readonly name: string;
  /** `number` and `duration` are to scale; `category` keeps the given order. */
  readonly kind: "number" | "duration" | "category";
  /** Axis title, with its unit. */
  readonly title: string;
  /** Divisor from the value (seconds for durations) to the axis unit. */
  readonly scale: number;
}

/** One variant's statistics of one metric. */
export interface SweepPoint {
  /** Position (to scale) or category text. */
  readonly x: number | string;
  /** The value as given (`5m`, `1000`). */
  readonly value: string;
  /**
   * The other varied values (`database = site, …`), or "" with one varied path; series whose points are all
   * the same are one series, named together (`database = site or replica1`).
   */
  readonly series: string;
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
}

const isDuration = (v: unknown) => typeof v === "string" && parseDuration(v) !== undefined;

/** The x axis of a sweep's charts: the varied path with the most distinct values. */
export function sweepAxis(result: SweepResult): SweepAxis | null {
  const first = result.variants[0];
  if (first === undefined) return null;
  const paths = Object.keys(first.set);
  const distinct = (p: string) => new Set(result.variants.map((v) => valueText(v.set[p]))).size;
  let path = paths[0];
  for (const p of paths) if (path === undefined || distinct(p) > distinct(path)) path = p;
  if (path === undefined) return null;
  const name = shortNames(paths).get(path) ?? path;
  const values = result.variants.map((v) => v.set[path]);
  if (values.every((v) => typeof v === "number"))
    return { path, name, kind: "number", title: name, scale: 1 };
  if (values.every(isDuration)) {
    const most = largest(values.map((v) => parseDuration(v) ?? 0));
    return most >= 120
      ? { path, name, kind: "duration", title: `${name} (min)`, scale: 60 }
      : { path, name, kind: "duration", title: `${name} (s)`, scale: 1 };
  }
  return { path, name, kind: "category", title: name, scale: 1 };
}

/**
 * What a chart plots of each variant: its mean over the runs (`means`), or its paired difference to the
 * baseline variant of `sweep --baseline` (`baseline`).
 */
export type SweepChartView = "means" | "baseline";

function plotted(
  v: SweepVariantResult,
  metric: string,
  view: SweepChartView,
): { mean: number | null; ci95: readonly [number, number] | null } | undefined {
  return view === "means" ? v.metrics[metric] : v.comparedToBaseline?.[metric]?.difference;
}

/** The points of one metric: one per variant with a value, in variant order; identical series merged. */
export function sweepPoints(
  result: SweepResult,
  metric: string,
  axis: SweepAxis,
  view: SweepChartView = "means",
): SweepPoint[] {
  const paths = Object.keys(result.variants[0]?.set ?? {});
  const others = paths.filter((p) => p !== axis.path);
  const names = shortNames(paths);
  const series = new Map<string, { set: SweepVariantResult["set"]; points: Omit<SweepPoint, "series">[] }>();
  for (const v of result.variants) {
    const stats = plotted(v, metric, view);
    if (stats?.mean === undefined || stats.mean === null) continue;
    const raw = v.set[axis.path];
    const value = valueText(raw);
    const x =
      axis.kind === "number"
        ? Number(raw)
        : axis.kind === "duration"
          ? Number(((parseDuration(raw) ?? 0) / axis.scale).toFixed(4))
          : value;
    const [lo, hi] = stats.ci95 ?? [stats.mean, stats.mean];
    const key = valuesText(v.set, others, names);
    const entry = series.get(key) ?? { set: v.set, points: [] };
    entry.points.push({ x, value, mean: stats.mean, lo, hi });
    series.set(key, entry);
  }
  // Series with the same points would hide one another: one line, named after all of them.
  const bySignature = new Map<
    string,
    { sets: SweepVariantResult["set"][]; points: Omit<SweepPoint, "series">[] }
  >();
  for (const { set, points } of series.values()) {
    const signature = JSON.stringify(points.map((p) => [p.x, p.mean, p.lo, p.hi]));
    const same = bySignature.get(signature);
    if (same) same.sets.push(set);
    else bySignature.set(signature, { sets: [set], points });
  }
  return [...bySignature.values()].flatMap(({ sets, points }) => {
    const label = others.length === 0 ? "" : mergedLabel(sets, others, names);
    return points.map((p) => ({ ...p, series: label }));
  });
}

/** True when a metric was the same in every run of every variant: a sentence, not a chart. */
export function isConstantMetric(result: SweepResult, metric: string): boolean {
  return constantValue(result, metric) !== undefined;
}

/**
 * The chart of one metric: a line through the means with the 95% confidence band (to-scale axes), or
 * bars with error bars (categories).
 * @returns a vega-lite spec with inline data (no I/O), or null when the metric has no value in any variant
 */
export function sweepChartSpec(
  result: SweepResult,
  metric: string,
  view: SweepChartView = "means",
): TopLevelSpec | null {
  const axis = sweepAxis(result);
  if (axis === null) return null;
  const points = sweepPoints(result, metric, axis, view);
  if (points.length === 0) return null;
  const several = points.some((p) => p.series !== "");
  const categorical = axis.kind === "category";
  const x = categorical
    ? {
        field: "x",
        type: "nominal" as const,
        title: axis.title,
        sort: [...new Set(points.map((p) => String(p.x)))],
        axis: { labelAngle: 0 },
      }
    : { field: "x", type: "quantitative" as const, title: axis.title, scale: { zero: false } };
  const y = {
    field: "mean",
    type: "quantitative" as const,
    title: view === "means" ? metricUnit(metric) : `${metricUnit(metric)} − variant ${result.baseline ?? 1}`,
    // Bars are lengths: they start at zero.
    scale: { zero: categorical || view === "baseline" },
  };
  const seriesOrder = [...new Set(points.map((p) => p.series))];
  const color = several
    ? {
        color: {
          field: "series",
          type: "nominal" as const,
          title: null,
          sort: seriesOrder,
          legend: { symbolOpacity: 1, labelLimit: 360, direction: "vertical" as const },
        },
      }
    : {};
  // Values that are not numbers are categories: a bar per variant (side by side per series), its interval
  // as a rule in the text's colour.
  const offset = several ? { xOffset: { field: "series", type: "nominal" as const, sort: seriesOrder } } : {};
  const marks = categorical
    ? [
        { mark: { type: "bar" as const }, encoding: { x, y, ...color, ...offset } },
        {
          mark: { type: "rule" as const, strokeWidth: 1.5, color: "currentColor" },
          encoding: { x, y: { ...y, field: "lo" }, y2: { field: "hi" }, ...offset },
        },
        // The mean above its interval: a bar of zero is still read as zero.
        {
          mark: { type: "text" as const, baseline: "bottom" as const, dy: -3, fontSize: 10 },
          encoding: { x, y: { ...y, field: "hi" }, text: { field: "mean", format: ".4~r" }, ...offset },
        },
      ]
    : [
        {
          mark: { type: "area" as const, opacity: 0.22 },
          encoding: { x, y: { ...y, field: "lo" }, y2: { field: "hi" }, ...color },
        },
        { mark: { type: "line" as const }, encoding: { x, y, ...color } },
        { mark: { type: "point" as const, filled: true, size: 36 }, encoding: { x, y, ...color } },
      ];
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: SWEEP_CHART_WIDTH,
    height: SWEEP_CHART_HEIGHT,
    config: chartConfig(),
    data: { values: points.map((p) => ({ ...p })) },
    layer: [
      ...marks,
      // No difference from the baseline: the line a verdict's interval must stay off.
      ...(view === "baseline"
        ? [{ mark: { type: "rule" as const, strokeDash: [4, 3] }, encoding: { y: { datum: 0 } } }]
        : []),
    ],
  };
}
