// The load-per-DMP chart's spec.
import { describe, expect, it } from "vitest";
import { dmpLabel, loadChartSpec, loadSegments } from "../../../src/report/html/loadChart.js";
import { renderCharts } from "../../../src/report/html/render.js";

const loads = [
  {
    server: "cm01",
    database: "replica1",
    devices: 500,
    attempts: 4000,
    failed: 700,
    peakAttemptsPerMinute: 60,
  },
  { server: "cm02", database: "site", devices: 500, attempts: 3000, failed: 0, peakAttemptsPerMinute: 55 },
  { server: "cm03", database: "site", devices: 0, attempts: 0, failed: 0, peakAttemptsPerMinute: 0 },
];

describe("loadChartSpec", () => {
  it("splits each DMP's tries into succeeded and failed", () => {
    expect(loadSegments(loads.slice(0, 1))).toEqual([
      { dmp: "cm01 (replica1)", outcome: "succeeded", tries: 3300 },
      { dmp: "cm01 (replica1)", outcome: "failed", tries: 700 },
    ]);
    expect(dmpLabel(loads[1]!)).toBe("cm02 (site database)");
  });

  it("shows the DMPs that had tries, in site order, with devices and peak beside each bar", () => {
    const spec = loadChartSpec(loads) as unknown as {
      layer: { data: { values: Record<string, unknown>[] } }[];
    };
    expect(spec.layer[0]!.data.values.map((v) => v.dmp)).toEqual([
      "cm01 (replica1)",
      "cm01 (replica1)",
      "cm02 (site database)",
      "cm02 (site database)",
    ]);
    expect(spec.layer[1]!.data.values.map((v) => v.note)).toEqual([
      "500 devices, peak 60/min",
      "500 devices, peak 55/min",
    ]);
  });

  it("is null when no DMP had a try", () => {
    expect(loadChartSpec(loads.slice(2))).toBeNull();
  });

  it("keeps a long server name and its database whole on the axis", async () => {
    const server = "whatif-dmp1.branch-office.corp.contoso.com";
    const spec = loadChartSpec([{ ...loads[1]!, server }])!;
    const [chart] = await renderCharts([spec]);
    expect(chart!.svg).toContain(`${server} (site database)<`);
    expect(chart!.svg).not.toContain("…");
  });
});
