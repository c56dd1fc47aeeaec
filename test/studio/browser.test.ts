// The studio page in a real browser (headless Chromium, as the report's test): the simulator runs in the
// page's worker and gives `mdmsim run`'s numbers for the same edits; the URL fragment reopens the what-if;
// the downloaded scenario runs to the same result; no request leaves the file. Screenshots go to
// /tmp/studio-*.png for a person to look at, and the time from a change to "ready" is logged (BENCHMARKS.md).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMetric } from "../../src/results/expectations.js";
import { pairedComparison } from "../../src/studio/paired.js";
import { DEFAULT_METRICS } from "../../src/sweep/sweep.js";
import { CHROMIUM, chromiumAvailable, inCi, launchChromium, openRecording } from "../helpers/chromium.js";
import { parseJson, REPO_ROOT, runCli } from "../helpers/cli.js";
import { bundled, clientScenario } from "../report/helpers.js";
import { writtenForm } from "../../src/scenario/load.js";

const REPLICA = "site.replicas.replica1.syncInterval";
const COUNT = "devices.hq-windows.count";
const MP_OUTAGE = "site.servers.cm01.corp.contoso.com.outages";
const EDITS: [string, string][] = [
  [REPLICA, "10m"],
  [COUNT, "5000"],
  [MP_OUTAGE, '[{"from":"30m","to":"1h"}]'],
];

if (!chromiumAvailable && inCi)
  describe("the studio in Chromium", () => {
    it("needs Chromium under CI", () => {
      throw new Error(`${CHROMIUM} is missing: .ci/run installs it (apt-get install chromium)`);
    });
  });

/** `mdmsim run --set … --format json`, in-process. */
async function runJson(args: readonly string[]): Promise<Record<string, unknown>> {
  const outcome = await runCli(["run", ...args, "--format", "json"]);
  expect(outcome.code, outcome.stderr).toBeLessThanOrEqual(1);
  return parseJson(outcome.stdout);
}

// Code run in the page is given as text, as in the report's browser test.
async function inPage<T>(page: Page, expression: string): Promise<T> {
  const value: unknown = await page.evaluate(expression);
  return value as T;
}

/** Every data-metric element's data-value, by path. */
function shownNumbers(page: Page): Promise<Record<string, string>> {
  return inPage(
    page,
    `Object.fromEntries([...document.querySelectorAll("[data-metric]")].map((el) => [el.dataset.metric, el.dataset.value]))`,
  );
}

// A selector, not waitForFunction: that evaluates its predicate with eval, which the page's CSP forbids.
function waitForState(page: Page, state: string): Promise<unknown> {
  return page.waitForSelector(`body[data-state="${state}"]`, { state: "attached", timeout: 60_000 });
}

/** Sets a control's value and dispatches `change`, as the contract says a test may; waits for the answer. */
async function edit(page: Page, path: string, value: string, state = "ready"): Promise<number> {
  const started = Date.now();
  await inPage(
    page,
    `(() => { const el = document.querySelector('[data-path="${path}"]'); el.value = ${JSON.stringify(value)};
      el.dispatchEvent(new Event("change", { bubbles: true })); return document.body.dataset.state; })()`,
  );
  await waitForState(page, state);
  return Date.now() - started;
}

/** Checks every shown number against the result of `mdmsim run`. */
function expectSameNumbers(shown: Record<string, string>, result: Record<string, unknown>): void {
  // At least the numbers a sweep reports by default (the contract names them).
  for (const path of DEFAULT_METRICS) expect(Object.keys(shown)).toContain(path);
  for (const [path, value] of Object.entries(shown))
    expect(value, path).toBe(JSON.stringify(readMetric(result, path)));
}

