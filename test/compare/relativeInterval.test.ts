// The relative change's interval: the paired difference's over A's mean, so it agrees with the verdict; shown
// beside the relative change and carried in the JSON document.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCompare } from "../../src/compare/compare.js";
import { relativeInterval } from "../../src/compare/paired.js";
import { renderCompareMarkdown, renderCompareTable } from "../../src/compare/render.js";
import { loadScenario, parseScenarioText } from "../../src/scenario/load.js";
import { applyOverrides } from "../../src/scenario/overrides.js";

describe("relativeInterval", () => {
  it("is the paired difference's interval over A's mean", () => {
    expect(relativeInterval([-37.234, -34.262], 251.28)).toEqual([-0.148, -0.136]);
    expect(relativeInterval([2, 4], -10)).toEqual([-0.4, -0.2]);
  });

  it("is null when A's mean is 0 or null or the difference has no interval", () => {
    expect(relativeInterval([1, 2], 0)).toBeNull();
    expect(relativeInterval([1, 2], null)).toBeNull();
    expect(relativeInterval(null, 5)).toBeNull();
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
    expect(renderCompareMarkdown(result)).toContain("relative: B/A − 1, with the interval of B − A");
    // It excludes 0 exactly when the verdict is better or worse.
    for (const m of Object.values(result.metrics))
      if (m.relativeCi95 !== null && m.verdict !== "inconclusive" && m.verdict !== "same")
        expect(m.relativeCi95[0] > 0 || m.relativeCi95[1] < 0).toBe(true);
  });

  it("shows durations in the configuration difference as written", () => {
    expect(renderCompareTable(result)).toMatch(/devices\.hq-windows\.polling\.0\.every\s*│\s*3m\s*│\s*2m/);
  });
});
