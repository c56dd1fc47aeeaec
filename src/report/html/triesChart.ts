// Chart: one management point's tries and failed tries per minute over the run, with what drives them
// marked: its replica's sync ticks (dotted rules), outages (shaded areas) and certificate validity edges.
import type { TopLevelSpec } from "vega-lite";
import { CHART_HEIGHT, CHART_WIDTH, FAILED_COLOR, OUTAGE_COLOR, TRIES_COLOR, chartConfig } from "./theme.js";

/** A shaded window of the run (an outage), seconds. */
export interface TimeArea {
  readonly from: number;
  readonly to: number;
  readonly label: string;
}

/** An instant of the run worth a rule (a certificate starting or ceasing to be valid), seconds. */
export interface TimeMark {
  readonly at: number;
  readonly label: string;
}

/** What the chart of one management point shows. */
export interface TriesTimeline {
  readonly server: string;
  readonly durationSeconds: number;
  /** Tries in each minute of the run. */
  readonly perMinute: ArrayLike<number>;
  /** Failed tries in each minute of the run. */
  readonly failedPerMinute: ArrayLike<number>;
  /** Start times of its replica's sync ticks (seconds); empty for the site database. */
  readonly ticks: readonly number[];
  readonly areas: readonly TimeArea[];
  readonly marks: readonly TimeMark[];
}

/** Most points a series keeps: longer runs are averaged over buckets of whole minutes. */
export const MAX_TIME_POINTS = 720;

/** Most sync ticks drawn: about 4 px apart at the least; closer, they would hatch the plot (the caption says so instead). */
export const MAX_TICKS = 160;

/** The time axis unit: minutes up to six hours, hours beyond. */
export function timeUnit(durationSeconds: number): { readonly name: "min" | "h"; readonly seconds: number } {
  return durationSeconds <= 6 * 3600 ? { name: "min", seconds: 60 } : { name: "h", seconds: 3600 };
}

/** One point of a series: tries per minute (averaged over the bucket) from time `t` on. */
export interface RatePoint<S extends string = "tries" | "failed tries"> {
  readonly series: S;
  /** Bucket start, in the axis unit. */
  readonly t: number;
  readonly perMinute: number;
}

/** A chart coordinate, rounded so that float noise never reaches the page. */
export const round = (x: number, digits = 4): number => Number(x.toFixed(digits));

/** Outage windows cut to the run `[0, duration)`, in the axis unit (`inUnit`); empty ones left out. */
export function clipAreas(
  areas: readonly { readonly from: number; readonly to: number; readonly label: string }[],
  duration: number,
  inUnit: (seconds: number) => number,
): { from: number; to: number; label: string }[] {
  return areas
    .map((a) => ({ from: Math.max(0, a.from), to: Math.min(duration, a.to), label: a.label }))
    .filter((a) => a.to > a.from)
    .map((a) => ({ from: inUnit(a.from), to: inUnit(a.to), label: a.label }));
}

type Area = { from: number; to: number; label: string };

/** A layer of outage windows: the shaded rectangles, or their labels. */
export type OutageLayer<X> =
  | {
      data: { values: Area[] };
      mark: { type: "rect"; fill: string; opacity: number };
      encoding: { x: X & { field: string }; x2: { field: string } };
    }
  | {
      data: { values: Area[] };
      mark: {
        type: "text";
        align: "left";
        baseline: "top";
        dx: number;
        y: number;
        fontSize: number;
        fill: string;
      };
      encoding: { x: X & { field: string }; text: { field: string } };
    };

/** A layer of `labelledRules`: the rules, or their labels. */
type RuleLayer<X> = {
  readonly data: { readonly values: readonly object[] };
  readonly mark: {
    readonly type: "rule" | "text";
    readonly [property: string]: unknown;
  };
  readonly encoding: {
    readonly x: X & { readonly field: string };
    readonly text?: { readonly field: string };
  };
};

/**
 * A dashed rule at each value's `field` on the time axis `x`, its `label` beside it at the top: the marked
 * instants of a chart (a certificate's expiry, a deployment), in `colour`, the label `dx`, `y` pixels off.
 */
export function labelledRules<X extends object>(
  values: readonly object[],
  field: string,
  x: X,
  style: { readonly colour: string; readonly dx: number; readonly y: number },
): RuleLayer<X>[] {
  return [
    {
      data: { values },
      mark: { type: "rule" as const, stroke: style.colour, strokeDash: [6, 3], strokeWidth: 1.5 },
      encoding: { x: { field, ...x } },
    },
    {
      data: { values },
      mark: {
        type: "text" as const,
        align: "left" as const,
        baseline: "top" as const,
        dx: style.dx,
        y: style.y,
        fontSize: 10,
        fill: style.colour,
      },
      encoding: { x: { field, ...x }, text: { field: "label" } },
    },
  ];
}