describe.skipIf(!chromiumAvailable)("the studio in Chromium", () => {
  let dir: string;
  let file: string;
  let context: BrowserContext;
  let close: () => Promise<void>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "mdmsim-studio-"));
    file = join(dir, "baseline-studio.html");
    const made = await runCli(["studio", "--out", file]);
    expect(made.code, made.stderr).toBe(0);
    ({ context, close } = await launchChromium({ acceptDownloads: true }));
  }, 120_000);

  afterAll(async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(url: string): Promise<{ page: Page; requests: string[]; console: string[] }> {
    const opened = await openRecording(context, url);
    await waitForState(opened.page, "ready");
    return opened;
  }

  it("gives mdmsim run's numbers for the same edits, again from the link, and a scenario file that runs the same", async () => {
    const { page, requests, console } = await open(pathToFileURL(file).href);
    expectSameNumbers(await shownNumbers(page), await runJson([]));

    for (const [path, value] of EDITS) await edit(page, path, value);
    const sets = EDITS.flatMap(([path, value]) => ["--set", `${path}=${value}`]);
    const expected = await runJson([...sets, "--seed", "1"]);
    const shown = await shownNumbers(page);
    expectSameNumbers(shown, expected);
    // The edits changed the numbers (the test would prove nothing on the unedited baseline's).
    expect(shown["devices.total"]).toBe("5000");
    expect(shown["attempts.failed"]).not.toBe(
      JSON.stringify(readMetric(await runJson([]), "attempts.failed")),
    );

    // The link keeps the edits: a fresh page from it shows the same what-if.
    const link = page.url();
    expect(link).toContain("#site.replicas.replica1.syncInterval=10m&devices.hq-windows.count=5000&");
    const again = await open(link);
    expect(await shownNumbers(again.page)).toEqual(shown);
    expect(await again.page.inputValue(`[data-path="${COUNT}"]`)).toBe("5000");
    await again.page.close();

    // The downloaded scenario is a file mdmsim run takes, with the same result.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click('[data-action="download-scenario"]'),
    ]);
    const saved = join(dir, "edited.json");
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toBe("baseline.json");
    expect(await runJson([saved])).toEqual(expected);

    // The file's numbers beside the what-if's.
    const fileMean = await page.textContent('[data-file-metric="timeToFirstSuccessSeconds.mean"]');
    expect(fileMean).toBe(`${String(readMetric(await runJson([]), "timeToFirstSuccessSeconds.mean"))} s`);

    // The paired comparison over 5 seeds: compare's numbers, shown beside the single-seed ones.
    await page.selectOption("#paired-runs", "5");
    await page.click('[data-action="paired-compare"]');
    await waitForState(page, "ready");
    const paired = pairedComparison(
      bundled("baseline"),
      EDITS.map(([path, value]) => ({ path, value })),
      5,
    );
    if (!paired.ok) throw new Error(paired.message);
    const cells = await inPage<Record<string, string>>(
      page,
      `Object.fromEntries([...document.querySelectorAll("[data-paired-metric]")].map((el) => [el.dataset.pairedMetric, el.textContent]))`,
    );
    expect(cells).toEqual(Object.fromEntries(paired.numbers.map((n) => [n.path, n.differenceText])));
    expect(await page.textContent('[data-verdict-metric="timeToFirstSuccessSeconds.mean"]')).toBe("worse");

    // Nothing but the file itself and the worker made from its own text.
    expect(requests.filter((url) => !url.startsWith("blob:"))).toEqual([pathToFileURL(file).href]);
    expect(requests.filter((url) => url.startsWith("blob:"))).toHaveLength(1);
    expect(console).toEqual([]);
    await page.close();
  }, 120_000);

  it("runs a poll profile chosen by name as mdmsim run does; the schedule and the first interval never contradict", async () => {
    const POLLING = "devices.hq-windows.polling";
    const FIRST = "devices.hq-windows.polling.0.every";
    const { page, console } = await open(pathToFileURL(file).href);
    expect(await page.textContent(`[data-path="${POLLING}"] option:checked`)).toBe(
      "configmgr-assumed: every 3m until 15m, then every 1h",
    );
    await edit(page, REPLICA, "20m");
    await edit(page, FIRST, "2m");
    await edit(page, POLLING, "intune-estimate");
    // Choosing a schedule returns the first interval to the file's: the fields show what runs.
    expect(await page.inputValue(`[data-path="${FIRST}"]`)).toBe("3m");
    expect(page.url()).toContain(`#${REPLICA}=20m&${POLLING}=intune-estimate`);
    expect(page.url()).not.toContain(FIRST);
    const intune = await runJson([
      "--set",
      `${REPLICA}=20m`,
      "--set",
      `${POLLING}=intune-estimate`,
      "--seed",
      "1",
    ]);
    expectSameNumbers(await shownNumbers(page), intune);
    // And the other way round.
    await edit(page, FIRST, "2m");
    expect(await page.inputValue(`[data-path="${POLLING}"]`)).toBe("configmgr-assumed");

    // A link may carry a list the select does not offer: it is shown as a choice of its own and run.
    const custom = '[{"every":"2m"}]';
    const linked = await open(
      `${pathToFileURL(file).href}#${encodeURIComponent(POLLING)}=${encodeURIComponent(custom)}`,
    );
    expect(await linked.page.inputValue(`[data-path="${POLLING}"]`)).toBe(custom);
    expectSameNumbers(
      await shownNumbers(linked.page),
      await runJson(["--set", `${POLLING}=${custom}`, "--seed", "1"]),
    );
    expect([...console, ...linked.console]).toEqual([]);
    await linked.page.close();
    await page.close();
  }, 120_000);

  it("shows a bad value at its control and keeps running; keyboard edits work", async () => {
    const { page } = await open(pathToFileURL(file).href);
    await edit(page, COUNT, "-5", "error");
    const control = page.locator(`[data-path="${COUNT}"]`);
    expect(await control.getAttribute("aria-invalid")).toBe("true");
    const errorBox = `#${(await control.getAttribute("id")) ?? ""}-error`;
    expect(await page.textContent(errorBox)).toMatch(/expected an integer >= 1, got -5/);
    await edit(page, MP_OUTAGE, '[{"from":"1h"', "error");
    expect(await page.textContent("#problem")).toMatch(/The numbers below are of the last valid values/);
    await edit(page, MP_OUTAGE, "[]", "error"); // the count is still wrong
    await edit(page, COUNT, "200");
    expect(await control.getAttribute("aria-invalid")).toBe("false");
    expect((await shownNumbers(page))["devices.total"]).toBe("200");

    // By keyboard alone: the labelled field, type a value, Tab away (the change), and the page recomputes.
    const interval = page.getByLabel("Sync interval");
    await interval.focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("7m");
    await page.keyboard.press("Tab");
    await waitForState(page, "ready");
    const expected = await runJson(["--set", `${COUNT}=200`, "--set", `${REPLICA}=7m`]);
    expectSameNumbers(await shownNumbers(page), expected);
    await page.close();
  }, 120_000);

  it("saves screenshots: light, dark, 700 px wide", async () => {
    const { page } = await open(
      `${pathToFileURL(file).href}#${EDITS.map(([p, v]) => `${p}=${encodeURIComponent(v)}`).join("&")}`,
    );
    // With the paired comparison filled in, so that the screenshots show the whole table.
    await page.selectOption("#paired-runs", "5");
    await page.click('[data-action="paired-compare"]');
    await waitForState(page, "ready");
    // From the top: the status line is sticky, and a full-page capture draws it where the window was.
    await inPage(page, "window.scrollTo(0, 0)");
    await page.screenshot({ path: "/tmp/studio-light.png", fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    const bg = await inPage<string>(page, `getComputedStyle(document.documentElement).backgroundColor`);
    expect(bg).toBe("rgb(21, 25, 29)");
    await page.screenshot({ path: "/tmp/studio-dark.png", fullPage: true });
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 700, height: 900 });
    // One column: nothing wider than the window.
    const overflow = await inPage<number>(page, `document.documentElement.scrollWidth - window.innerWidth`);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: "/tmp/studio-700.png", fullPage: true });
    await page.close();
  }, 120_000);

  it("runs a site with finite servers: its queue charts, and a capacity edit giving mdmsim run's numbers", async () => {
    const loaded = join(dir, "morning-studio.html");
    const scenario = join(REPO_ROOT, "scenarios", "morning-enrollment.json");
    const made = await runCli(["studio", scenario, "--out", loaded]);
    expect(made.code, made.stderr).toBe(0);
    const { page } = await open(pathToFileURL(loaded).href);
    const titles = await inPage<string[]>(
      page,
      `[...document.querySelectorAll("figure")].map((f) => f.textContent ?? "").filter((t) => t.includes("workers busy"))`,
    );
    // One utilisation-and-queue chart per finite server: three DMPs, the EPP and the site database.
    expect(titles).toHaveLength(5);
    const workers = "site.servers.dmp01.corp.contoso.com.roles.managementPoint.capacity.workers";
    await edit(page, workers, "2");
    expectSameNumbers(await shownNumbers(page), await runJson([scenario, "--set", `${workers}=2`]));
    await page.close();
  }, 120_000);

  it("runs a ConfigMgr client site: fallbacks and deployments shown as mdmsim run gives them, their charts, a deployment's start and a registration edited", async () => {
    const scenarioFile = join(dir, "clients.json");
    writeFileSync(scenarioFile, JSON.stringify(writtenForm(clientScenario())));
    const studio = join(dir, "clients-studio.html");
    const made = await runCli(["studio", scenarioFile, "--out", studio]);
    expect(made.code, made.stderr).toBe(0);
    const { page, requests, console } = await open(pathToFileURL(studio).href);
    const shown = await shownNumbers(page);
    expectSameNumbers(shown, await runJson([scenarioFile]));
    expect(shown["managementPoints.mp-b.corp.contoso.com.fallbacksTo"]).toBe("256");
    expect(shown["deployments.app.received"]).toBe("400");

    /** Per chart id: its drawn marks. */
    const charts = () =>
      inPage<Record<string, number>>(
        page,
        `Object.fromEntries([...document.querySelectorAll("figure.chart")].map((f) => [f.id,
          [...f.querySelectorAll(".role-mark path, .role-mark line, .role-mark rect, .role-mark text")]
            .filter((el) => { const b = el.getBBox(); return b.width > 0 || b.height > 0; }).length]))`,
      );
    const drawn = await charts();
    for (const id of ["chart-fallbacks", "chart-deployment-1", "chart-deployment-2"])
      expect(drawn[id], id).toBeGreaterThan(0);

    const edits: [string, string][] = [
      ["deployments.app.at", "5h"],
      ["devices.pcs.registration.to", "30m"],
      ["site.servers.mp-a.corp.contoso.com.outages", "[]"],
    ];
    for (const [path, value] of edits) await edit(page, path, value);
    const expected = await runJson([scenarioFile, ...edits.flatMap(([p, v]) => ["--set", `${p}=${v}`])]);
    const after = await shownNumbers(page);
    expectSameNumbers(after, expected);
    // Without mp-a's outage nobody falls back, and the fallback chart is gone; the deployment moved.
    expect(after["managementPoints.mp-b.corp.contoso.com.fallbacksTo"]).toBe("0");
    expect(Object.keys(await charts())).not.toContain("chart-fallbacks");
    expect(await page.textContent("#chart-deployment-2")).toContain("5h into the run");
    await (await page.$("#numbers"))?.screenshot({ path: "/tmp/studio-clients-numbers.png" });
    expect(requests.filter((url) => !url.startsWith("blob:"))).toEqual([pathToFileURL(studio).href]);
    expect(console).toEqual([]);
    await page.close();
  }, 120_000);

  it("measures the time from a change to ready for 10,000 and 100,000 devices (logged, not asserted)", async () => {
    const { page } = await open(pathToFileURL(file).href);
    const lines: string[] = [];
    for (const count of [10_000, 100_000]) {
      const times: number[] = [];
      // The first change of a size warms the worker's code; the next ones are what an architect waits.
      for (const seed of [2, 3, 4, 5, 6]) {
        await edit(page, "seed", String(seed));
        times.push(await edit(page, COUNT, String(count + seed)));
      }
      lines.push(`studio: ${count} devices, change → ready: ${times.join(", ")} ms`);
    }
    const load = loadavg().map((l) => l.toFixed(1));
    process.stdout.write(`${lines.join("\n")}\n(load average ${load.join(", ")})\n`);
    await page.close();
  }, 300_000);
});
