// The pages as an architect reads them, in headless Chromium at 1280 × 900, at 700 px, in dark mode and in
// print: no table or heading is clipped (a wide one becomes a list), no heading repeats its parent, and the
// simulated line stands out on a dark page. Screenshots (and a PDF) are kept under test-artifacts/.
// Chromium is installed by .ci/run; without it the test is skipped locally, and fails under CI=true.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildRunReport } from "../../src/report/html/runReport.js";
import { buildSweepReport } from "../../src/report/html/sweepReport.js";
import { applyOverrides } from "../../src/scenario/overrides.js";
import { runSweep } from "../../src/sweep/sweep.js";
import { describeInChromium, inPage, launchChromium } from "../helpers/chromium.js";
import { REPO_ROOT } from "../helpers/cli.js";
import { bundled, repeatedHeadings, reportInput, sixRoleScenario } from "./helpers.js";

const ARTIFACTS = join(REPO_ROOT, "test-artifacts");

/** How a page is looked at: its viewport width and media. */
const VIEWS = [
  { name: "1280", width: 1280, print: false },
  { name: "700", width: 700, print: false },
  { name: "print", width: 1280, print: true },
  // A4 at 96 dpi, less Chromium's default margins: the width a printed page lays out in.
  { name: "print-a4", width: 720, print: true },
] as const;

/** Tables and headings wider than their box (or the page), as "section: scroll width > box width". */
function clipped(page: Page): Promise<string[]> {
  return inPage(
    page,
    `(() => {
      const page = document.documentElement.clientWidth;
      const out = [];
      for (const el of document.querySelectorAll("table, h1, h2, h3, h4")) {
        const box = el.tagName === "TABLE" ? (el.closest(".scroll") ?? el.parentElement) : el;
        const limit = Math.min(box.clientWidth, page);
        if (el.scrollWidth > limit + 1)
          out.push((el.closest("section")?.id ?? "header") + " " + el.tagName + ": " + el.scrollWidth + " > " + limit);
      }
      return out;
    })()`,
  );
}

