// The sections a run's charts are planned into and their titles, in one place: the report heads its sections
// with them, and the studio, which shows the charts without the report's sections, heads each group of
// figures with the same words (a figure's own title, such as a server's name, reads under it).
import { managementPointNoun } from "../clientResults.js";
import type { RunResult } from "../../results/runResult.js";
import type { PlannedChart } from "./plannedChart.js";

/** The sections a run's charts are planned into (`PlannedChart.section`), by name. */
export const RUN_CHART_SECTION = {
  ttfs: "ttfs",
  tries: "tries",
  load: "load",
  queue: "queue",
  deployments: "deployments",
} as const;

/** A section of a run's charts. */
export type RunChartSection = (typeof RUN_CHART_SECTION)[keyof typeof RUN_CHART_SECTION];

/** A chart of a run's report (and the studio's). */
export type RunChart = PlannedChart<RunChartSection>;

/** Each section's heading (the load section's names the site's kind of management point). */
const TITLES: Record<RunChartSection, (result: RunResult) => string> = {
  ttfs: () => "Time to first success",
  tries: () => "Tries and failures over time",
  load: (result) => `Load per ${managementPointNoun(result)}`,
  queue: () => "Finite servers",
  deployments: () => "Deployments",
};

/** A planned chart's section → the heading the figures stand under. */
export function chartSectionTitle(section: RunChartSection, result: RunResult): string {
  return TITLES[section](result);
}
