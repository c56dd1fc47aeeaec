// run's terminal chart of failed tries over time.
import { describe, expect, it } from "vitest";
import {
  FAILURE_CHART_COLUMNS,
  FAILURE_CHART_HEIGHT,
  failedPerMinute,
  renderFailureChart,
} from "../../src/report/failureChart.js";
import { runSimulation } from "../../src/simulate.js";
import { bundled } from "./helpers.js";

describe("failedPerMinute", () => {
  it("sums the management points minute by minute", () => {
    expect(failedPerMinute([{ failedPerMinute: [1, 2, 3] }, { failedPerMinute: [10, 0, 0] }])).toEqual([
      11, 2, 3,
    ]);
    expect(failedPerMinute([])).toEqual([]);
  });
});

describe("renderFailureChart", () => {
  it("fits 80 columns: a title, the plot, and the time axis from 0 to the run's end", () => {
    const { result, series } = runSimulation(bundled("baseline"));
    const text = renderFailureChart(failedPerMinute(series.managementPoints), result.durationSeconds);
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe("Failed device management point tries per 3 minutes (1403 in all)");
    expect(lines).toHaveLength(1 + FAILURE_CHART_HEIGHT + 1 + 1);
    // Box-drawing characters are one code unit each, so length counts columns.
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines[lines.length - 1]).toMatch(/^ {8}0 +3h$/);
    // The chart's columns: 180 minutes in buckets of 3.
    expect(lines[1]!.length).toBeLessThanOrEqual(10 + FAILURE_CHART_COLUMNS);
    expect(text.includes("\u001b[")).toBe(false); // no colours: the same bytes on every terminal
  });

  it("is one line when nothing failed", () => {
    expect(renderFailureChart([0, 0, 0], 180)).toBe(
      "Failed device management point tries over the run: none\n",
    );
  });

  it("uses one column per minute for short runs", () => {
    const text = renderFailureChart([0, 4, 0, 2], 240);
    expect(text.split("\n")[0]).toBe("Failed device management point tries per minute (6 in all)");
  });
});
