// compare on the bundled baseline: the closed forms' differences, and how much pairing narrows them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  assembleCompare,
  compareExitCode,
  planCompare,
  runCompare,
  type CompareSide,
} from "../../src/compare/compare.js";
import { loadScenario, parseScenarioText } from "../../src/scenario/load.js";
import { applyOverrides } from "../../src/scenario/overrides.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { runPlannedJob, sweepJobs } from "../../src/sweep/sweep.js";
import { tCritical95 } from "../../src/sweep/tDistribution.js";

const baseline = loadScenario(parseScenarioText(readFileSync("scenarios/baseline.json", "utf8")));
const MEAN = "timeToFirstSuccessSeconds.mean";
const TWO_MINUTES = "devices.hq-windows.polling.0.every=2m";
const SITE_DATABASE = "site.servers.cm01.corp.contoso.com.roles.managementPoint.database=site";

function sides(overrides: readonly string[]): { a: CompareSide; b: CompareSide } {
  const withs = Object.fromEntries(
    overrides.map((o) => [o.slice(0, o.indexOf("=")), o.slice(o.indexOf("=") + 1)]),
  );
  return {
    a: { scenario: "baseline", file: "baseline.json", with: {} },
    b: { scenario: "baseline", file: "baseline.json", with: withs },
  };
}

function compareWith(overrides: readonly string[], runs = 10) {
  const b: Scenario = applyOverrides(baseline, overrides);
  const plan = planCompare(baseline, b, sides(overrides), { runs });
  const outcomes = sweepJobs(plan).map((job) => runPlannedJob(plan, job));
  return { plan, outcomes, result: assembleCompare(plan, outcomes) };
}

const sd = (xs: readonly number[]) => {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
};

describe("compare on the baseline", () => {
  it("a 2-minute first polling phase: −36 s (252 → 216) inside a paired interval well under half the unpaired one", () => {
    const { result } = compareWith([TWO_MINUTES]);
    const mean = result.metrics[MEAN];
    const [lo, hi] = mean?.difference.ci95 ?? [NaN, NaN];
    expect(lo).toBeLessThanOrEqual(-36);
    expect(hi).toBeGreaterThanOrEqual(-36);
    // How much pairing narrows the interval, measured over 100 paired runs: over 10 the ratio of two
    // standard deviations of 10 values each wanders from 0.24 to 0.81 with the seeds (both ways of drawing
    // devices' randomness did), so 10 runs would judge the seeds, not the pairing.
    const wide = compareWith([TWO_MINUTES], 100);
    const m = wide.plan.metrics.indexOf(MEAN);
    const a = wide.outcomes.slice(0, 100).map((o) => o.metrics[m] ?? NaN);
    const b = wide.outcomes.slice(100).map((o) => o.metrics[m] ?? NaN);
    const [wideLo, wideHi] = wide.result.metrics[MEAN]?.difference.ci95 ?? [NaN, NaN];
    // Unpaired: the same runs treated as two independent samples (Welch's standard error, t with 2n − 2).
    const unpairedHalf = tCritical95(198) * Math.sqrt(sd(a) ** 2 / 100 + sd(b) ** 2 / 100);
    const pairedHalf = (wideHi - wideLo) / 2;
    console.log(
      `mean time to first success: A ${JSON.stringify(mean?.a)}, B ${JSON.stringify(mean?.b)}\n` +
        `paired B − A (10 runs): ${mean?.difference.mean} [${lo}, ${hi}]\n` +
        `100 runs: paired half-width ${pairedHalf.toFixed(3)}, unpaired ±${unpairedHalf.toFixed(3)}; ` +
        `paired / unpaired = ${(pairedHalf / unpairedHalf).toFixed(3)}`,
    );
    expect(pairedHalf / unpairedHalf).toBeLessThan(0.5);
    expect(mean?.verdict).toBe("better");
    expect(mean?.relative).toBeCloseTo(216 / 252 - 1, 1);
    // More frequent polls fail more often before the record arrives: more failed tries, a worse verdict.
    expect(result.metrics["failedAttemptsBeforeSuccess.mean"]?.verdict).toBe("worse");
    expect(result.metrics["devices.connected"]?.verdict).toBe("same");
    expect(result.configurationDifferences).toEqual([
      { path: "devices.hq-windows.polling.0.every", a: "3m", b: "2m" },
    ]);
  });

  it("the DMP on the site database: −252 s in expectation, every device at its first poll", () => {
    const result = runCompare(baseline, applyOverrides(baseline, [SITE_DATABASE]), sides([SITE_DATABASE]));
    const mean = result.metrics[MEAN];
    expect(mean?.b).toEqual({ mean: 0, ci95: [0, 0] });
    const [lo, hi] = mean?.difference.ci95 ?? [NaN, NaN];
    expect(lo).toBeLessThanOrEqual(-252);
    expect(hi).toBeGreaterThanOrEqual(-252);
    // The difference is exactly −A seed by seed, so its interval is A's mirrored.
    expect(mean?.difference.mean).toBe(-(mean?.a.mean ?? NaN));
    expect(mean?.relative).toBe(-1);
    expect(mean?.verdict).toBe("better");
    expect(result.configurationDifferences).toEqual([
      { path: "site.servers.cm01.corp.contoso.com.roles.managementPoint.database", a: "replica1", b: "site" },
    ]);
    expect(result.runs).toBe(10);
    expect(result.seeds).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("a scenario against itself: every verdict same, no configuration difference, exit 0", () => {
    const result = runCompare(baseline, baseline, sides([]), { runs: 3 });
    expect(Object.values(result.metrics).map((m) => m.verdict)).toEqual(
      Object.values(result.metrics).map(() => "same"),
    );
    expect(result.configurationDifferences).toEqual([]);
    expect(compareExitCode(result, true)).toBe(0);
  });

  it("exits 1 with --fail-on-worse on a worse verdict, and on an expectation failing on B", () => {
    const slower = applyOverrides(baseline, ["site.replicas.replica1.syncInterval=10m"]);
    const result = runCompare(baseline, slower, sides(["site.replicas.replica1.syncInterval=10m"]), {
      runs: 3,
      expectations: ["timeToFirstSuccessSeconds.p99 <= 6m"],
    });
    expect(result.metrics[MEAN]?.verdict).toBe("worse");
    expect(result.expectations.find((e) => e.expression === "timeToFirstSuccessSeconds.p99 <= 6m")).toEqual({
      expression: "timeToFirstSuccessSeconds.p99 <= 6m",
      passedRuns: 0,
      passed: false,
    });
    expect(compareExitCode(result, false)).toBe(1);
    expect(compareExitCode({ ...result, expectations: [] }, false)).toBe(0);
    expect(compareExitCode({ ...result, expectations: [] }, true)).toBe(1);
  });
});

describe("planCompare with the caller's estimates", () => {
  it("takes each side's events and memory as given: its run limits are not estimated again", () => {
    const b = applyOverrides(baseline, [TWO_MINUTES]);
    const plan = planCompare(
      baseline,
      b,
      sides([TWO_MINUTES]),
      { runs: 2 },
      {
        a: { events: 1000, memory: 7 },
        b: { events: 2000, memory: 9 },
      },
    );
    expect(plan.variantMemory).toEqual([7, 9]);
    expect(plan.variantEvents[1]! - plan.variantEvents[0]!).toBe(1000);
  });
});
