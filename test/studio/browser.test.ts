// The studio page in a real browser (headless Chromium, as the report's test): the simulator runs in the
// page's worker and gives `mdmsim run`'s numbers for the same edits; the URL fragment reopens the what-if;
// the downloaded scenario runs to the same result; no request leaves the file. Screenshots go to
// test-artifacts/studio-*.png for a person to look at, and the time from a change to "ready" is logged
// (BENCHMARKS.md).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { secondsText } from "../../src/report/format.js";
import { readMetric } from "../../src/results/expectations.js";
import { pairedComparison } from "../../src/studio/paired.js";
import { DEFAULT_METRICS } from "../../src/sweep/sweep.js";
import {
  describeInChromium,
  inPage,
  launchChromium,
  openRecording,
  waitForState,
} from "../helpers/chromium.js";
import { parseJson, REPO_ROOT, runCli } from "../helpers/cli.js";
import { bundled, clientScenario } from "../report/helpers.js";
import { writtenForm } from "../../src/scenario/load.js";

const ARTIFACTS = join(REPO_ROOT, "test-artifacts");
const CM01_DATABASE = "site.servers.cm01.corp.contoso.com.roles.managementPoint.database";
const REPLICA = "site.replicas.replica1.syncInterval";
const COUNT = "devices.hq-windows.count";
const MP_OUTAGE = "site.servers.cm01.corp.contoso.com.outages";
const EDITS: [string, string][] = [
  [REPLICA, "10m"],
  [COUNT, "5000"],
  [MP_OUTAGE, '[{"from":"30m","to":"1h"}]'],
];

/** `mdmsim run --set … --format json`, in-process. */
async function runJson(args: readonly string[]): Promise<Record<string, unknown>> {
  const outcome = await runCli(["run", ...args, "--format", "json"]);
  expect(outcome.code, outcome.stderr).toBeLessThanOrEqual(1);
  return parseJson(outcome.stdout);
}

/** Every data-metric element's data-value, by path. */
function shownNumbers(page: Page): Promise<Record<string, string>> {
  return inPage(
    page,
    `Object.fromEntries([...document.querySelectorAll("[data-metric]")].map((el) => [el.dataset.metric, el.dataset.value]))`,
  );
}

/** A field by its `--set` path, or a structural what-if's (`whatIf.…`). */
const field = (path: string) => `[data-path="${path}"], [data-what-if="${path}"]`;

