import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { largest, smallest } from "../src/extremes.js";
import { loadScenario } from "../src/scenario/load.js";
import { metricBounds } from "../src/sweep/metricProfile.js";
import { BASELINE_TEXT, REPO_ROOT } from "./helpers/cli.js";

const LONG = 200_000;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("largest and smallest", () => {
  it("take lists of any length (Math.max(...xs) overflows the stack at 200,000)", () => {
    const xs = Array.from({ length: LONG }, (_, i) => (i * 7919) % LONG);
    expect(largest(xs)).toBe(LONG - 1);
    expect(smallest(xs)).toBe(0);
    expect(largest([])).toBe(-Infinity);
    expect(smallest([])).toBe(Infinity);
    expect(largest([1, NaN, 2])).toBeNaN();
  });

  it("bound a sweep metric of a scenario with 200,000 device groups", () => {
    const scenario = loadScenario(BASELINE_TEXT);
    const group = scenario.devices[0]!;
    const many = { ...scenario, devices: Array.from({ length: LONG }, () => group) };
    expect(metricBounds(many, "timeToFirstSuccessSeconds.p50")[0]).toBe(group.firstPollDelay);
  });

  it("are what the core uses: no spread of a list into Math.max or Math.min, nor into push in the pages' code", () => {
    const offending: string[] = [];
    for (const file of sources(join(REPO_ROOT, "src"))) {
      const at = relative(REPO_ROOT, file);
      if (at.startsWith("src/cli/") || at.startsWith("src/testing/")) continue;
      const text = readFileSync(file, "utf8");
      const pageCode = at.startsWith("src/studio/") || at.startsWith("src/report/html/");
      text.split("\n").forEach((line, i) => {
        if (/^\s*(\/\/|\*)/.test(line)) return;
        if (/Math\.(max|min)\([^)]*\.\.\./.test(line) || (pageCode && /\.push\(\s*\.\.\./.test(line)))
          offending.push(`${at}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offending).toEqual([]);
  });
});
