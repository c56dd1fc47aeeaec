// What the pages say, read from their HTML: headings that do not repeat their parent, replicas spoken of only
// where a management point reads one, and times above two minutes read as hours and minutes.
import { describe, expect, it } from "vitest";
import { runReportCharts, runReportHtml } from "../../../src/report/html/runReport.js";
import { sweepReportCharts, sweepReportHtml } from "../../../src/report/html/sweepReport.js";
import { applyOverrides } from "../../../src/scenario/overrides.js";
import type { Scenario } from "../../../src/scenario/schema.js";
import { runSweep } from "../../../src/sweep/sweep.js";
import {
  bundled,
  clientScenario,
  headings,
  pageText,
  repeatedHeadings,
  repeatsParent,
  reportInput,
} from "../helpers.js";

/** A run report's page without drawing its charts (their titles and captions are in the page). */
function runPage(scenario: Scenario, command: string): string {
  const input = reportInput(scenario, command);
  const charts = runReportCharts(input.result, input.series);
  return runReportHtml(
    input,
    charts,
    charts.map(() => ""),
  );
}

/** A bundled scenario's run report page. */
const bundledPage = (name: string): string => runPage(bundled(name), `mdmsim report ${name}`);

describe("a page's text", () => {
  it("drops charts and tags, decodes each entity once, and collapses spaces", () => {
    expect(pageText("<h2>cm01.<wbr>corp <code>a</code>&amp;lt;&#39;</h2>\n<svg><text>x</text></svg> b")).toBe(
      "cm01.corp a &lt;' b",
    );
  });
});

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
      expect(repeatedHeadings(headings(bundledPage(name)))).toEqual([]);
    },
  );

  it("no heading of a client site's report repeats its parent (fallbacks, deployments)", () => {
    const html = runPage(clientScenario(), "mdmsim report clients.json");
    expect(repeatedHeadings(headings(html))).toEqual([]);
  });
});

describe("replicas", () => {
  it("are not spoken of where every management point reads the site database", () => {
    const html = bundledPage("dmp-on-site-database");
    // The scenario's own description (the lede) may say what it is not; the page's words must not.
    const page = pageText(html.replace(/<p class="lede">[\s\S]*?<\/p>/, ""));
    expect(page).not.toMatch(/replica/i);
    expect(page).not.toMatch(/\bsyncs?\b/i);
  });

  it("are, where one is read", () => {
    expect(pageText(bundledPage("baseline"))).toContain(
      "on a replica the visibility delay is uniform on [D, P + D]",
    );
  });
});

describe("times above two minutes", () => {
  it("read as hours and minutes beside the seconds, in cards and tables", () => {
    const page = pageText(bundledPage("baseline"));
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
    const table = pageText(
      html.slice(html.indexOf('<section id="table">'), html.indexOf('<section id="findings">')),
    );
    expect(table).toMatch(/ 5m 2\d\d(\.\d)? ± \d+(\.\d)? \(4m\d+s\) 180 \(3m\) 360 \(6m\)/);
    expect(table).toContain("4500 (1h15m)");
  });
});