/** Sets a control's value and dispatches `change`, as the contract says a test may; waits for the answer. */
async function edit(page: Page, path: string, value: string, state = "ready"): Promise<number> {
  const started = Date.now();
  await inPage(
    page,
    `(() => { const el = document.querySelector('${field(path)}'); el.value = ${JSON.stringify(value)};
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

describeInChromium("the studio in Chromium", () => {
  let dir: string;
  let file: string;
  let context: BrowserContext;
  let close: () => Promise<void>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "mdmsim-studio-"));
    file = join(dir, "baseline-studio.html");
    const made = await runCli(["studio", "--out", file]);
    expect(made.code, made.stderr).toBe(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    ({ context, close } = await launchChromium({
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
    }));
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
    // A name of its own: saving it never overwrites the file the page started from.
    expect(download.suggestedFilename()).toBe("baseline-whatif.json");
    expect(await runJson([saved])).toEqual(expected);

    // The file's numbers beside the what-if's.
    const fileMean = await page.textContent('[data-file-metric="timeToFirstSuccessSeconds.mean"]');
    expect(fileMean).toBe(secondsText(readMetric(await runJson([]), "timeToFirstSuccessSeconds.mean")));

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
    await page.screenshot({ path: join(ARTIFACTS, "studio-light.png"), fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    const bg = await inPage<string>(page, `getComputedStyle(document.documentElement).backgroundColor`);
    expect(bg).toBe("rgb(21, 25, 29)");
    await page.screenshot({ path: join(ARTIFACTS, "studio-dark.png"), fullPage: true });
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 700, height: 900 });
    // One column: nothing wider than the window.
    const overflow = await inPage<number>(page, `document.documentElement.scrollWidth - window.innerWidth`);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, "studio-700.png"), fullPage: true });
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
    await (await page.$("#numbers"))?.screenshot({ path: join(ARTIFACTS, "studio-clients-numbers.png") });
    expect(requests.filter((url) => !url.startsWith("blob:"))).toEqual([pathToFileURL(studio).href]);
    expect(console).toEqual([]);
    await page.close();
  }, 120_000);

  it("names a bad value's field as its control shows it, one sentence a line (light, dark, 700 px)", async () => {
    const { page } = await open(pathToFileURL(file).href);
    const sentences = () =>
      inPage<string[]>(
        page,
        `[...document.querySelectorAll("#problem .sentence")].map((el) => el.textContent)`,
      );
    await edit(page, COUNT, "-5", "error");
    expect(await sentences()).toEqual([
      "devices.hq-windows.count: expected an integer >= 1, got -5.",
      "The numbers below are of the last valid values.",
    ]);
    // A second bad field (a rule across two): every problem a sentence, each field by its name.
    await edit(page, "devices.hq-windows.enrollment.from", "2h", "error");
    const all = await sentences();
    expect(all).toHaveLength(3);
    for (const text of all.slice(0, -1)) expect(text).toMatch(/^devices\.hq-windows\.[a-z.]+: [^\n]+\.$/);
    expect(all.join(" ")).not.toMatch(/\[\d+\]/);
    // One line each: every sentence starts below the one before it.
    const tops = await inPage<number[]>(
      page,
      `[...document.querySelectorAll("#problem .sentence")].map((el) => el.getBoundingClientRect().top)`,
    );
    for (let i = 1; i < tops.length; i++) expect(tops[i]).toBeGreaterThan(tops[i - 1] ?? 0);
    const banner = async (name: string) =>
      (await page.$(".statusbar"))?.screenshot({ path: join(ARTIFACTS, `studio-problem-${name}.png`) });
    await banner("light");
    await page.emulateMedia({ colorScheme: "dark" });
    await banner("dark");
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 700, height: 900 });
    await banner("700");
    await page.close();
  }, 120_000);

  it("writes each number as run's table does, on cards that say what they count", async () => {
    const { page } = await open(`${pathToFileURL(file).href}#${REPLICA}=10m`);
    const table = await runCli(["run", "--set", `${REPLICA}=10m`]);
    expect(table.code, table.stderr).toBeLessThanOrEqual(1); // 1: the file's expectations fail at 10m
    const cards = await inPage<{ label: string; value: string; counts: string }[]>(
      page,
      `[...document.querySelectorAll(".cards .card")].map((c) => ({ label: c.querySelector(".label").textContent,
        value: c.querySelector(".value").textContent, counts: c.querySelector(".counts")?.textContent ?? "" }))`,
    );
    let compared = 0;
    for (const card of cards) {
      expect(card.counts, card.label).toMatch(/\w+ \w+/);
      const row = new RegExp(
        `${card.label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*[│:]\\s*(.+?)\\s*│`,
      ).exec(table.stdout);
      if (row === null || !/^(time to first success|failed tries before success), /.test(card.label))
        continue;
      expect(card.value, card.label).toBe(row[1]);
      compared++;
    }
    // The times and the failed tries: the rows run's table has.
    expect(compared).toBeGreaterThanOrEqual(7);
    expect(cards.find((c) => c.label === "time to first success, mean")?.value).toBe(secondsText(390.24));
    expect(cards.find((c) => c.label === "failed tries before success, mean")).toEqual({
      label: "failed tries before success, mean",
      value: "2.168",
      counts: "failed tries per connected device",
    });
    await (await page.$("#numbers .cards"))?.screenshot({ path: join(ARTIFACTS, "studio-cards.png") });
    await page.close();
  }, 120_000);

  it("adds and removes DMPs, moves one to the site database, changes connections: a scenario run takes, the same numbers", async () => {
    const { page, console } = await open(pathToFileURL(file).href);
    const replicaNote = () => page.textContent('[data-replica-note="replica1"]');
    expect(await replicaNote()).toBe("Read by the DMP cm01.corp.contoso.com.");
    await edit(page, "whatIf.addDmps", "2");
    await edit(page, "whatIf.addedDmpDatabase", "site");
    await edit(page, CM01_DATABASE, "site");
    // No management point reads the replica any more: the page says so, and no chart is of it.
    expect(await replicaNote()).toBe(
      "No management point reads replica1 in this what-if: its syncs reach no device.",
    );
    const titles = await inPage<string[]>(
      page,
      `[...document.querySelectorAll("#figures figure h3, #figures figure h4")].map((h) => h.textContent)`,
    );
    // The tries charts stand under their section's heading, each titled by its server and database.
    const triesCharts = await inPage<string[]>(
      page,
      `[...document.querySelectorAll("#figures figure[id^=chart-tries] h3")].map((h) => h.textContent)`,
    );
    expect(triesCharts).toEqual([
      "cm01.corp.contoso.com (site database)",
      "whatif-dmp1.corp.contoso.com (site database)",
      "whatif-dmp2.corp.contoso.com (site database)",
    ]);
    expect(titles.filter((t) => t.includes("replica1"))).toEqual([]);
    const sectionHeads = await inPage<string[]>(
      page,
      `[...document.querySelectorAll("#figures > h3")].map((h) => h.textContent)`,
    );
    expect(sectionHeads).toEqual(
      expect.arrayContaining(["Time to first success", "Tries and failures over time"]),
    );
    await edit(page, "whatIf.removeManagementPoint.cm01.corp.contoso.com", "removed");
    // Its own fields return to the file's: they would edit a role the what-if no longer has.
    expect(await page.inputValue(`[data-path="${CM01_DATABASE}"]`)).toBe("replica1");
    expect(await page.isDisabled(`[data-path="${CM01_DATABASE}"]`)).toBe(true);
    expect(page.url()).toContain("#whatIf.addDmps=2&whatIf.addedDmpDatabase=site&");
    // A role's connections: a field for the file's servers; an added server's by a link (any --set path).
    const CONNECTIONS = "site.servers.whatif-dmp1.corp.contoso.com.roles.managementPoint.connections";
    const linked = await open(`${page.url()}&${CONNECTIONS}=internet`);
    const shown = await shownNumbers(linked.page);
    // The saved file is an ordinary scenario: mdmsim run gives the numbers the page shows.
    const [download] = await Promise.all([
      linked.page.waitForEvent("download"),
      linked.page.click('[data-action="download-scenario"]'),
    ]);
    const saved = join(dir, "structural.json");
    await download.saveAs(saved);
    const expected = await runJson([saved]);
    expectSameNumbers(shown, expected);
    const mps = expected.managementPoints as { server: string; devices: number }[];
    expect(mps.map((m) => m.server)).toEqual([
      "whatif-dmp1.corp.contoso.com",
      "whatif-dmp2.corp.contoso.com",
    ]);
    // The internet-only one takes no intranet device: whatif-dmp2 has them all.
    expect(mps.map((m) => m.devices)).toEqual([0, 1000]);
    expect(shown["devices.connected"]).toBe("1000");
    await linked.page.close();
    // The paired comparison runs the same structure.
    await page.selectOption("#paired-runs", "5");
    await page.click('[data-action="paired-compare"]');
    await waitForState(page, "ready");
    expect(await page.textContent('[data-verdict-metric="timeToFirstSuccessSeconds.mean"]')).toBe("better");
    await inPage(page, "window.scrollTo(0, 0)");
    await page.screenshot({ path: join(ARTIFACTS, "studio-structure.png"), fullPage: true });
    expect(console).toEqual([]);
    await page.close();
  }, 180_000);

  it("pins a group to a management point, changes a role's connections, and takes the pin away", async () => {
    const mixed = join(dir, "mixed-studio.html");
    const scenario = join(REPO_ROOT, "scenarios", "mixed-windows-macos.json");
    const made = await runCli(["studio", scenario, "--out", mixed]);
    expect(made.code, made.stderr).toBe(0);
    const { page } = await open(pathToFileURL(mixed).href);
    // The pin's field is a structural what-if ("none" is no --set value); a server's name pins as --set does.
    const PIN = "devices.hq-windows.managementPoint";
    const PIN_FIELD = "whatIf.pin.hq-windows";
    expect(await page.inputValue(field(PIN_FIELD))).toBe("cm01.corp.contoso.com");
    await edit(page, PIN_FIELD, "cm02.corp.contoso.com");
    expectSameNumbers(
      await shownNumbers(page),
      await runJson([scenario, "--set", `${PIN}=cm02.corp.contoso.com`]),
    );
    // A role's connections, by its field: cm02's management point takes intranet devices no more.
    const CONNECTIONS = "site.servers.cm02.corp.contoso.com.roles.managementPoint.connections";
    expect(await page.textContent(`[data-path="${CONNECTIONS}"] option:checked`)).toBe(
      "intranet and internet",
    );
    await edit(page, CONNECTIONS, "internet");
    expectSameNumbers(
      await shownNumbers(page),
      await runJson([scenario, "--set", `${PIN}=cm02.corp.contoso.com`, "--set", `${CONNECTIONS}=internet`]),
    );
    await edit(page, PIN_FIELD, "none");
    expect(await page.textContent(`${field(PIN_FIELD)} option:checked`)).toBe("none: chosen per device");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click('[data-action="download-scenario"]'),
    ]);
    const saved = join(dir, "unpinned.json");
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toBe("mixed-windows-macos-whatif.json");
    expectSameNumbers(await shownNumbers(page), await runJson([saved]));
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
