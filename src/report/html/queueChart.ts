// Chart: one finite server over the run: its utilisation (busy workers over workers) above, the requests
// waiting for a worker below, on one time axis, with its outages shaded in both.
import type { TopLevelSpec } from "vega-lite";
import { CHART_WIDTH, SERIES, TRIES_COLOR, chartConfig } from "./theme.js";
import { bucketMinutes, clipAreas, outageLayers, round, timeUnit, type TimeArea } from "./triesChart.js";

/** What the chart of one finite server shows. */
export interface QueueTimeline {
  readonly durationSeconds: number;
  /** Busy workers / workers in each minute of the run, 0 to 1. */
  readonly utilisation: ArrayLike<number>;
  /** Requests waiting at each minute's end. */
  readonly queueAtEnd: ArrayLike<number>;
  /** Outages, shaded. */
  readonly areas: readonly TimeArea[];
}

/** One step of the chart: from bucket start `t` (axis unit) on. */
export interface QueuePoint {
  readonly t: number;
  /** The bucket's mean utilisation. */
  readonly utilisation: number;
  /** The most requests waiting at a minute's end in the bucket (a peak is what a queue chart is for). */
  readonly queue: number;
}

/** The colour of the queue (the tries' colour is the utilisation's). */
export const QUEUE_COLOR = SERIES[2] ?? TRIES_COLOR;

const UTILISATION_HEIGHT = 110;
const QUEUE_HEIGHT = 130;

/** Per-minute values in buckets of `bucket` minutes, plus a closing point at the run's end for the last step. */
export function queuePoints(timeline: QueueTimeline, bucket: number, unitSeconds: number): QueuePoint[] {
  const minutes = Math.max(timeline.utilisation.length, timeline.queueAtEnd.length);
  const points: QueuePoint[] = [];
  for (let start = 0; start < minutes; start += bucket) {
    const end = Math.min(minutes, start + bucket);
    let busy = 0;
    let queue = 0;
    for (let m = start; m < end; m++) {
      busy += timeline.utilisation[m] ?? 0;
      queue = Math.max(queue, timeline.queueAtEnd[m] ?? 0);
    }
    points.push({ t: round((start * 60) / unitSeconds), utilisation: round(busy / (end - start)), queue });
  }
  const last = points[points.length - 1];
  if (last) points.push({ ...last, t: round(timeline.durationSeconds / unitSeconds) });
  return points;
}

/**
 * The chart of one finite server (drawn even when idle: a flat line says it was).
 * @returns a vega-lite spec with inline data (no I/O)
 */
export function queueChartSpec(timeline: QueueTimeline): TopLevelSpec {
  const duration = timeline.durationSeconds;
  const unit = timeUnit(duration);
  const minutes = Math.max(timeline.utilisation.length, timeline.queueAtEnd.length);
  const points = queuePoints(timeline, bucketMinutes(minutes), unit.seconds);
  const inUnit = (s: number) => round(s / unit.seconds);
  const areas = clipAreas(timeline.areas, duration, inUnit);
  const x = {
    type: "quantitative" as const,
    title: `time into the run (${unit.name})`,
    scale: { domain: [0, inUnit(duration)], nice: false },
  };
  // The top panel's time axis is the bottom one's: no labels or title of its own.
  const topX = { ...x, title: null, axis: { labels: false, ticks: false } };
  const shaded = (axis: typeof x | typeof topX, labelled: boolean) => outageLayers(areas, axis, labelled);
  const step = (color: string) => ({
    type: "area" as const,
    interpolate: "step-after" as const,
    color,
    fillOpacity: 0.22,
    line: true,
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: chartConfig(),
    spacing: 6,
    vconcat: [
      {
        width: CHART_WIDTH,
        height: UTILISATION_HEIGHT,
        layer: [
          ...shaded(topX, true),
          {
            data: { values: points },
            mark: step(TRIES_COLOR.light),
            encoding: {
              x: { field: "t", ...topX },
              y: {
                field: "utilisation",
                type: "quantitative",
                title: "utilisation",
                scale: { domain: [0, 1] },
                axis: { format: ".0%", tickCount: 4 },
              },
            },
          },
        ],
      },
      {
        width: CHART_WIDTH,
        height: QUEUE_HEIGHT,
        layer: [
          ...shaded(x, false),
          {
            data: { values: points },
            mark: step(QUEUE_COLOR.light),
            encoding: {
              x: { field: "t", ...x },
              y: {
                field: "queue",
                type: "quantitative",
                title: "requests waiting",
                // Whole requests: no 0.5 ticks on a small queue, and a flat 0 still has an axis.
                scale: { domainMin: 0, nice: true },
                axis: { tickMinStep: 1, format: "d" },
              },
            },
          },
        ],
      },
    ],
  };
}
