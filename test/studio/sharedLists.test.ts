// The studio's shared option lists in Chromium: each management point's database select and each group's
// pinned management point are written with their chosen value only, and the page's script gives them the
// list the page holds once (at once when all of them together are small, else when one is first used).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeInChromium, launchChromium, openRecording, waitForState } from "../helpers/chromium.js";
import { shaped } from "../helpers/bigSites.js";
import { runCli } from "../helpers/cli.js";

const DATABASE = (i: number) => `site.servers.mp${i}.corp.contoso.com.roles.managementPoint.database`;

async function optionCount(page: Page, path: string): Promise<number> {
  return (await page.$$(`[data-path="${path}"] option`)).length;
}

describeInChromium("the studio's shared option lists in Chromium", () => {
  let dir: string;
  let context: BrowserContext;
  let close: () => Promise<void>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "mdmsim-shared-"));
    ({ context, close } = await launchChromium({ viewport: { width: 1280, height: 900 } }));
  }, 120_000);
  afterAll(async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function studio(count: number): Promise<{ html: string; url: string }> {
    const scenario = join(dir, `mps-${count}.json`);
    writeFileSync(scenario, JSON.stringify(shaped({ mps: count, replicas: count })));
    const out = join(dir, `mps-${count}.html`);
    const made = await runCli(["studio", scenario, "--out", out]);
    expect(made.code, made.stderr).toBe(0);
    return { html: readFileSync(out, "utf8"), url: pathToFileURL(out).href };
  }

  it("writes each list once and fills every select from it; an edit runs", async () => {
    const { html, url } = await studio(12);
    // 13 databases, 13 management points: written once each, not once per control.
    expect(html.match(/<option value="replica11">/g)).toHaveLength(1);
    expect(html.match(/<template id="mdmsim-options-\d+">/g)).toHaveLength(2);
    const { page, console } = await openRecording(context, url);
    await waitForState(page, "ready");
    expect(await optionCount(page, DATABASE(3))).toBe(13);
    expect(await page.inputValue(`[data-path="${DATABASE(3)}"]`)).toBe("replica3");
    await page.selectOption(`[data-path="${DATABASE(3)}"]`, "site");
    await waitForState(page, "ready");
    expect(page.url()).toContain("database");
    expect(console.filter((m) => m.startsWith("pageerror") || m.startsWith("error"))).toEqual([]);
    await page.close();
  }, 120_000);

  // A select filled only when first used refused a value a script set (the contract's way to edit).
  it("offers a long list as one datalist beside text fields: a value set by a script runs", async () => {
    const { html, url } = await studio(160);
    expect(html.match(/<option value="replica159"/g)).toHaveLength(1);
    const { page, console } = await openRecording(context, url);
    await waitForState(page, "ready");
    expect(await page.inputValue(`[data-path="${DATABASE(7)}"]`)).toBe("replica7");
    const list = await page.getAttribute(`[data-path="${DATABASE(7)}"]`, "list");
    expect(await page.$$(`datalist#${list} option`)).toHaveLength(161);
    await page.evaluate((path) => {
      const el = document.querySelector<HTMLInputElement>(`[data-path="${path}"]`);
      if (el === null) throw new Error(`no field ${path}`);
      el.value = "site";
      el.dispatchEvent(new Event("change", { bubbles: true }));
    }, DATABASE(7));
    await waitForState(page, "ready");
    expect(page.url()).toContain(`${DATABASE(7)}=site`);
    expect(console.filter((m) => m.startsWith("pageerror") || m.startsWith("error"))).toEqual([]);
    await page.close();
  }, 120_000);
});
