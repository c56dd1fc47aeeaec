// The run report of a ConfigMgr client site: the fallback chart beside the tries charts, the deployments
// section (a chart per deployment and its table), the management point table's fallback columns and the
// wording; and none of it for an MDM-only site.
import { describe, expect, it } from "vitest";
import { deploymentCharts, fallbackCharts, timeToShare } from "../../../src/report/html/clientSections.js";
import { buildRunReport, runReportCharts } from "../../../src/report/html/runReport.js";
import type { RunResult } from "../../../src/results/runResult.js";
import { runSimulation } from "../../../src/simulate.js";
import { singleServer } from "../../helpers/scenarios.js";
import { bundled, clientScenario, pageStructure, reportInput } from "../helpers.js";

const scenario = clientScenario();
const { result, series } = runSimulation(scenario);

/** The cells of each row of the first table after `marker` in the page. */
function tableAfter(html: string, marker: string): string[][] {
  const from = html.indexOf(marker);
  const table = html.slice(html.indexOf("<table>", from), html.indexOf("</table>", from));
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? "").matchAll(/<t[dh][^>]*>([^<]*)<\/t[dh]>/g)].map((m) => m[1] ?? ""),
  );
}

describe("a run report with ConfigMgr clients", () => {
  it("plans the fallback chart after the tries charts, and a chart per deployment after every other", () => {
    const charts = runReportCharts(result, series);
    expect(charts.map((c) => c.id)).toEqual([
      "chart-ttfs",
      "chart-tries-1",
      "chart-tries-2",
      "chart-fallbacks",
      "chart-load",
      "chart-deployment-1",
      "chart-deployment-2",
    ]);
    const fallbacks = charts.find((c) => c.id === "chart-fallbacks");
    expect(fallbacks?.section).toBe("tries");
    expect(fallbacks?.title).toBe("Clients falling back to a management point, per minute");
    expect(fallbacks?.caption).toContain("five tries within ten minutes");
    expect(fallbacks?.caption).toContain(
      "Over the run: mp-a.corp.contoso.com: 256 fell back from it, 0 to it, 256 returned to it; mp-b.corp.contoso.com: 0 fell back from it, 256 to it, 0 returned to it.",
    );
    expect(JSON.stringify(fallbacks?.spec)).toContain('"label":"mp-a down"');
  });

  it("captions each deployment with what to look at: its start, the replica's syncs, 50% and 90%", () => {
    const [policy, app] = deploymentCharts(result, series);
    // Its heading does not repeat the section's ("Deployments").
    expect(policy?.title).toBe("Share of its targeted devices that have policy");
    expect(policy?.caption).toContain("The share of the 400 devices <code>policy</code> targets");
    expect(policy?.caption).toContain("(the dashed rule, 1h30m into the run)");
    expect(app?.caption).toContain("Dotted rules: the syncs of r1 (every 5m, applied 30s later)");
    const d = series.deployments[1];
    if (!d) throw new Error("no app deployment");
    const half = timeToShare(d, 0.5) ?? 0;
    expect(half).toBe((d.receivedAt[199] ?? 0) - d.at);
    expect(app?.caption).toContain(`Half of them had it `);
    expect(app?.caption).toContain(", 90% after ");
    // The result's closed form for it, and the simulation's mean beside it.
    const form = result.deployments?.app?.expectedReceivedAfterSeconds;
    expect(app?.caption).toContain(`expects a mean of ${String(form?.mean)} s`);
    // The chart marks the deployment and r1's syncs after it (none before it).
    const spec = JSON.stringify(app?.spec);
    expect(spec).toContain('"label":"deployed, 4h into the run"');
  });

  it("says how many never received it, and shows the closed form when the result has one", () => {
    const policy = result.deployments?.policy;
    if (!policy) throw new Error("no policy deployment");
    const closed: RunResult = {
      ...result,
      deployments: {
        ...result.deployments,
        policy: {
          ...policy,
          expectedReceivedAfterSeconds: { min: 30, mean: 1830, max: 3630 },
        },
      },
    };
    const cut = { ...series.deployments[0]!, receivedAt: series.deployments[0]!.receivedAt.subarray(0, 100) };
    const [chart] = deploymentCharts(closed, { ...series, deployments: [cut] });
    expect(chart?.caption).toContain("300 devices had received it when the run ended.");
    expect(chart?.caption).not.toContain("90% after");
    expect(chart?.caption).toContain(
      "expects a mean of 1830 s (30m30s), from 30 s to 3630 s (1h1m); the simulation's is",
    );
    expect(timeToShare({ ...cut, targeted: 400 }, 0.9)).toBe(null);
  });

  it("has a deployments section with the charts and the table; the MP table has the fallback columns", async () => {
    const { html, warnings } = await buildRunReport(reportInput(scenario, "mdmsim report clients.json"));
    const page = pageStructure(html);
    expect(page.sections).toEqual([
      "Headline",
      "Expectations",
      "Time to first success",
      "Tries and failures over time",
      "Load per management point",
      "Deployments",
      "Findings",
      "Reachability",
    ]);
    expect(page.figures).toContain("chart-fallbacks");
    for (const marks of page.marksPerSvg) expect(marks).toBeGreaterThan(0);
    expect(warnings).toEqual([]);
    expect(html).toContain("<h3>Management point tries failed because</h3>");
    const deployments = tableAfter(html, '<section id="deployments">');
    expect(deployments[0]).toEqual([
      "deployment",
      "targeted",
      "received",
      "not received",
      "mean",
      "p50",
      "p90",
      "p99",
      "max",
      "closed form min / mean / max",
    ]);
    expect(deployments.slice(1).map((r) => r.slice(0, 4))).toEqual([
      ["policy", "400", "400", "0"],
      ["app", "400", "400", "0"],
    ]);
    const mps = tableAfter(html, '<section id="load">');
    expect(mps[0]?.slice(-3)).toEqual(["fell back from", "fell back to", "returned"]);
    expect(mps.slice(1).map((r) => r.slice(-3))).toEqual([
      ["256", "0", "256"],
      ["0", "256", "0"],
    ]);
  });
});

describe("a run report without clients", () => {
  it("has no fallback chart, no fallback columns and the DMP wording", async () => {
    const { html } = await buildRunReport(reportInput(bundled("two-dmps"), "mdmsim report two-dmps.json"));
    const page = pageStructure(html);
    expect(page.figures).not.toContain("chart-fallbacks");
    expect(page.sections).toContain("Load per device management point");
    expect(page.sectionIds).not.toContain("deployments");
    expect(tableAfter(html, '<section id="load">')[0]).not.toContain("fell back from");
  });

  it("has the deployments section for an MDM command, its chart without syncs on the site database", async () => {
    const mdm = singleServer({
      replica: null,
      group: { count: 30, enrollment: { from: "0s", to: "30m" } },
      extra: { deployments: [{ name: "wipe", at: "1h" }] },
    });
    const run = runSimulation(mdm);
    expect(fallbackCharts(run.result, run.series)).toEqual([]);
    const [chart] = deploymentCharts(run.result, run.series);
    // No management point reads a replica: the caption does not speak of one.
    expect(chart?.caption).toContain(
      "Every management point reads the site database: each device receives it at its next successful poll",
    );
    expect(chart?.caption).not.toMatch(/replica/i);
    const { html } = await buildRunReport(reportInput(mdm, "mdmsim report test.json"));
    expect(pageStructure(html).sectionIds).toContain("deployments");
    expect(tableAfter(html, '<section id="deployments">')[1]?.slice(0, 4)).toEqual(["wipe", "30", "30", "0"]);
  });
});
