// Headless Chromium for browser tests: Debian's `chromium`, driven by playwright-core, with a fresh profile
// and nothing in the background that could make a request of its own.
// Chromium is installed by .ci/run; without it the browser tests are skipped locally, and fail under CI=true
// (describeInChromium, the one guard).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { describe, it } from "vitest";

export const CHROMIUM = "/usr/bin/chromium";

/** Whether Chromium is installed here. */
export const chromiumAvailable: boolean = existsSync(CHROMIUM);

/** CI=true (or any value but "", "0" and "false"): a missing Chromium is a failure, never a skip. */
export const inCi: boolean = !["", "0", "false"].includes(process.env.CI ?? "");

/** A describe block of browser tests: skipped without Chromium, and under CI a failing test in its place. */
export function describeInChromium(title: string, tests: () => void): void {
  if (!chromiumAvailable && inCi)
    describe(title, () => {
      it("needs Chromium under CI", () => {
        throw new Error(`${CHROMIUM} is missing: .ci/run installs it (apt-get install chromium)`);
      });
    });
  describe.skipIf(!chromiumAvailable)(title, tests);
}

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

/** Evaluates an expression in the page: given as text, as the tests are compiled without the DOM's types. */
export async function inPage<T>(page: Page, expression: string): Promise<T> {
  const value: unknown = await page.evaluate(expression);
  return value as T;
}

/**
 * Waits until the page's body has `data-state="STATE"`. A selector, not waitForFunction: that evaluates its
 * predicate with eval, which the studio's CSP forbids.
 */
export function waitForState(page: Page, state: string): Promise<unknown> {
  return page.waitForSelector(`body[data-state="${state}"]`, { state: "attached", timeout: 60_000 });
}
