// runSweep: the closed forms across a sweep, common random numbers, the documented variant order,
// expectations per run, metrics without values, and errors before anything runs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScenarioError, UsageError } from "../../src/errors.js";
import { replicaClosedForm } from "../../src/model/closedForm.js";
import type { MetricStats } from "../../src/sweep/aggregate.js";
import { DEFAULT_METRICS, planSweep, runSweep, sweepJobs } from "../../src/sweep/sweep.js";
import { type SweepResult } from "../../src/sweep/document.js";
import { singleServer } from "../helpers/scenarios.js";

const MEAN = "timeToFirstSuccessSeconds.mean";
const INTERVAL = "site.replicas.r1.syncInterval";

/** The statistics of one metric of variant v. */
const stat = (result: SweepResult, v: number, metric = MEAN): MetricStats => {
  const s = result.variants[v]?.metrics[metric];
  if (s === undefined) throw new Error(`no ${metric} in variant ${v}`);
  return s;
};

/** A small scenario whose runs differ by seed (uniform enrollment, drawn sync offset). */
const small = (count = 20) =>
  singleServer({
    duration: "2h",
    replica: { syncOffset: undefined },
    group: { count, enrollment: { pattern: "uniform", from: "0s", to: "1h" } },
  });

describe("runSweep: the closed forms across a sweep", () => {
  // The setup of test/simulate.test.ts: 12,000 devices committed every 0.3 s (the `even` pattern) against
  // ticks at 0.15 s + k·P, so the visibility delay is an exact uniform grid on (0, P). Polls every 3 minutes
  // make the mean time to first success 180 s at P = 1 min, 252 s at 5 min and 396 s at 10 min.
  it("gives exactly 180, 252 and 396 s with evenly spread enrollments, in every run", () => {
    const scenario = singleServer({
      duration: "3h",
      replica: { syncInterval: "5m", syncOffset: "0.15s" },
      group: { count: 12000, enrollment: { pattern: "even", from: "0s", to: "1h" } },
    });
    const result = runSweep(scenario, { vary: [`${INTERVAL}=1m,5m,10m`], runs: 2 });
    expect(result.variants.map((v) => v.set)).toEqual([
      { [INTERVAL]: "1m" },
      { [INTERVAL]: "5m" },
      { [INTERVAL]: "10m" },
    ]);
    expect(result.variants.map((_, v) => stat(result, v))).toEqual([
      { mean: 180, ci95: [180, 180], min: 180, max: 180, count: 2, method: "student-t" },
      { mean: 252, ci95: [252, 252], min: 252, max: 252, count: 2, method: "student-t" },
      { mean: 396, ci95: [396, 396], min: 396, max: 396, count: 2, method: "student-t" },
    ]);
    const group = scenario.devices[0]!;
    for (const [v, interval] of [60, 300, 600].entries())
      expect(stat(result, v).mean).toBeCloseTo(
        replicaClosedForm(group, { syncInterval: interval, applyDelay: 0 }).timeToFirstSuccess,
        9,
      );
  });

  it("holds the closed form inside the 95% interval with uniform enrollments and drawn offsets", () => {
    const scenario = singleServer({
      duration: "6h",
      replica: { syncOffset: undefined },
      group: { count: 5000, enrollment: { pattern: "uniform", from: "0s", to: "4h" } },
    });
    const result = runSweep(scenario, { vary: [`${INTERVAL}=1m,5m,10m`], runs: 10 });
    for (const [v, expected] of [180, 252, 396].entries()) {
      const [lo, hi] = stat(result, v).ci95 ?? [NaN, NaN];
      expect(lo).toBeLessThanOrEqual(expected);
      expect(hi).toBeGreaterThanOrEqual(expected);
    }
    // Randomness is real: the 5- and 10-minute variants vary between runs, the 1-minute one cannot.
    expect(stat(result, 0).ci95).toEqual([180, 180]);
    expect(stat(result, 1).min).toBeLessThan(stat(result, 1).max ?? 0);
  });
});

