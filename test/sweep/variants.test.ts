// A sweep's variants planned without making each one's scenario: each value applied alone once, a variant
// planned from its values' changes, made whole only when it runs (issue 27: 100,000 variants took 19.5 s
// and 1.39 GB before the events refusal).
import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/errors.js";
import { checkRunLimits } from "../../src/model/estimate.js";
import { loadScenario } from "../../src/scenario/load.js";
import { applyOverrides } from "../../src/scenario/overrides.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { gridOf, parseVary } from "../../src/sweep/grid.js";
import { metricBounds } from "../../src/sweep/metricProfile.js";
import {
  checkSweepWork,
  planRuns,
  planSweep,
  sweepHeader,
  sweepJobs,
  variantSource,
} from "../../src/sweep/sweep.js";
import { DEFAULT_METRICS, surveyVariants } from "../../src/sweep/survey.js";
import { gridScenarios } from "../../src/sweep/variants.js";
import { BASELINE_TEXT } from "../helpers/cli.js";
import { singleServer } from "../helpers/scenarios.js";

const baseline = loadScenario(BASELINE_TEXT);
// singleServer's replica: r1, every 5m, offset 100 s.
const INTERVAL = "site.replicas.r1.syncInterval";
// 400 × 250: 100,000 variants of 650 values.
const WIDE = ["devices.hq-windows.count=1..400:1", "seed=1..250:1"];

describe("gridScenarios: each value applied alone, once", () => {
  it("applies 650 values for 100,000 variants, and makes no variant whole to plan it", () => {
    const grid = gridOf(WIDE.map((v) => parseVary(v)));
    let applied = 0;
    const started = performance.now();
    const variants = gridScenarios(
      baseline,
      grid,
      (variant) => variantSource(undefined, variant),
      {},
      () => applied++,
    );
    expect(variants.size).toBe(100_000);
    expect(applied).toBe(650);
    // A planned variant is the scenario with its values' changes: the rest is shared, not copied.
    const planned = variants.planned(99_999);
    expect(planned.devices[0]?.count).toBe(400);
    expect(planned.seed).toBe(250);
    expect(planned.site).toBe(baseline.site);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("plans each variant as the variant made whole: estimates, ranges and metric paths", () => {
    const scenario = singleServer({ duration: "2h", group: { count: 20 } });
    const grid = gridOf(["devices.0.count=5,50", `${INTERVAL}=2m,10m`, "duration=1h,3h"].map(parseVary));
    const variants = gridScenarios(scenario, grid, (variant) => variantSource(undefined, variant), {});
    for (let k = 0; k < variants.size; k++) {
      const planned = variants.planned(k);
      const built = variants.built(k);
      expect(checkRunLimits(planned)).toEqual(checkRunLimits(built));
      for (const metric of ["devices.connected", "timeToFirstSuccessSeconds.max", "attempts.failed"])
        expect(metricBounds(planned, metric)).toEqual(metricBounds(built, metric));
      expect(planned.expectations).toEqual(built.expectations);
    }
  });

  it("makes whole a variant whose values change one object (they may interact through a rule)", () => {
    const scenario = singleServer({ duration: "2h" });
    // Each value is valid alone; together an offset of 4m is not below an interval of 2m.
    const grid = gridOf([`${INTERVAL}=2m,10m`, "site.replicas.0.syncOffset=1m,4m"].map(parseVary));
    const variants = gridScenarios(scenario, grid, (variant) => variantSource(undefined, variant), {});
    expect(variants.planned(2).site.replicas[0]?.syncInterval).toBe(600);
    expect(() => variants.planned(1)).toThrow(ScenarioError);
    expect(() => variants.planned(1)).toThrow(/syncOffset < syncInterval/);
  });
});

describe("a variant of one value: checked once, with its value", () => {
  it("runs as the value's scenario (not validated again) and is estimated with it", () => {
    const scenario = singleServer({ duration: "2h", group: { count: 20 } });
    const grid = gridOf([parseVary("devices.0.count=5,50")]);
    const variants = gridScenarios(scenario, grid, (variant) => variantSource(undefined, variant), {});
    for (let k = 0; k < grid.size; k++) {
      const whole = applyOverrides(scenario, grid.at(k).overrides);
      const built = variants.built(k);
      // The same scenario, keys in the same order; its untouched parts shared, so not made again.
      expect(JSON.stringify(built)).toBe(JSON.stringify(whole));
      expect(built.site).toBe(scenario.site);
      const figures = checkRunLimits(whole);
      expect(variants.estimate(k)).toEqual({ events: figures.events, memory: figures.memoryBytes });
    }
  });

  it("is not estimated from its value when it combines values", () => {
    const scenario = singleServer({ duration: "2h", group: { count: 20 } });
    const grid = gridOf(["devices.0.count=5,50", "seed=1,2"].map(parseVary));
    const variants = gridScenarios(scenario, grid, (variant) => variantSource(undefined, variant), {});
    expect(variants.estimate(0)).toBeUndefined();
  });
});

describe("surveyVariants: one pass", () => {
  it("reads each variant's planned scenario once", () => {
    const scenario = singleServer({ duration: "2h", group: { count: 20 } });
    const read: number[] = [];
    const survey = surveyVariants({
      count: 3,
      planned: (v) => {
        read.push(v);
        return scenario;
      },
      set: (v) => ({ v }),
      estimate: () => ({ events: 1, memory: 1 }),
      metrics: ["attempts.total", "devices.connected"],
      extraExpectations: [],
    });
    expect(read).toEqual([0, 1, 2]);
    expect(survey.metrics).toEqual([...DEFAULT_METRICS, "attempts.total"]);
    expect(survey.variants[2]?.bounds).toEqual(survey.metrics.map((m) => metricBounds(scenario, m)));
  });
});

describe("planSweep: a grid of 100,000 variants", () => {
  it("is planned from its values and refused by its runs' fixed cost before any variant is surveyed", () => {
    const started = performance.now();
    const plan = planSweep(baseline, { vary: WIDE, runs: 20 });
    expect(plan.variantCount).toBe(100_000);
    const jobs = sweepJobs(plan);
    expect(jobs).toHaveLength(2_000_000);
    expect(() => {
      checkSweepWork(plan, jobs);
    }).toThrow(
      /^--runs: 100000 variants × 20 runs: the sweep would process at least 4\.0e\+9 events \(the limit is 2e\+9; --max-events raises it\), most of them the set-up of each run/,
    );
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("gives the header every variant made whole gives (the same document)", () => {
    const scenario = singleServer({ duration: "2h", group: { count: 20 } });
    const vary = ["devices.0.count=5,50", `${INTERVAL}=2m,10m`, "duration=1h,3h"];
    const plan = planSweep(scenario, { vary, runs: 2, metrics: ["attempts.total"] });
    const grid = gridOf(vary.map(parseVary));
    const whole: Scenario[] = [];
    const variants = gridScenarios(scenario, grid, (variant) => variantSource(undefined, variant), {});
    for (let k = 0; k < grid.size; k++) whole.push(variants.built(k));
    const expected = planRuns(
      scenario.name,
      whole.map((s, k) => ({ scenario: s, set: grid.at(k).set })),
      { runs: 2, seed: scenario.seed, metrics: ["attempts.total"] },
    );
    expect(sweepHeader(plan)).toEqual(sweepHeader(expected));
    expect(plan.variantEvents).toEqual(expected.variantEvents);
    expect(plan.scenarioOf(5)).toEqual(whole[5]);
  });
});
