// Statistics of one metric over the runs of a variant.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregate } from "../../src/sweep/aggregate.js";

describe("aggregate", () => {
  it("computes the 95% interval of a small sample by hand", () => {
    // 1…5: mean 3, s² = 10/4 = 2.5, standard error √(2.5/5) = 0.70711, t(0.975, 4) = 2.77645:
    // half-width 1.96324, so [1.037, 4.963].
    expect(aggregate([1, 2, 3, 4, 5])).toEqual({
      mean: 3,
      ci95: [1.037, 4.963],
      min: 1,
      max: 5,
      count: 5,
      method: "student-t",
    });
    // 10, 12: mean 11, s = √2, standard error 1, t(0.975, 1) = 12.7062: [−1.706, 23.706].
    expect(aggregate([12, 10])).toEqual({
      mean: 11,
      ci95: [-1.706, 23.706],
      min: 10,
      max: 12,
      count: 2,
      method: "student-t",
    });
    // 252, 249.3, 250.8, 251.1: mean 250.8, s = 1.12250, se = 0.56125, t(3) = 3.18245: ±1.786.
    expect(aggregate([252, 249.3, 250.8, 251.1]).ci95).toEqual([249.014, 252.586]);
  });

  it("gives [mean, mean] for one value and a zero-width interval for equal values", () => {
    expect(aggregate([180])).toEqual({
      mean: 180,
      ci95: [180, 180],
      min: 180,
      max: 180,
      count: 1,
      method: "student-t",
    });
    expect(aggregate([252, 252, 252])).toEqual({
      mean: 252,
      ci95: [252, 252],
      min: 252,
      max: 252,
      count: 3,
      method: "student-t",
    });
  });

  it("leaves out runs without a value and says how many had one", () => {
    expect(aggregate([null, 5, 7])).toMatchObject({ mean: 6, min: 5, max: 7, count: 2 });
    expect(aggregate([null, null])).toEqual({
      mean: null,
      ci95: null,
      min: null,
      max: null,
      count: 0,
      method: "student-t",
    });
    expect(aggregate([])).toEqual({
      mean: null,
      ci95: null,
      min: null,
      max: null,
      count: 0,
      method: "student-t",
    });
  });

  it("brackets the mean: min ≤ lo ≤ mean ≤ hi, mean ≤ max, symmetric to the rounding", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: 0, max: 1_000_000 }).map((x) => x / 1000),
          { minLength: 1, maxLength: 40 },
        ),
        (values) => {
          const s = aggregate(values);
          const [lo, hi] = s.ci95 ?? [NaN, NaN];
          expect(s.min).toBeLessThanOrEqual(s.mean ?? NaN);
          expect(s.mean).toBeLessThanOrEqual(s.max ?? NaN);
          expect(lo).toBeLessThanOrEqual(s.mean ?? NaN);
          expect(hi).toBeGreaterThanOrEqual(s.mean ?? NaN);
          expect(Math.abs(hi - (s.mean ?? 0) - ((s.mean ?? 0) - lo))).toBeLessThanOrEqual(0.0011);
        },
      ),
    );
  });
});

describe("aggregate: intervals inside the metric's range", () => {
  const stream = { seed: 1, name: "timeToFirstSuccessSeconds.p50" };

  it("clamps Student's t to the range: a count never below 0, connected never above the devices", () => {
    // 0, 0, 0, 5: mean 1.25, s = 2.5, t(3) · 1.25 = 3.978: [−2.728, 5.228] unclamped.
    expect(aggregate([0, 0, 0, 5]).ci95).toEqual([-2.728, 5.228]);
    const neverConnected = { method: "student-t", bounds: [0, 1000] } as const;
    expect(aggregate([0, 0, 0, 5], { profile: neverConnected }).ci95).toEqual([0, 5.228]);
    expect(aggregate([1000, 1000, 998], { profile: neverConnected }).ci95?.[1]).toBe(1000);
  });

  it("bootstraps percentiles: bounds are means of observed values, the same for the same stream", () => {
    const profile = { method: "bootstrap-percentile", bounds: [0, 10800] } as const;
    // The example: p50 of 180 or 360 s, where Student's t gave 216 ± 100 (below 180 s).
    const values = [180, 180, 360, 180, 180];
    const stats = aggregate(values, { profile, stream });
    expect(stats).toMatchObject({ mean: 216, min: 180, max: 360, count: 5, method: "bootstrap-percentile" });
    const [lo, hi] = stats.ci95 ?? [NaN, NaN];
    expect(lo).toBeGreaterThanOrEqual(180);
    expect(hi).toBeLessThanOrEqual(360);
    expect(lo).toBeLessThanOrEqual(216);
    expect(hi).toBeGreaterThanOrEqual(216);
    expect(aggregate(values, { profile, stream })).toEqual(stats);
    expect(aggregate([360, 360, 360], { profile, stream }).ci95).toEqual([360, 360]);
  });

  it("keeps every interval inside the observed values for order statistics, and inside the bounds", () => {
    let bootstrapped = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: 0, max: 4 }).map((k) => k * 90),
          { minLength: 1, maxLength: 30 },
        ),
        fc.boolean(),
        (values, percentile) => {
          const method = percentile ? "bootstrap-percentile" : "student-t";
          const s = aggregate(values, { profile: { method, bounds: [0, 360] }, stream });
          const [lo, hi] = s.ci95 ?? [NaN, NaN];
          expect(lo).toBeGreaterThanOrEqual(percentile ? (s.min ?? NaN) : 0);
          expect(hi).toBeLessThanOrEqual(percentile ? (s.max ?? NaN) : 360);
          expect(lo).toBeLessThanOrEqual(s.mean ?? NaN);
          expect(hi).toBeGreaterThanOrEqual(s.mean ?? NaN);
          if (percentile && s.min !== s.max) bootstrapped++;
        },
      ),
    );
    expect(bootstrapped).toBeGreaterThan(10);
  });
});
