// The small terminal chart `run` prints under its tables: failed DMP tries over the run (asciichart).
// Pure: counts in, text out; the command decides whether a terminal is there to show it.
import asciichart from "asciichart";
import { formatDuration } from "../scenario/duration.js";
import { largest } from "../extremes.js";

/** Most columns the chart uses: it fits an 80-column terminal with its axis labels. */
export const FAILURE_CHART_COLUMNS = 60;

/** Rows of the chart's plot area. */
export const FAILURE_CHART_HEIGHT = 6;

/** The failed tries of every management point, minute by minute (the sum over management points). */
export function failedPerMinute(
  managementPoints: readonly { readonly failedPerMinute: ArrayLike<number> }[],
): number[] {
  const minutes = Math.max(0, largest(managementPoints.map((m) => m.failedPerMinute.length)));
  const sum = new Array<number>(minutes).fill(0);
  for (const m of managementPoints)
    for (let i = 0; i < m.failedPerMinute.length; i++) sum[i] = (sum[i] ?? 0) + (m.failedPerMinute[i] ?? 0);
  return sum;
}

/**
 * A small line chart of failed tries over the run: at most `FAILURE_CHART_COLUMNS` columns, each the failed
 * tries in a bucket of whole minutes, with the time axis's ends written under it.
 * @param perMinute - failed tries in each minute of the run
 * @param durationSeconds - the run's length, for the axis
 * @returns the chart and a title line; one line when nothing failed
 */
export function renderFailureChart(perMinute: readonly number[], durationSeconds: number): string {
  const total = perMinute.reduce((n, x) => n + x, 0);
  if (total === 0) return "Failed device management point tries over the run: none\n";
  const bucket = Math.max(1, Math.ceil(perMinute.length / FAILURE_CHART_COLUMNS));
  const series: number[] = [];
  for (let start = 0; start < perMinute.length; start += bucket) {
    let sum = 0;
    for (let m = start; m < Math.min(perMinute.length, start + bucket); m++) sum += perMinute[m] ?? 0;
    series.push(sum);
  }
  const label = 7;
  const plot = asciichart.plot(series, {
    height: FAILURE_CHART_HEIGHT,
    min: 0,
    format: (x: number) => String(Math.round(x)).padStart(label),
  });
  // asciichart puts the plot after the label and a 2-character axis; the time axis lines up with it.
  const end = formatDuration(durationSeconds);
  const axis = `${" ".repeat(label + 1)}0${" ".repeat(Math.max(1, series.length - end.length))}${end}`;
  const per = bucket === 1 ? "minute" : `${bucket} minutes`;
  return `Failed device management point tries per ${per} (${total} in all)\n${plot}\n${axis}\n`;
}