/** The layers that shade outage windows on time axis `x`, with their labels when `labelled`. */
export function outageLayers<X extends object>(areas: Area[], x: X, labelled = true): OutageLayer<X>[] {
  if (areas.length === 0) return [];
  const shade = {
    data: { values: areas },
    mark: { type: "rect" as const, fill: OUTAGE_COLOR.light, opacity: 0.16 },
    encoding: { x: { field: "from", ...x }, x2: { field: "to" } },
  };
  const label = {
    data: { values: areas },
    mark: {
      type: "text" as const,
      align: "left" as const,
      baseline: "top" as const,
      dx: 3,
      y: 3,
      fontSize: 10,
      fill: OUTAGE_COLOR.light,
    },
    encoding: { x: { field: "from", ...x }, text: { field: "label" } },
  };
  return labelled ? [shade, label] : [shade];
}

/**
 * Per-minute counts as points in buckets of `bucket` minutes (each the bucket's mean per minute), plus a
 * closing point at the end of the run so the last step is drawn.
 */
export function ratePoints<S extends string>(
  series: S,
  perMinute: ArrayLike<number>,
  bucket: number,
  unitSeconds: number,
  durationSeconds: number,
): RatePoint<S>[] {
  const points: RatePoint<S>[] = [];
  for (let start = 0; start < perMinute.length; start += bucket) {
    const end = Math.min(perMinute.length, start + bucket);
    let sum = 0;
    for (let m = start; m < end; m++) sum += perMinute[m] ?? 0;
    points.push({ series, t: round((start * 60) / unitSeconds), perMinute: round(sum / (end - start), 3) });
  }
  const last = points[points.length - 1];
  if (last) points.push({ series, t: round(durationSeconds / unitSeconds), perMinute: last.perMinute });
  return points;
}

/** Minutes per bucket so that a run has at most `MAX_TIME_POINTS` points. */
export function bucketMinutes(minutes: number): number {
  return Math.max(1, Math.ceil(minutes / MAX_TIME_POINTS));
}

/**
 * The chart of one management point, or null when nothing tried it.
 * @returns a vega-lite spec with inline data (no I/O)
 */
export function triesChartSpec(timeline: TriesTimeline): TopLevelSpec | null {
  let any = false;
  for (let m = 0; m < timeline.perMinute.length; m++) if ((timeline.perMinute[m] ?? 0) > 0) any = true;
  if (!any) return null;
  const duration = timeline.durationSeconds;
  const unit = timeUnit(duration);
  const bucket = bucketMinutes(timeline.perMinute.length);
  const inUnit = (s: number) => round(s / unit.seconds);
  const rates = [
    ...ratePoints("tries", timeline.perMinute, bucket, unit.seconds, duration),
    ...ratePoints("failed tries", timeline.failedPerMinute, bucket, unit.seconds, duration),
  ];
  const areas = clipAreas(timeline.areas, duration, inUnit);
  const marks = timeline.marks
    .filter((m) => m.at >= 0 && m.at < duration)
    .map((m) => ({ at: inUnit(m.at), label: m.label }));
  const ticks = timeline.ticks.length <= MAX_TICKS ? timeline.ticks.map((t) => ({ at: inUnit(t) })) : [];
  const x = {
    type: "quantitative" as const,
    title: `time into the run (${unit.name})`,
    scale: { domain: [0, inUnit(duration)], nice: false },
    // No vertical grid: the vertical rules are the sync ticks.
    axis: { grid: false },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: chartConfig(),
    layer: [
      ...outageLayers(areas, x),
      ...(ticks.length > 0
        ? [
            {
              data: { values: ticks },
              mark: {
                type: "rule" as const,
                stroke: "currentColor",
                strokeOpacity: 0.5,
                strokeDash: [2, 2],
              },
              encoding: { x: { field: "at", ...x } },
            },
          ]
        : []),
      ...(marks.length > 0
        ? labelledRules(marks, "at", x, { colour: OUTAGE_COLOR.light, dx: 3, y: 16 })
        : []),
      {
        data: { values: rates },
        mark: { type: "area" as const, interpolate: "step-after" as const, fillOpacity: 0.22, line: true },
        encoding: {
          x: { field: "t", ...x },
          y: { field: "perMinute", type: "quantitative", title: "tries per minute", stack: null },
          color: {
            field: "series",
            type: "nominal",
            title: null,
            scale: { domain: ["tries", "failed tries"], range: [TRIES_COLOR.light, FAILED_COLOR.light] },
          },
        },
      },
    ],
  };
}
