// The report in a real browser: headless Chromium (Debian's `chromium`, driven by playwright-core) opens
// the file, every chart drew marks, no request leaves the file, the colours follow light, dark and print,
// and screenshots are saved under test-artifacts/ for a person to look at.
// Chromium is installed by .ci/run; without it the test is skipped locally, and fails under CI=true.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildRunReport } from "../../src/report/html/runReport.js";
import { buildSweepReport } from "../../src/report/html/sweepReport.js";
import { applyOverrides } from "../../src/scenario/overrides.js";
import { runReportCharts } from "../../src/report/html/runReport.js";
import { runSweep } from "../../src/sweep/sweep.js";
import { describeInChromium, inPage, launchChromium, openRecording } from "../helpers/chromium.js";
import { REPO_ROOT } from "../helpers/cli.js";
import { bundled, clientScenario, reportInput } from "./helpers.js";

const ARTIFACTS = join(REPO_ROOT, "test-artifacts");

describeInChromium("the report in Chromium", () => {
  let context: BrowserContext;
  let close: () => Promise<void>;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    files.run = join(ARTIFACTS, "report-two-dmps.html");
    const run = reportInput(bundled("two-dmps"), "mdmsim report two-dmps.json");
    writeFileSync(files.run, (await buildRunReport(run)).html);
    files.outage = join(ARTIFACTS, "report-replica-outage.html");
    const outage = reportInput(bundled("replica-outage"), "mdmsim report replica-outage.json");
    writeFileSync(files.outage, (await buildRunReport(outage)).html);
    files.clients = join(ARTIFACTS, "report-clients.html");
    const clients = reportInput(clientScenario(), "mdmsim report clients.json");
    writeFileSync(files.clients, (await buildRunReport(clients)).html);
    const scenario = applyOverrides(bundled("baseline"), ["devices.0.count=200"]);
    const sweep = runSweep(scenario, { vary: ["site.replicas.replica1.syncInterval=1m..10m:3m"], runs: 3 });
    files.sweep = join(ARTIFACTS, "report-sweep.html");
    writeFileSync(
      files.sweep,
      (await buildSweepReport({ scenario, result: sweep, command: "mdmsim report baseline.json --vary …" }))
        .html,
    );
    ({ context, close } = await launchChromium());
  }, 120_000);

  afterAll(async () => {
    await close();
  });

  /** Opens a report, recording every request and console message. */
  const open = (file: string) => openRecording(context, pathToFileURL(file).href);

  /** Per chart: the mark elements vega drew that have a visible size on the page. */
  function drawnMarks(page: Page): Promise<number[]> {
    return inPage(
      page,
      `[...document.querySelectorAll("figure.chart svg")].map((svg) =>
        [...svg.querySelectorAll(".role-mark path, .role-mark line, .role-mark rect, .role-mark text")]
          .filter((el) => { const box = el.getBBox(); return box.width > 0 || box.height > 0; }).length)`,
    );
  }

  it.each(["run", "outage", "sweep", "clients"])(
    "%s report: every chart drew marks, and no request left the file",
    async (name) => {
      const file = files[name]!;
      const { page, requests, console } = await open(file);
      const marks = await drawnMarks(page);
      const figures = await page.locator("figure.chart").count();
      expect(figures).toBeGreaterThan(0);
      expect(marks).toHaveLength(figures);
      for (const [i, n] of marks.entries()) expect(n, `chart ${i + 1}`).toBeGreaterThan(0);
      expect(requests.filter((url) => !url.startsWith("data:"))).toEqual([pathToFileURL(file).href]);
      expect(console).toEqual([]); // no CSP violation, no error
      await page.screenshot({ path: join(ARTIFACTS, `report-${name}-light.png`), fullPage: true });
      await page.close();
    },
  );

  it("recolours the charts for dark mode and back for print, and saves screenshots of each", async () => {
    const { page } = await open(files.run!);
    const stroke = () =>
      inPage<string>(
        page,
        `getComputedStyle(document.querySelector('figure.chart [stroke="#0072b2"]')).stroke`,
      );
    const colors = () =>
      inPage<{ fg: string; bg: string }>(
        page,
        `(() => { const html = getComputedStyle(document.documentElement); return { fg: html.color, bg: html.backgroundColor }; })()`,
      );
    expect(await stroke()).toBe("rgb(0, 114, 178)");
    expect(await colors()).toEqual({ fg: "rgb(29, 35, 40)", bg: "rgb(255, 255, 255)" });

    await page.emulateMedia({ colorScheme: "dark" });
    expect(await stroke()).toBe("rgb(92, 184, 238)");
    expect(await colors()).toEqual({ fg: "rgb(227, 232, 236)", bg: "rgb(21, 25, 29)" });
    // Axis labels follow the page's text colour (currentColor), so they stay readable on the dark page.
    const label = await inPage<string>(
      page,
      `getComputedStyle(document.querySelector("figure.chart .role-axis-label text")).fill`,
    );
    expect(label).toBe("rgb(227, 232, 236)");
    await page.screenshot({ path: join(ARTIFACTS, "report-run-dark.png"), fullPage: true });

    await page.emulateMedia({ media: "print", colorScheme: "dark" });
    expect(await stroke()).toBe("rgb(0, 114, 178)");
    expect((await colors()).bg).toBe("rgb(255, 255, 255)");
    await page.screenshot({ path: join(ARTIFACTS, "report-run-print.png"), fullPage: true });
    await page.close();
  });

  it("draws a deployment's share over time, its start and the replica's syncs after it; the fallback chart", async () => {
    const { page } = await open(files.clients!);
    // What the plan says the chart shows: r1's syncs inside the window after the deployment at 4 h.
    const { result, series } = reportInput(clientScenario(), "");
    const planned = runReportCharts(result, series).find((c) => c.id === "chart-deployment-2");
    const layer = (planned?.spec as { layer: { mark: { type: string }; data: { values: unknown[] } }[] })
      .layer[0];
    expect(layer?.mark.type).toBe("rule");
    const syncs = layer?.data.values.length ?? 0;
    expect(syncs).toBeGreaterThan(5);
    const drawn = await inPage<{ rules: number; line: number[]; label: string }>(
      page,
      `(() => {
        const svg = document.querySelector("#chart-deployment-2 svg");
        const visible = (el) => { const b = el.getBBox(); return b.width > 0 || b.height > 0; };
        const line = svg.querySelector(".mark-line.role-mark path");
        const box = line.getBBox();
        return {
          rules: [...svg.querySelectorAll(".mark-rule.role-mark line")].filter(visible).length,
          line: [box.width, box.height],
          label: [...svg.querySelectorAll(".mark-text.role-mark text")].map((t) => t.textContent).join("|"),
        };
      })()`,
    );
    // One rule per sync, and one for the deployment itself.
    expect(drawn.rules).toBe(syncs + 1);
    expect(drawn.label).toContain("deployed, 4h into the run");
    // The step line climbs from 0 to every targeted device: most of the plot's height and width.
    expect(drawn.line[0]).toBeGreaterThan(500);
    expect(drawn.line[1]).toBeGreaterThan(200);
    const fallbacks = await inPage<number>(
      page,
      `[...document.querySelectorAll("#chart-fallbacks .mark-area.role-mark path")].filter((p) => p.getBBox().height > 0).length`,
    );
    expect(fallbacks).toBe(1);
    await (
      await page.$("#chart-deployment-2")
    )?.screenshot({ path: join(ARTIFACTS, "report-deployment.png") });
    await page.close();
  });
});
