// The report of a small sweep: golden structure, the band in every chart, determinism.
import { describe, expect, it } from "vitest";
import { buildSweepReport, sweepReportCharts } from "../../../src/report/html/sweepReport.js";
import { applyOverrides } from "../../../src/scenario/overrides.js";
import { runSweep } from "../../../src/sweep/sweep.js";
import { bundled, pageStructure } from "../helpers.js";

const scenario = applyOverrides(bundled("baseline"), ["devices.0.count=100"]);
const result = runSweep(scenario, { vary: ["site.replicas.replica1.syncInterval=2m,5m,10m"], runs: 3 });
const input = { scenario, result, command: "mdmsim report baseline.json --vary …" };

describe("the report of a small sweep", () => {
  it("has the golden structure: six sections and a chart per metric that varied", async () => {
    const { html, charts, warnings } = await buildSweepReport(input);
    const page = pageStructure(html);
    expect(page.title).toBe("mdmsim sweep report: baseline");
    expect(page.sections).toEqual([
      "Sweep",
      "Expectations",
      "Metrics against the varied parameter",
      "Every variant",
      "Findings",
      "Reachability",
    ]);
    // devices.connected, .neverConnected and .enrollmentFailed were the same everywhere: a sentence each.
    expect(page.figures).toEqual([
      "chart-metric-1",
      "chart-metric-2",
      "chart-metric-3",
      "chart-metric-4",
      "chart-metric-5",
      "chart-metric-6",
      "chart-metric-7",
      "chart-metric-11",
    ]);
    expect(page.svgs).toBe(8);
    expect(charts).toBe(8);
    for (const marks of page.marksPerSvg) expect(marks).toBeGreaterThan(0);
    expect(warnings).toEqual([]);
    expect(html).toContain("The same in every run of every variant: <code>devices.connected</code> 100");
  });

  it("charts each metric against the varied interval, in minutes, with its confidence band", () => {
    const mean = sweepReportCharts(result)[0]!;
    expect(mean.title).toBe("time to first success, mean (s)");
    const spec = mean.spec as unknown as {
      data: { values: { x: number; mean: number; lo: number; hi: number }[] };
      layer: { mark: { type: string } }[];
    };
    expect(spec.layer.map((l) => l.mark.type)).toEqual(["area", "line", "point"]);
    expect(spec.data.values.map((v) => v.x)).toEqual([2, 5, 10]);
    const stats = result.variants.map((v) => v.metrics["timeToFirstSuccessSeconds.mean"]!);
    expect(spec.data.values.map((v) => [v.lo, v.hi])).toEqual(stats.map((s) => s.ci95));
  });

  it("shows each variant's expectations as runs held", async () => {
    const { html } = await buildSweepReport(input);
    expect(html).toContain(
      '<span class="verdict fail">1 variant of 3 failed some expectation in some run</span>',
    );
    expect(html).toContain('<span class="tag fail">0/3</span>');
    expect(html).toContain('<span class="tag pass">3/3</span>');
  });

  it("gives the same bytes twice", async () => {
    const first = await buildSweepReport(input);
    const again = await buildSweepReport(input);
    expect(again.html).toBe(first.html);
  });
});