describe("runSweep: seeds, metrics, expectations", () => {
  it("uses seeds seed … seed+runs−1 for every variant and reports every contract metric", () => {
    const result = runSweep(small(), { vary: [`${INTERVAL}=1m,5m`], runs: 3, seed: 40 });
    expect(result).toMatchObject({ scenario: "test", runs: 3, seeds: [40, 41, 42] });
    for (const v of result.variants) expect(Object.keys(v.metrics)).toEqual(DEFAULT_METRICS);
    expect(sweepJobs(planSweep(small(), { vary: [`${INTERVAL}=1m,5m`], runs: 3, seed: 40 }))).toEqual([
      { index: 0, variant: 0, run: 0, seed: 40 },
      { index: 1, variant: 0, run: 1, seed: 41 },
      { index: 2, variant: 0, run: 2, seed: 42 },
      { index: 3, variant: 1, run: 0, seed: 40 },
      { index: 4, variant: 1, run: 1, seed: 41 },
      { index: 5, variant: 1, run: 2, seed: 42 },
    ]);
  });

  it("defaults to the scenario's seed and 10 runs", () => {
    const result = runSweep(small(5), { vary: [`${INTERVAL}=5m`] });
    expect(result.seeds).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
  });

  it("adds --metric paths after the contract's, once each", () => {
    const result = runSweep(small(), {
      vary: [`${INTERVAL}=5m`],
      runs: 2,
      metrics: ["replicas.r1.syncs", MEAN, "attempts.failedByReason.device-not-in-replica"],
    });
    const keys = Object.keys(result.variants[0]?.metrics ?? {});
    expect(keys).toEqual([
      ...DEFAULT_METRICS,
      "replicas.r1.syncs",
      "attempts.failedByReason.device-not-in-replica",
    ]);
    expect(stat(result, 0, "replicas.r1.syncs").mean).toBe(24);
  });

  it("counts the runs in which each expectation held; passed only when all did", () => {
    const scenario = singleServer({
      duration: "2h",
      replica: { syncOffset: undefined },
      group: { count: 3, enrollment: { pattern: "uniform", from: "0s", to: "1h" } },
      extra: { expectations: ["devices.neverConnected == 0"] },
    });
    const result = runSweep(scenario, {
      vary: [`${INTERVAL}=1m,10m`],
      runs: 10,
      expectations: ["failedAttemptsBeforeSuccess.max <= 1"],
    });
    const [fast, slow] = result.variants;
    expect(fast?.expectations).toEqual([
      { expression: "devices.neverConnected == 0", passedRuns: 10, passed: true },
      { expression: "failedAttemptsBeforeSuccess.max <= 1", passedRuns: 10, passed: true },
    ]);
    // At 10 minutes a device fails more than once w.p. 0.7; with three devices some runs still hold.
    const held = slow?.expectations[1]?.passedRuns ?? -1;
    expect(held).toBeGreaterThanOrEqual(0);
    expect(held).toBeLessThan(10);
    expect(slow?.expectations[1]?.passed).toBe(false);
  });

  it("leaves a metric with no value out of its statistics (null stats when no run had one)", () => {
    // Every server down for the whole run: nobody connects, so there is no time to first success.
    const scenario = singleServer({ duration: "30m", server: { outages: [{ from: "0s", to: "1h" }] } });
    const result = runSweep(scenario, { vary: [`${INTERVAL}=5m`], runs: 2 });
    expect(stat(result, 0)).toEqual({
      mean: null,
      ci95: null,
      min: null,
      max: null,
      count: 0,
      method: "student-t",
    });
    expect(stat(result, 0, "devices.connected")).toMatchObject({ mean: 0, count: 2 });
  });
});

