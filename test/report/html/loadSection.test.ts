// The finite servers of a run report: a table and a chart per server when the run has load, nothing without.
import { describe, expect, it } from "vitest";
import { checkScenario } from "../../../src/checks/checkScenario.js";
import { reachability } from "../../../src/model/reachability.js";
import { buildRunReport, runReportCharts } from "../../../src/report/html/runReport.js";
import { buildRunResult } from "../../../src/results/runResult.js";
import { runSeries } from "../../../src/results/runSeries.js";
import type { Scenario } from "../../../src/scenario/schema.js";
import { handTally, loadTestScenario, runWithLoad } from "../../helpers/loadTallies.js";
import { pageStructure } from "../helpers.js";

const base = loadTestScenario({ server: { outages: [{ from: "1h", to: "1h30m" }] } });
const scenario: Scenario = {
  ...base,
  site: { ...base.site, database: { ...base.site.database, outages: [{ from: 7200, to: 7800 }] } },
};
const duration = 3 * 3600;
const minutes = duration / 60;
const ramp = (f: (m: number) => number) => Array.from({ length: minutes }, (_, m) => f(m));
const raw = runWithLoad(
  [
    handTally("managementPoint", "cm01.corp.contoso.com", 8, duration, {
      requests: 1200,
      served: 1150,
      refused: 20,
      left: 30,
      timedOut: 41,
      busySeconds: 0.4 * 8 * duration,
      queueArea: 900,
      queueMax: 37,
      waits: [0, 0.25, 3.5],
      responses: [0.12, 0.5, 4],
      minutes: {
        queueAtEnd: ramp((m) => (m > 40 && m < 60 ? m - 40 : 0)),
        busySeconds: ramp((m) => (m < 60 ? 8 * 60 * 0.8 : 8 * 60 * 0.2)),
      },
    }),
    handTally("database", "site", 4, duration, { requests: 5, served: 5, waits: [1, 1, 1, 1, 1] }),
  ],
  scenario,
);
const result = buildRunResult(raw);
const series = runSeries(raw);
const input = {
  scenario,
  result,
  series,
  findings: checkScenario(scenario),
  reach: reachability(scenario),
  command: "mdmsim report test.json",
};

describe("a run report with load", () => {
  it("plans one utilisation-and-queue chart per finite server, after the other charts", () => {
    const charts = runReportCharts(result, series);
    const queue = charts.filter((c) => c.section === "queue");
    expect(queue.map((c) => [c.id, c.title])).toEqual([
      ["chart-queue-1", "Utilisation and queue: cm01.corp.contoso.com (management point)"],
      ["chart-queue-2", "Utilisation and queue: site database"],
    ]);
    expect(charts.slice(-2)).toEqual(queue);
    expect(queue[0]?.caption).toContain("Top: the share of its 8 workers busy");
    expect(queue[0]?.caption).toContain("Shaded: outages.");
    expect(queue[0]?.caption).toContain("1200 requests, 1150 served, 20 refused, 41 timed out");
    expect(queue[1]?.caption).toContain("Shaded: outages.");
  });

  it("has a finite servers section with the table and the charts, each drawn", async () => {
    const { html, warnings } = await buildRunReport(input);
    const page = pageStructure(html);
    expect(page.sections.slice(4, 6)).toEqual(["Load per device management point", "Finite servers"]);
    expect(page.sectionIds).toContain("finite-servers");
    expect(page.figures.filter((f) => f.startsWith("chart-queue-"))).toEqual([
      "chart-queue-1",
      "chart-queue-2",
    ]);
    for (const marks of page.marksPerSvg) expect(marks).toBeGreaterThan(0);
    expect(warnings).toEqual([]);
    const section = html.slice(html.indexOf('<section id="finite-servers">'));
    const row = /<tr><td>cm01\.corp\.contoso\.com<\/td>[\s\S]*?<\/tr>/.exec(section)?.[0] ?? "";
    const cells = [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(cells).toEqual([
      "cm01.corp.contoso.com",
      "management point",
      "8",
      "1200",
      "1150",
      "20",
      "41",
      "40%",
      "1.25",
      "3.5",
      "4",
      "37",
      "0.083",
    ]);
    // Cells carry their column's name for the list form of a table too wide for its page.
    expect(section).toMatch(/<td>site<\/td><td data-label="role \/ database">site database<\/td>/);
  });

  it("has no such section or chart without load", async () => {
    const plain = buildRunResult({ ...raw, load: null });
    const plainSeries = runSeries({ ...raw, load: null });
    expect(runReportCharts(plain, plainSeries).some((c) => c.section === "queue")).toBe(false);
    const { html } = await buildRunReport({ ...input, result: plain, series: plainSeries });
    expect(pageStructure(html).sectionIds).not.toContain("finite-servers");
    expect(html).not.toContain("Finite servers");
  });
});
