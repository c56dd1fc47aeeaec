// The relative change's interval: the delta method for a ratio of paired means, from the same runs as the
// paired difference; shown beside the relative change and carried in the JSON document.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCompare } from "../../src/compare/compare.js";
import { relativeInterval } from "../../src/compare/paired.js";
import { renderCompareMarkdown, renderCompareTable } from "../../src/compare/render.js";
import { loadScenario, parseScenarioText } from "../../src/scenario/load.js";
import { applyOverrides } from "../../src/scenario/overrides.js";

describe("relativeInterval", () => {
  it("is the ratio's delta-method interval over the pairs where both sides had a value", () => {
    // r = 12/10; d = b − r·a = [0.8, −1.6, 0.8] (and a pair with a null, left out); s_d² = 1.92.
    const [lo, hi] = relativeInterval([8, 12, 10, null], [10.4, 12.8, 12.8, 5]) ?? [NaN, NaN];
    const half = (4.302652729911275 * Math.sqrt(1.92 / 3)) / 10;
    expect(lo).toBeCloseTo(0.2 - half, 3);
    expect(hi).toBeCloseTo(0.2 + half, 3);
  });

  it("is a point when B is A scaled, never below −100%, and null without two pairs or with A's mean 0", () => {
    expect(relativeInterval([10, 20, 30], [5, 10, 15])).toEqual([-0.5, -0.5]);
    expect(relativeInterval([100, 1, 1], [0, 0, 60])?.[0]).toBe(-1);
    expect(relativeInterval([10], [5])).toBeNull();
    expect(relativeInterval([0, 0], [1, 2])).toBeNull();
  });
});

describe("compare's relative change", () => {
  const baseline = loadScenario(parseScenarioText(readFileSync("scenarios/baseline.json", "utf8")));
  const result = runCompare(
    baseline,
    applyOverrides(baseline, ["devices.hq-windows.polling.0.every=2m"]),
    {
      a: { scenario: "baseline", file: "baseline.json", with: {} },
      b: {
        scenario: "baseline",
        file: "baseline.json",
        with: { "devices.hq-windows.polling.0.every": "2m" },
      },
    },
    { runs: 4 },
  );

  it("carries an interval that holds the relative change, and shows it in the table and markdown", () => {
    const mean = result.metrics["timeToFirstSuccessSeconds.mean"];
    expect(mean?.relative).toBeLessThan(0);
    const [lo, hi] = mean?.relativeCi95 ?? [NaN, NaN];
    expect(lo).toBeLessThan(mean?.relative ?? NaN);
    expect(hi).toBeGreaterThan(mean?.relative ?? NaN);
    expect(hi).toBeLessThan(0);
    expect(result.metrics["devices.neverConnected"]?.relativeCi95).toBeNull();
    const row = renderCompareTable(result)
      .split("\n")
      .find((l) => l.includes("timeToFirstSuccessSeconds.mean"));
    expect(row).toMatch(/-1\d(\.\d)?% \(-1\d(\.\d)? to -1\d(\.\d)?%\)/);
    expect(renderCompareMarkdown(result)).toContain("relative: B/A − 1, its 95% interval");
  });

  it("shows durations in the configuration difference as written", () => {
    expect(renderCompareTable(result)).toMatch(/devices\.hq-windows\.polling\.0\.every\s*│\s*3m\s*│\s*2m/);
  });
});