describe("runSweep: invariants", () => {
  const interval = fc.constantFrom("1m", "3m", "5m", "10m");
  const count = fc.integer({ min: 1, max: 25 });

  it("gives identical metrics to variants with identical values (common random numbers)", () => {
    fc.assert(
      fc.property(
        fc.array(interval, { minLength: 2, maxLength: 4 }),
        fc.integer({ min: 0, max: 1000 }),
        (values, seed) => {
          const result = runSweep(small(), { vary: [`${INTERVAL}=${values.join(",")}`], runs: 2, seed });
          for (let a = 0; a < values.length; a++)
            for (let b = 0; b < values.length; b++)
              if (values[a] === values[b]) expect(result.variants[a]).toEqual(result.variants[b]);
        },
      ),
      { numRuns: 15 },
    );
  });

  it("does not depend on the order of the --vary options beyond the documented variant order", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(interval, { minLength: 1, maxLength: 3 }),
        fc.uniqueArray(count, { minLength: 1, maxLength: 3 }),
        (intervals, counts) => {
          const a = `${INTERVAL}=${intervals.join(",")}`;
          const b = `devices.0.count=${counts.join(",")}`;
          const ab = runSweep(small(), { vary: [a, b], runs: 2 });
          const ba = runSweep(small(), { vary: [b, a], runs: 2 });
          // Variant (i, j) of a×b is variant (j, i) of b×a; only the order of `set`'s keys differs.
          for (let i = 0; i < intervals.length; i++)
            for (let j = 0; j < counts.length; j++) {
              const x = ab.variants[i * counts.length + j];
              const y = ba.variants[j * intervals.length + i];
              expect(x?.set).toEqual({ [INTERVAL]: intervals[i], "devices.0.count": counts[j] });
              expect(Object.keys(x?.set ?? {})).toEqual([INTERVAL, "devices.0.count"]);
              expect(Object.keys(y?.set ?? {})).toEqual(["devices.0.count", INTERVAL]);
              expect(y?.set).toEqual(x?.set);
              expect(y?.metrics).toEqual(x?.metrics);
              expect(y?.expectations).toEqual(x?.expectations);
            }
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe("planSweep: errors before anything runs", () => {
  it("names the --vary option whose value is invalid or whose path names nothing", () => {
    expect(() => planSweep(small(), { vary: ["devices.0.count=5,-1"] })).toThrow(ScenarioError);
    expect(() => planSweep(small(), { vary: ["devices.0.count=5,-1"] })).toThrow(
      "--vary devices.0.count=-1: devices[0].count: expected an integer >= 1, got -1",
    );
    expect(() => planSweep(small(), { vary: ["site.replicas.nope.syncInterval=5m"] })).toThrow(
      '--vary site.replicas.nope.syncInterval=5m: "site.replicas.nope" names nothing in the scenario',
    );
    // A rule across fields (syncOffset 100 s must be below the interval): every value of the variant is named.
    const offset = singleServer({ duration: "2h" });
    expect(() => planSweep(offset, { vary: [`${INTERVAL}=5m,1m`, "devices.0.count=1"] })).toThrow(
      `--vary ${INTERVAL}=1m --vary devices.0.count=1: site.replicas[0].syncOffset: expected syncOffset < syncInterval`,
    );
  });

  it("rejects bad --runs, seeds and expectations as usage errors", () => {
    for (const runs of [0, -1, 1.5, Number.NaN, 1e9])
      expect(() => planSweep(small(), { vary: [`${INTERVAL}=5m`], runs })).toThrow(/^runs: /);
    expect(() => planSweep(small(), { vary: [`${INTERVAL}=5m`], seed: -1 })).toThrow(UsageError);
    expect(() => planSweep(small(), { vary: [`${INTERVAL}=5m`], expectations: ["soon"] })).toThrow(
      UsageError,
    );
  });

  it("rejects a --metric path that names nothing in the result", () => {
    expect(() => runSweep(small(), { vary: [`${INTERVAL}=5m`], runs: 1, metrics: ["devices.nope"] })).toThrow(
      '--metric devices.nope: "devices.nope" names nothing in the result',
    );
  });
});
