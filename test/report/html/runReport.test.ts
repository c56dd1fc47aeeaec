// The report of one run: its golden structure for bundled scenarios, self-containedness and determinism.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { stationSpecs } from "../../../src/model/load/plan.js";
import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../../src/report/html/document.js";
import { buildRunReport, runReportCharts } from "../../../src/report/html/runReport.js";
import { ttfsSeries } from "../../../src/report/html/ttfsCaption.js";
import { applyOverrides } from "../../../src/scenario/overrides.js";
import type { Scenario } from "../../../src/scenario/schema.js";
import { runSimulation } from "../../../src/simulate.js";
import { REPO_ROOT } from "../../helpers/cli.js";
import { bundled, pageStructure, reportInput } from "../helpers.js";

const SECTIONS = [
  "Headline",
  "Expectations",
  "Time to first success",
  "Tries and failures over time",
  "Load per device management point",
  "Findings",
  "Reachability",
];

async function report(scenario: Scenario, expectations: string[] = []) {
  return buildRunReport(reportInput(scenario, `mdmsim report ${scenario.name}.json`, expectations));
}

describe("the report of the bundled baseline", () => {
  it("has the golden structure: seven sections, three charts, each drawn", async () => {
    const { html, charts, warnings } = await report(bundled("baseline"));
    const page = pageStructure(html);
    expect(page.title).toBe("mdmsim report: baseline");
    expect(page.sections).toEqual(SECTIONS);
    expect(page.sectionIds).toEqual([
      "summary",
      "expectations",
      "time-to-first-success",
      "tries-over-time",
      "load",
      "findings",
      "reachability",
    ]);
    expect(page.figures).toEqual(["chart-ttfs", "chart-tries-1", "chart-load"]);
    expect(page.svgs).toBe(3);
    expect(charts).toBe(3);
    for (const marks of page.marksPerSvg) expect(marks).toBeGreaterThan(0);
    expect(warnings).toEqual([]);
  });

  it("shows the headline numbers, the expectations, the findings with their fixes and the matrix", async () => {
    const { html } = await report(bundled("baseline"), ["timeToFirstSuccessSeconds.p99 <= 5m"]);
    expect(html).toContain('<div class="value">1000</div><div class="label">devices (1000 enrolled)</div>');
    expect(html).toContain('<span class="verdict fail">1 of 3 failed</span>');
    expect(html).toMatch(/FAIL<\/span><\/td><td><code>timeToFirstSuccessSeconds\.p99 &lt;= 5m<\/code>/);
    expect(html).toContain('<code class="id">replica-early-failures</code>');
    expect(html).toContain("<strong>Fix:</strong>");
    expect(html).toMatch(/<td class="reach-ok"( data-label="[^"]+")?>ok<\/td>/);
    expect(html).toContain("Made by <code>mdmsim report baseline.json</code>");
  });

  it("writes an expectation's actual value in seconds however the expression is spaced", async () => {
    const actual = async (expression: string) => {
      const { html } = await report(bundled("baseline"), [expression]);
      const code = escapeHtml(expression);
      return new RegExp(
        `<code>${code.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}</code></td><td class="num"[^>]*>([^<]*)<`,
      ).exec(html)?.[1];
    };
    const spaced = await actual("replicas.replica1.syncOffsetSeconds <= 5m");
    expect(spaced).toMatch(/^[\d.]+ s/);
    expect(await actual("replicas.replica1.syncOffsetSeconds<=5m")).toBe(spaced);
  });

  it("is one self-contained file: no scripts, no external resources, a policy that forbids requests", async () => {
    const { html } = await report(bundled("baseline"));
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\((?!#)/i);
    expect(html).not.toMatch(/(src|href)="(?!#)/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    // Light, dark and print: the colour scheme and the media queries are there.
    expect(html).toContain('<meta name="color-scheme" content="light dark">');
    expect(html).toContain("@media (prefers-color-scheme: dark)");
    expect(html).toContain("@media print");
  });

  it("gives the same bytes twice", async () => {
    const scenario = bundled("replica-outage");
    const first = await report(scenario);
    const again = await report(scenario);
    expect(again.html).toBe(first.html);
    expect(first.html).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?!Z)/); // no local timestamps
  });
});

describe("the content table", () => {
  it("shows the devices that asked for content and never got it", async () => {
    const { html } = await report(bundled("ip-subnet-boundaries"));
    const table = /<h3>Content<\/h3>[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
    expect(table).toContain("<th>devices never served</th>");
    // Every one of the 1,000 connected devices asked, and no address has a content location.
    expect(table).toMatch(/<td class="num">1000<\/td><\/tr>/);
  });
});

describe("the charts of a run", () => {
  it("draws the closed form beside the simulation: steps at 180 s → 0.6 and 360 s → 1 for the baseline", () => {
    const { series: run } = runSimulation(bundled("baseline"));
    const { series, notes } = ttfsSeries(run);
    expect(notes).toEqual([]);
    expect(series[0]!.closedForm).toEqual([
      { seconds: 0, fraction: 0 },
      { seconds: 180, fraction: 0.6 },
      { seconds: 360, fraction: 1 },
    ]);
    // The simulation: 597 of 1000 devices at 3 minutes (README), all by 6.
    expect(series[0]!.simulated).toEqual([
      { seconds: 0, fraction: 0 },
      { seconds: 180, fraction: 0.597 },
      { seconds: 360, fraction: 1 },
    ]);
  });

  it("shades the site database's outage on the chart of a DMP that reads it", () => {
    const base = bundled("dmp-on-site-database");
    const scenario = { ...base, site: { ...base.site, database: { outages: [{ from: 1800, to: 5400 }] } } };
    const { result, series: run } = runSimulation(scenario);
    const tries = runReportCharts(result, run).find((c) => c.id === "chart-tries-1")!;
    const layers = (tries.spec as unknown as { layer: { data: { values: Record<string, unknown>[] } }[] })
      .layer;
    expect(layers[0]!.data.values).toEqual([{ from: 30, to: 90, label: "site database down" }]);
    expect(tries.caption).toContain("Shaded: outages.");
  });

  it("marks the replica's outage and its skipped ticks, and one chart per DMP with tries", () => {
    const { result, series: run } = runSimulation(bundled("replica-outage"));
    const tries = runReportCharts(result, run).find((c) => c.id === "chart-tries-1")!;
    const layers = (tries.spec as unknown as { layer: { data: { values: Record<string, unknown>[] } }[] })
      .layer;
    expect(layers[0]!.data.values).toEqual([{ from: 30, to: 50, label: "replica1 sync stopped" }]);
    expect(layers[2]!.data.values).toHaveLength(32); // 36 ticks, 4 skipped
    expect(tries.caption).toContain("4 skipped inside outages");
    const two = runSimulation(bundled("two-dmps"));
    expect(runReportCharts(two.result, two.series).map((c) => c.id)).toEqual([
      "chart-ttfs",
      "chart-tries-1",
      "chart-tries-2",
      "chart-load",
    ]);
  });

  it("names each group's poll schedule under the time-to-first-success chart, the assumption as one", () => {
    const caption = (scenario: Scenario) => {
      const { result, series: run } = runSimulation(scenario);
      return runReportCharts(result, run).find((c) => c.id === "chart-ttfs")!.caption;
    };
    expect(caption(bundled("mixed-windows-macos"))).toContain(
      "Poll schedules: hq-windows: configmgr-assumed (every 3m until 15m, then every 1h; an assumption, not Windows&#39; own default: ConfigMgr&#39;s documented 60-minute polling interval",
    );
    expect(caption(bundled("mixed-windows-macos"))).toContain(
      "; mac-fleet: configmgr-client (every 1h; ConfigMgr&#39;s client policy polling interval",
    );
    const custom = applyOverrides(bundled("baseline"), ["devices.hq-windows.polling.0.every=2m"]);
    expect(caption(custom)).toContain(
      "Poll schedule: hq-windows: custom (every 2m until 15m, then every 1h).",
    );
  });

  it("marks a certificate that expires during the run", () => {
    const { result, series: run } = runSimulation(bundled("certificate-expiring"));
    const tries = runReportCharts(result, run).find((c) => c.id === "chart-tries-1")!;
    expect(JSON.stringify(tries.spec)).toContain('"label":"certificate expires"');
  });

  it("says why there is no closed form, and leaves out the distribution when nobody connected", async () => {
    const scenario = bundled("macs-on-replica-dmp");
    const { series: run } = runSimulation(scenario);
    expect(ttfsSeries(run).notes).toEqual([
      "no closed form for mac-fleet: cm01.corp.contoso.com refuses its devices (replica-unsupported-for-macos)",
    ]);
    const page = pageStructure((await report(scenario)).html);
    expect(page.sections).toEqual(SECTIONS);
    expect(page.figures).toEqual(["chart-tries-1", "chart-load"]);
  });

  it("has no chart at all for a site without a management point, and still every section", async () => {
    const scenario = applyOverrides(bundled("baseline"), [
      "devices.0.count=20",
      'site.servers.cm01.corp.contoso.com.roles={"enrollmentPoint":{"https":true},"enrollmentProxyPoint":{"https":true}}',
    ]);
    const { html, charts } = await report(scenario);
    expect(charts).toBe(0);
    const page = pageStructure(html);
    expect(page.sections).toEqual(SECTIONS);
    expect(page.svgs).toBe(0);
    expect(html).toContain("No device tried a management point.");
  });
});

describe("every bundled scenario", () => {
  const names = readdirSync(join(REPO_ROOT, "scenarios"))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.replace(/\.json$/, ""));

  it.each(names)("%s: a report whose every chart drew marks, without warnings", async (name) => {
    const scenario = bundled(name);
    const { html, charts, warnings } = await report(scenario);
    const page = pageStructure(html);
    // A site with finite servers has their section after the DMPs' load; a site with ConfigMgr clients
    // says "management point", and deployments have their section before the findings.
    const loaded = stationSpecs(scenario).stations.length > 0;
    const clients = scenario.devices.some((g) => g.platform === "configmgr-client");
    const at = SECTIONS.indexOf("Load per device management point") + 1;
    const sections = SECTIONS.map((s) =>
      clients && s === "Load per device management point" ? "Load per management point" : s,
    );
    const withLoad = loaded ? [...sections.slice(0, at), "Finite servers", ...sections.slice(at)] : sections;
    const findings = withLoad.indexOf("Findings");
    expect(page.sections).toEqual(
      scenario.deployments.length > 0
        ? [...withLoad.slice(0, findings), "Deployments", ...withLoad.slice(findings)]
        : withLoad,
    );
    expect(page.svgs).toBe(charts);
    expect(page.figures).toHaveLength(charts);
    for (const marks of page.marksPerSvg) expect(marks).toBeGreaterThan(0);
    expect(warnings).toEqual([]);
  });
});
