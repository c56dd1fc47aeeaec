// What kind of number a result path is: the range its values can take (so no interval leaves it) and
// the interval method that suits it (Student's t for means and counts, a bootstrap for order statistics).
import type { Scenario } from "../scenario/schema.js";
import { smallest } from "../extremes.js";

/** How a metric's 95% interval is computed (named in `--format json` as `"method"`). */
export type IntervalMethod = "student-t" | "bootstrap-percentile";

/**
 * The range a metric's value lies in, `[lowest, highest]`; null for an open end. Plain JSON (no
 * `Infinity`), so it travels in shard files.
 */
export type Bounds = readonly [number | null, number | null];

/** A metric's interval method and range. */
export interface MetricProfile {
  readonly method: IntervalMethod;
  readonly bounds: Bounds;
}

const lastSegment = (path: string): string => path.slice(path.lastIndexOf(".") + 1);

/**
 * The interval method of a metric: a percentile bootstrap over runs for order statistics (`pNN`, `max`,
 * `min`: discrete, bounded values whose spread over a few runs is far from normal), Student's t for
 * everything else (means, counts, sums).
 */
export function intervalMethod(path: string): IntervalMethod {
  return /^(p\d+|max|min)$/.test(lastSegment(path)) ? "bootstrap-percentile" : "student-t";
}

/**
 * Whether a result path's values are fractions, [0, 1] in any scenario: a share, fraction or ratio (the
 * last segment ends so), or a finite server's `utilisation` (a `load` entry is read by its field alone).
 */
export function isFractionMetric(path: string): boolean {
  const last = lastSegment(path);
  return path.startsWith("load.") ? last === "utilisation" : /(share|fraction|ratio)$/i.test(last);
}

/**
 * Whether a result path's values are seconds: a segment ends in `Seconds` (a time, or a statistic of one),
 * and the last is not `count` (how many times a statistic is of).
 */
export function isSecondsMetric(path: string): boolean {
  const time = timeOf(path.split("."));
  return time.at >= 0 && !time.count;
}

// A path's time: the segment that ends in `Seconds` (-1: none), and whether the path is that time's
// `count` (how many times a statistic is of) rather than seconds.
function timeOf(segments: readonly string[]): { readonly at: number; readonly count: boolean } {
  const at = segments.findIndex((s) => s.endsWith("Seconds"));
  return { at, count: at >= 0 && segments[segments.length - 1] === "count" };
}

/**
 * The possible range of a result path's value in a scenario:
 * - a share, fraction or ratio (the name ends so): [0, 1];
 * - anything under `devices`, the `count` of a time statistic and `content.neverServed`: [0, the
 *   scenario's devices];
 * - a time (a segment ending in `Seconds`): [least, duration], where least is the smallest
 *   `firstPollDelay` for the time to first success (no device can succeed before its first poll) and 0
 *   for other times;
 * - every other number of a run's result (tries, failures, syncs, loads): [0, open].
 * A finite server's `load` entry is read by its field alone (its server's name may hold any word): its
 * `utilisation` [0, 1], its wait and response seconds [0, duration], its counts and queue [0, open].
 */
export function metricBounds(scenario: Scenario, path: string): Bounds {
  if (isFractionMetric(path)) return [0, 1];
  const segments = path.split(".");
  if (segments[0] === "load") return loadBounds(scenario, segments);
  const time = timeOf(segments);
  // A time statistic's `count` is of devices.
  if (segments.includes("devices") || time.count || path === "content.neverServed")
    return [0, scenario.devices.reduce((sum, g) => sum + g.count, 0)];
  if (time.at >= 0) {
    const least =
      segments[time.at] === "timeToFirstSuccessSeconds"
        ? smallest(scenario.devices.map((g) => g.firstPollDelay))
        : 0;
    return [least, scenario.duration];
  }
  return [0, null];
}

// load.SECTION.NAME.FIELD[.PART]: the fields are known, so the tail says which it is whatever the name.
function loadBounds(scenario: Scenario, segments: readonly string[]): Bounds {
  const last = segments[segments.length - 1];
  const statistic = /^(mean|p50|p90|p99|max)$/.test(last ?? "");
  if (statistic && /^(waitSeconds|responseSeconds)$/.test(segments[segments.length - 2] ?? ""))
    return [0, scenario.duration];
  return [0, null];
}

/** The profile of a metric in a scenario (`intervalMethod` and `metricBounds`). */
export function metricProfile(scenario: Scenario, path: string): MetricProfile {
  return { method: intervalMethod(path), bounds: metricBounds(scenario, path) };
}

/** The range of `b − a` for a in `a`'s bounds and b in `b`'s. */
export function differenceBounds(a: Bounds, b: Bounds): Bounds {
  return [
    b[0] === null || a[1] === null ? null : b[0] - a[1],
    b[1] === null || a[0] === null ? null : b[1] - a[0],
  ];
}

/** `x` moved into `bounds`. */
export function clamp(x: number, bounds: Bounds): number {
  const [lo, hi] = bounds;
  return Math.min(hi ?? Infinity, Math.max(lo ?? -Infinity, x));
}
