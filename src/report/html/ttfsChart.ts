// Chart: the cumulative distribution of the time to first success, simulated beside the closed form.
import type { TopLevelSpec } from "vega-lite";
import type { CdfStep } from "./cdf.js";
import { BACKGROUND_COLOR, CHART_HEIGHT, CHART_WIDTH, chartConfig } from "./theme.js";
import { largest } from "../../extremes.js";

/** The simulated line's width; the closed form's background stroke is narrower, so its edges show. */
export const SIMULATED_WIDTH = 4.5;
const HALO_WIDTH = 2.5;

/** The curves of one device group. */
export interface TtfsSeries {
  readonly group: string;
  /** The simulated distribution over the group's connected devices (`empiricalCdf`). */
  readonly simulated: readonly CdfStep[];
  /** The closed form (`closedFormCdf`), or null when it does not apply to the group. */
  readonly closedForm: readonly CdfStep[] | null;
}

/** One data point of the chart. */
export interface TtfsPoint {
  readonly group: string;
  readonly curve: "simulated" | "closed form";
  readonly seconds: number;
  /** The same time in minutes: the axis unit (polls come minutes apart). */
  readonly minutes: number;
  readonly fraction: number;
}

// The curves in legend order (ordinal, so size and opacity channels may encode them).
const CURVES = ["simulated", "closed form"];

const round = (x: number, digits: number) => Number(x.toFixed(digits));

/**
 * The chart's data: every step of every curve, each curve carried on at its last fraction to the right
 * edge (the largest time of any curve, plus 5%) so a curve that reached 1 does not stop short.
 */
export function ttfsPoints(series: readonly TtfsSeries[]): TtfsPoint[] {
  const curves = series.flatMap((s) => [
    { group: s.group, curve: "simulated" as const, steps: s.simulated },
    ...(s.closedForm ? [{ group: s.group, curve: "closed form" as const, steps: s.closedForm }] : []),
  ]);
  const last = Math.max(0, largest(curves.flatMap((c) => c.steps.map((p) => p.seconds))));
  const edge = last > 0 ? last * 1.05 : 60;
  return curves.flatMap(({ group, curve, steps }) => {
    if (steps.length === 0) return [];
    const end = steps[steps.length - 1];
    const extended =
      end && end.seconds < edge ? [...steps, { seconds: edge, fraction: end.fraction }] : steps;
    return extended.map((p) => ({
      group,
      curve,
      seconds: round(p.seconds, 3),
      minutes: round(p.seconds / 60, 4),
      fraction: round(p.fraction, 6),
    }));
  });
}

const curveChannel = (range: unknown[]) => ({
  field: "curve",
  type: "ordinal" as const,
  sort: CURVES,
  title: null,
  scale: { domain: CURVES, range },
});

const only = (curve: TtfsPoint["curve"]) => [{ filter: { field: "curve", equal: curve } }];

/**
 * A step line per group and curve: colour by group, solid and wide for the simulation, dashed for the closed
 * form. Where the two agree the closed form runs inside the simulated line, cut into it by a stroke of the
 * page's background: both stay visible, and the simulated line keeps its full colour (legible on a dark page).
 * @returns a vega-lite spec with inline data (no I/O), or null when no group has a connected device
 */
export function ttfsChartSpec(series: readonly TtfsSeries[]): TopLevelSpec | null {
  const values = ttfsPoints(series);
  if (!values.some((p) => p.curve === "simulated")) return null;
  const groups = [...new Set(series.map((s) => s.group))];
  const line = { type: "line" as const, interpolate: "step-after" as const };
  // One legend for the curves: vega-lite merges these two channels of one field into it.
  const curves = {
    strokeDash: curveChannel([
      [1, 0],
      [6, 4],
    ]),
    strokeWidth: curveChannel([SIMULATED_WIDTH, 1.5]),
  };
  const config = chartConfig();
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    // The curves' legend symbols are drawn in the text's colour, not vega's grey (unreadable on a dark page).
    config: { ...config, legend: { ...config.legend, symbolStrokeColor: "currentColor" } },
    data: { values: [...values] },
    encoding: {
      x: {
        field: "minutes",
        type: "quantitative",
        title: "minutes from commit to first success",
        scale: { nice: false },
      },
      y: {
        field: "fraction",
        type: "quantitative",
        title: "share of connected devices",
        scale: { domain: [0, 1] },
        axis: { format: ".0%" },
      },
      color: { field: "group", type: "nominal", title: "group", scale: { domain: groups } },
      order: { field: "seconds", type: "quantitative" },
    },
    layer: [
      { transform: only("simulated"), mark: line, encoding: curves },
      {
        transform: only("closed form"),
        mark: { ...line, strokeWidth: HALO_WIDTH },
        encoding: { color: { value: BACKGROUND_COLOR.light }, detail: { field: "group" } },
      },
      { transform: only("closed form"), mark: line, encoding: curves },
    ],
  };
}
