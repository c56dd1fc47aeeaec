// The title of each section a run's charts are planned into, in one place: the report heads its sections
// with them, and the studio, which shows the charts without the report's sections, heads each group of
// figures with the same words (a figure's own title, such as a server's name, reads under it).
import { managementPointNoun } from "../clientResults.js";
import type { RunResult } from "../../results/runResult.js";

/** A planned chart's section (`PlannedChart.section`) → the heading the figures stand under. */
export function chartSectionTitle(section: string, result: RunResult): string {
  switch (section) {
    case "ttfs":
      return "Time to first success";
    case "tries":
      return "Tries and failures over time";
    case "load":
      return `Load per ${managementPointNoun(result)}`;
    case "queue":
      return "Finite servers";
    case "deployments":
      return "Deployments";
    default:
      throw new RangeError(`no run chart section "${section}"`);
  }
}
