// Headless Chromium for browser tests: Debian's `chromium`, driven by playwright-core, with a fresh profile
// and nothing in the background that could make a request of its own.
// Chromium is installed by .ci/run; without it the browser tests are skipped locally, and fail under CI=true.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** Whether Chromium is installed here. */
export const chromiumAvailable: boolean = existsSync(CHROMIUM);

/** CI=true (or any value but "", "0" and "false"): a missing Chromium is a failure, never a skip. */
export const inCi: boolean = !["", "0", "false"].includes(process.env.CI ?? "");

/** A browser context on a fresh profile; `close` ends the browser and removes the profile. */
export async function launchChromium(
  options: { viewport?: { width: number; height: number }; acceptDownloads?: boolean } = {},
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), "mdmsim-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: options.viewport ?? { width: 1100, height: 900 },
    acceptDownloads: options.acceptDownloads ?? false,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens a page, recording every request and every console message and page error. */
export async function openRecording(
  context: BrowserContext,
  url: string,
): Promise<{ page: Page; requests: string[]; console: string[] }> {
  const page = await context.newPage();
  const requests: string[] = [];
  const messages: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => messages.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => messages.push(`pageerror: ${e.message}`));
  await page.goto(url, { waitUntil: "load" });
  return { page, requests, console: messages };
}
