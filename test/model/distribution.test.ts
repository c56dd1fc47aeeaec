import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Environment } from "../../src/kernel/environment.js";
import { drawTime, isConstant, meanOf } from "../../src/model/distribution.js";
import { scheduleReplica } from "../../src/model/replica.js";
import { substream } from "../../src/random.js";

/** Mean and coefficient of variation of n draws. */
function moments(draw: () => number, n: number): { mean: number; cv: number } {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    sum += x;
    squares += x * x;
  }
  const mean = sum / n;
  return { mean, cv: Math.sqrt(squares / n - mean * mean) / mean };
}

describe("random times", () => {
  it("draws an exponential with its mean and a coefficient of variation of 1", () => {
    const rng = substream(1, "test");
    const { mean, cv } = moments(() => drawTime({ mean: 60, distribution: "exponential" }, rng), 200_000);
    // Standard error of the mean: 60 / √200000 ≈ 0.13 s.
    expect(mean).toBeCloseTo(60, 0);
    expect(cv).toBeGreaterThan(0.98);
    expect(cv).toBeLessThan(1.02);
  });

  it("draws a lognormal with its mean and its cv", () => {
    const rng = substream(2, "test");
    const { mean, cv } = moments(
      () => drawTime({ mean: 30, distribution: "lognormal", cv: 0.5 }, rng),
      200_000,
    );
    expect(mean).toBeGreaterThan(29.8);
    expect(mean).toBeLessThan(30.2);
    expect(cv).toBeGreaterThan(0.49);
    expect(cv).toBeLessThan(0.51);
  });

  it("stays finite at the largest cv a scenario may give", () => {
    const rng = substream(3, "test");
    for (let i = 0; i < 10_000; i++)
      expect(Number.isFinite(drawTime({ mean: 60, distribution: "lognormal", cv: 100 }, rng))).toBe(true);
  });

  it("draws nothing for a constant", () => {
    let calls = 0;
    const rng = () => (calls++, 0.5);
    expect(drawTime(45, rng)).toBe(45);
    expect(drawTime({ mean: 45, distribution: "constant" }, rng)).toBe(45);
    expect(calls).toBe(0);
    expect(isConstant(45) && isConstant({ mean: 1, distribution: "constant" })).toBe(true);
    expect(meanOf({ mean: 7, distribution: "exponential" })).toBe(7);
  });

  it("never makes a later sync's records visible before an earlier one's", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 60, max: 900 }),
        fc.integer({ min: 0, max: 1000 }),
        (mean, interval, seed) => {
          const env = new Environment();
          const finish = scheduleReplica(
            env,
            {
              name: "r",
              syncInterval: interval,
              applyDelay: { mean, distribution: "exponential" },
              outages: [],
              serverOutages: [],
              syncCost: 0,
            },
            seed,
            36_000,
            [],
          );
          env.run(36_000);
          const { ticks, visible } = finish();
          expect(visible.length).toBe(ticks.length);
          for (let k = 0; k < ticks.length; k++) {
            expect(visible[k]).toBeGreaterThanOrEqual(ticks[k] ?? NaN);
            if (k > 0) expect(visible[k]).toBeGreaterThanOrEqual(visible[k - 1] ?? NaN);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