/** WCAG contrast ratio of two "rgb(r, g, b)" colours. */
function contrast(a: readonly number[], b: readonly number[]): number {
  const lum = (c: readonly number[]) => {
    const [r = 0, g = 0, bl = 0] = c.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

const rgb = (css: string): number[] => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);

/** A colour drawn at an opacity over a background. */
const blend = (fg: readonly number[], bg: readonly number[], opacity: number) =>
  fg.map((v, i) => v * opacity + (bg[i] ?? 0) * (1 - opacity));

describeInChromium("the pages in Chromium", () => {
  let context: BrowserContext;
  let close: () => Promise<void>;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const write = async (name: string, html: Promise<{ html: string }>) => {
      files[name] = join(ARTIFACTS, `pages-${name}.html`);
      writeFileSync(files[name], (await html).html);
    };
    await write("six-roles", buildRunReport(reportInput(sixRoleScenario(), "mdmsim report six-roles.json")));
    await write(
      "dmp-on-site-database",
      buildRunReport(reportInput(bundled("dmp-on-site-database"), "mdmsim report dmp-on-site-database")),
    );
    await write("two-dmps", buildRunReport(reportInput(bundled("two-dmps"), "mdmsim report two-dmps")));
    const scenario = applyOverrides(bundled("baseline"), ["devices.0.count=100"]);
    const database = "site.servers.cm01.corp.contoso.com.roles.managementPoint.database";
    const sweep = runSweep(scenario, {
      vary: [`${database}=site,replica1`, "site.replicas.replica1.syncInterval=5m,15m,1h"],
      runs: 2,
      metrics: ["attempts.total", "managementPoints.cm01.corp.contoso.com.peakAttemptsPerMinute"],
    });
    await write("sweep-two-axes", buildSweepReport({ scenario, result: sweep, command: "mdmsim report …" }));
    const categorical = runSweep(scenario, { vary: [`${database}=site,replica1`], runs: 2 });
    await write(
      "sweep-database",
      buildSweepReport({ scenario, result: categorical, command: "mdmsim report …" }),
    );
    ({ context, close } = await launchChromium({ viewport: { width: 1280, height: 900 } }));
  }, 180_000);

  afterAll(async () => {
    await close();
  });

  async function open(name: string, width: number, media: "screen" | "print" = "screen"): Promise<Page> {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ media, colorScheme: "light" });
    await page.goto(pathToFileURL(files[name] ?? "").href, { waitUntil: "load" });
    return page;
  }

  it.each(["six-roles", "sweep-two-axes", "sweep-database", "two-dmps"])(
    "%s: no table or heading is clipped at 1280 px, at 700 px, or in print",
    async (name) => {
      for (const view of VIEWS) {
        const page = await open(name, view.width, view.print ? "print" : "screen");
        expect(await clipped(page), `${name} at ${view.name}`).toEqual([]);
        await page.screenshot({ path: join(ARTIFACTS, `pages-${name}-${view.name}.png`), fullPage: true });
        await page.close();
      }
    },
    120_000,
  );

  it("prints the six-role site whole, its reachability a list of cards on paper", async () => {
    const page = await open("six-roles", 1280);
    await page.pdf({ path: join(ARTIFACTS, "pages-six-roles.pdf"), format: "A4" });
    await page.setViewportSize({ width: 700, height: 900 });
    const display = await inPage<string>(
      page,
      `getComputedStyle(document.querySelector("#reachability tbody tr")).display`,
    );
    expect(display).toBe("flex");
    await page.close();
  });

  it("no heading of a rendered page repeats its parent", async () => {
    for (const name of Object.keys(files)) {
      const page = await open(name, 1280);
      const list = await inPage<[number, string][]>(
        page,
        `[...document.querySelectorAll("h1, h2, h3, h4")].map((h) => [Number(h.tagName[1]), h.textContent.replace(/\\s+/g, " ").trim()])`,
      );
      expect(repeatedHeadings(list), name).toEqual([]);
      await page.close();
    }
  });

  it("draws the simulated line legibly on a dark page, its legend symbols too", async () => {
    const page = await open("two-dmps", 1280);
    await page.emulateMedia({ colorScheme: "dark" });
    const drawn = await inPage<{ bg: string; line: [string, string][]; symbols: [string, string][] }>(
      page,
      `(() => {
        const svg = document.querySelector("#chart-ttfs svg");
        const look = (el) => { const s = getComputedStyle(el); return [s.stroke, String(Number(s.opacity) * Number(s.strokeOpacity))]; };
        const simulated = [...svg.querySelectorAll(".mark-line.role-mark path")].filter((p) => (p.getAttribute("aria-label") ?? "").includes("curve: simulated"));
        return {
          bg: getComputedStyle(document.documentElement).backgroundColor,
          line: simulated.map(look),
          symbols: [...svg.querySelectorAll(".role-legend-symbol path")].map(look),
        };
      })()`,
    );
    const bg = rgb(drawn.bg);
    expect(drawn.line.length).toBeGreaterThan(0);
    for (const [stroke, opacity] of drawn.line)
      expect(contrast(blend(rgb(stroke), bg, Number(opacity)), bg)).toBeGreaterThanOrEqual(4.5);
    expect(drawn.symbols.length).toBeGreaterThan(0);
    for (const [stroke, opacity] of drawn.symbols)
      expect(contrast(blend(rgb(stroke), bg, Number(opacity)), bg)).toBeGreaterThanOrEqual(3);
    await (await page.$("#chart-ttfs"))?.screenshot({ path: join(ARTIFACTS, "pages-ttfs-dark.png") });
    await page.close();
  });

  it("draws a categorical sweep as bars whose legend and axis name the varied values", async () => {
    const page = await open("sweep-two-axes", 1280);
    const texts = await inPage<string[]>(
      page,
      `[...document.querySelectorAll("#chart-metric-1 svg text")].map((t) => t.textContent)`,
    );
    expect(texts).toContain("database = site");
    expect(texts).toContain("database = replica1");
    expect(texts.some((t) => t.includes("…"))).toBe(false);
    await page.close();
    const bars = await open("sweep-database", 1280);
    const rects = await inPage<number>(
      bars,
      `document.querySelectorAll("#chart-metric-1 .mark-rect.role-mark path").length`,
    );
    expect(rects).toBe(2);
    await (await bars.$("#metrics"))?.screenshot({ path: join(ARTIFACTS, "pages-sweep-bars.png") });
    await bars.close();
  });
});
