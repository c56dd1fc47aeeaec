import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/errors.js";
import { loadScenario } from "../../src/scenario/load.js";
import { planSweepList } from "../../src/sweep/list.js";
import { checkBaseline, planSweep, sweepHeader, type SweepOptions } from "../../src/sweep/sweep.js";
import { BASELINE_TEXT } from "../helpers/cli.js";

const scenario = loadScenario(BASELINE_TEXT);

/** The full plan's header without the metric ranges, which the list does not show. */
function fullList(options: SweepOptions) {
  const header = sweepHeader(planSweep(scenario, options));
  return { ...header, variants: header.variants.map((v) => ({ set: v.set, expectations: v.expectations })) };
}

describe("planSweepList", () => {
  it.each<SweepOptions>([
    { vary: ["devices.hq-windows.count=100,200,300", "site.replicas.replica1.syncInterval=1m,5m"] },
    { vary: ["seed=1..4:1"], runs: 3, seed: 7, expectations: ["devices.enrolled >= 1"], baseline: 2 },
    { vary: ['expectations=["devices.enrolled >= 1"],[]'] },
  ])("gives the sweep's own plan of what will run (%o)", (options) => {
    expect(planSweepList(scenario, options)).toEqual(fullList(options));
  });

  it("has the metrics every variant has, not the unvaried scenario's: a finite server every value adds", () => {
    const options = {
      vary: [
        'site.database.capacity={"workers":8,"serviceTime":{"mean":"40ms","distribution":"constant"}},{"workers":4,"serviceTime":{"mean":"40ms","distribution":"constant"}}',
      ],
    };
    const metrics = planSweepList(scenario, options).metrics;
    expect(metrics).toEqual(sweepHeader(planSweep(scenario, options)).metrics);
    expect(metrics.some((m) => m.startsWith("load."))).toBe(true);
  });

  it("refuses a bad value as the sweep does", () => {
    const options = { vary: ["devices.hq-windows.count=100,-1"] };
    const message = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error instanceof ScenarioError ? `${error.source}: ${error.message}` : String(error);
      }
      return "no error";
    };
    expect(message(() => planSweepList(scenario, options))).toBe(message(() => planSweep(scenario, options)));
    expect(message(() => planSweepList(scenario, options))).toMatch(
      /^--vary devices\.hq-windows\.count=-1: /,
    );
    expect(() => planSweepList(scenario, { vary: ["seed=1,2"], baseline: 3 })).toThrow(
      "expected a variant number from 1 to 2, got 3",
    );
    // One rule for both: the list's message is the sweep's, for every kind of bad number.
    for (const baseline of [0, 3, 1.5])
      expect(message(() => planSweepList(scenario, { vary: ["seed=1,2"], baseline }))).toBe(
        message(() => planSweep(scenario, { vary: ["seed=1,2"], baseline })),
      );
    expect(() => {
      checkBaseline(2, 2);
    }).not.toThrow();
  });

  it("validates each value once: 100,000 variants of 1,100 values in seconds", () => {
    const started = performance.now();
    const list = planSweepList(scenario, { vary: ["devices.hq-windows.count=1..1000:1", "seed=1..100:1"] });
    expect(list.variants).toHaveLength(100_000);
    expect(list.variants[99_999]?.set).toEqual({ "devices.hq-windows.count": 1000, seed: 100 });
    expect(performance.now() - started).toBeLessThan(15_000);
  }, 30_000);
});
