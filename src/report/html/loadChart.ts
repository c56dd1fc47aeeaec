// Chart: the load of each device management point over the whole run — its tries, split into succeeded
// and failed, with its devices and its busiest minute written beside the bar.
import type { TopLevelSpec } from "vega-lite";
import type { ManagementPointResult } from "../../results/runResult.js";
import { CHART_WIDTH, FAILED_COLOR, TRIES_COLOR, chartConfig } from "./theme.js";
import { plural } from "../plural.js";
import { largest } from "../../extremes.js";

/** One bar segment. */
export interface LoadSegment {
  readonly dmp: string;
  readonly outcome: "succeeded" | "failed";
  readonly tries: number;
}

/** The label of a management point on the chart: its name and database. */
export function dmpLabel(load: Pick<ManagementPointResult, "server" | "database">): string {
  return `${load.server} (${load.database === "site" ? "site database" : load.database})`;
}

/** Bar segments: succeeded then failed tries of each management point, in site order. */
export function loadSegments(loads: readonly ManagementPointResult[]): LoadSegment[] {
  return loads.flatMap((l) => [
    { dmp: dmpLabel(l), outcome: "succeeded" as const, tries: l.attempts - l.failed },
    { dmp: dmpLabel(l), outcome: "failed" as const, tries: l.failed },
  ]);
}

/**
 * Horizontal stacked bars, one per management point that any device tried.
 * @returns a vega-lite spec with inline data (no I/O), or null when no management point had a try
 */
export function loadChartSpec(loads: readonly ManagementPointResult[]): TopLevelSpec | null {
  const used = loads.filter((l) => l.attempts > 0);
  if (used.length === 0) return null;
  const order = used.map(dmpLabel);
  const most = largest(used.map((l) => l.attempts));
  const notes = used.map((l) => ({
    dmp: dmpLabel(l),
    tries: l.attempts,
    note: `${plural(l.devices, "device")}, peak ${l.peakAttemptsPerMinute}/min`,
  }));
  // Headless vega estimates a label at 0.8 em a character: 600 px keeps a 68-character server and database whole.
  const y = { field: "dmp", type: "nominal" as const, title: null, sort: order, axis: { labelLimit: 600 } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: CHART_WIDTH - 140,
    height: { step: 34 },
    config: chartConfig(),
    layer: [
      {
        data: { values: loadSegments(used) },
        mark: { type: "bar", height: 20 },
        encoding: {
          y,
          // Room on the right for the note after the longest bar.
          x: {
            field: "tries",
            type: "quantitative",
            stack: "zero",
            title: "tries at the management point over the run",
            scale: { domain: [0, most * 1.6], nice: false },
          },
          color: {
            field: "outcome",
            type: "nominal",
            title: null,
            scale: { domain: ["succeeded", "failed"], range: [TRIES_COLOR.light, FAILED_COLOR.light] },
          },
          order: { field: "outcome", sort: "descending" },
        },
      },
      {
        data: { values: notes },
        mark: { type: "text", align: "left", dx: 5, fontSize: 11, fill: "currentColor" },
        encoding: { y, x: { field: "tries", type: "quantitative" }, text: { field: "note" } },
      },
    ],
  };
}
