// What the pages say, read from their HTML: headings that do not repeat their parent, replicas spoken of only
// where a management point reads one, and times above two minutes read as hours and minutes.
import { describe, expect, it } from "vitest";
import { runReportCharts, runReportHtml } from "../../../src/report/html/runReport.js";
import { sweepReportCharts, sweepReportHtml } from "../../../src/report/html/sweepReport.js";
import { applyOverrides } from "../../../src/scenario/overrides.js";
import { runSweep } from "../../../src/sweep/sweep.js";
import {
  bundled,
  clientScenario,
  headings,
  repeatedHeadings,
  repeatsParent,
  reportInput,
} from "../helpers.js";

const text = (html: string) =>
  html
    .replace(/<svg[\s\S]*?<\/svg>/g, "")
    .replace(/<(wbr|br)>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

/** A run report's page without drawing its charts (their titles and captions are in the page). */
function runPage(name: string): string {
  const input = reportInput(bundled(name), `mdmsim report ${name}`);
  const charts = runReportCharts(input.result, input.series);
  return runReportHtml(
    input,
    charts,
    charts.map(() => ""),
  );
}

describe("headings", () => {
  it("finds a heading that repeats its parent", () => {
    expect(repeatsParent("Load per device management point", "Load per device management point")).toBe(true);
    expect(repeatsParent("Time to first success", "Time to first success: simulated and closed form")).toBe(
      true,
    );
    expect(repeatsParent("Tries and failures over time", "Tries and failures per minute: cm01")).toBe(true);
    expect(repeatsParent("Deployments", "Deployment policy: share of targeted devices")).toBe(true);
    expect(repeatsParent("Finite servers", "Per finite server (seconds)")).toBe(true);
    expect(repeatsParent("Headline", "DMP tries failed because")).toBe(false);
  });

  it.each(["baseline", "two-dmps", "replica-outage"])(
    "no heading of the %s report repeats its parent",
    (name) => {
      expect(repeatedHeadings(headings(runPage(name)))).toEqual([]);
    },
  );

  it("no heading of a client site's report repeats its parent (fallbacks, deployments)", () => {
    const input = reportInput(clientScenario(), "mdmsim report clients.json");
    const charts = runReportCharts(input.result, input.series);
    const html = runReportHtml(
      input,
      charts,
      charts.map(() => ""),
    );
    expect(repeatedHeadings(headings(html))).toEqual([]);
  });
});

describe("replicas", () => {
  it("are not spoken of where every management point reads the site database", () => {
    const html = runPage("dmp-on-site-database");
    // The scenario's own description (the lede) may say what it is not; the page's words must not.
    const page = text(html.replace(/<p class="lede">[\s\S]*?<\/p>/, ""));
    expect(page).not.toMatch(/replica/i);
    expect(page).not.toMatch(/\bsyncs?\b/i);
  });

  it("are, where one is read", () => {
    expect(text(runPage("baseline"))).toContain("on a replica the visibility delay is uniform on [D, P + D]");
  });
});

describe("times above two minutes", () => {
  it("read as hours and minutes beside the seconds, in cards and tables", () => {
    const page = text(runPage("baseline"));
    expect(page).toMatch(/2\d\d(\.\d)? s \(4m\d+s\) time to first success, mean/);
    expect(page).toContain("360 s (6m) time to first success, max");
    // The group table, headed "seconds".
    expect(page).toMatch(/hq-windows 1000 1000 0 2\d\d(\.\d)? \(4m\d+s\) 180 \(3m\) 360 \(6m\)/);
  });

  it("in a sweep's table of every variant", () => {
    const scenario = applyOverrides(bundled("baseline"), ["devices.0.count=100"]);
    const result = runSweep(scenario, { vary: ["site.replicas.replica1.syncInterval=5m,1h"], runs: 2 });
    const charts = sweepReportCharts(result);
    const html = sweepReportHtml(
      { scenario, result, command: "mdmsim report" },
      charts,
      charts.map(() => ""),
    );
    const table = text(
      html.slice(html.indexOf('<section id="table">'), html.indexOf('<section id="findings">')),
    );
    expect(table).toMatch(/ 5m 2\d\d(\.\d)? ± \d+(\.\d)? \(4m\d+s\) 180 \(3m\) 360 \(6m\)/);
    expect(table).toContain("4500 (1h15m)");
  });
});
