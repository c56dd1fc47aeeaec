// The expanded percentile bootstrap and the normal tail it reads its tail probability from.
import { describe, expect, it } from "vitest";
import { substream } from "../../src/random.js";
import { BOOTSTRAP_RESAMPLES, bootstrapMeanInterval, expandedTail } from "../../src/sweep/bootstrap.js";
import { normalUpperTail } from "../../src/sweep/tDistribution.js";

describe("normalUpperTail", () => {
  it("matches tabled values of the standard normal", () => {
    expect(normalUpperTail(0)).toBe(0.5);
    expect(normalUpperTail(1)).toBeCloseTo(0.158655253931457, 14);
    expect(normalUpperTail(1.959963984540054)).toBeCloseTo(0.025, 14);
    expect(normalUpperTail(3)).toBeCloseTo(0.00134989803163009, 14);
    expect(normalUpperTail(9)).toBe(0);
    expect(() => normalUpperTail(-1)).toThrow(RangeError);
  });
});

describe("bootstrapMeanInterval", () => {
  it("widens the tails for few values (Hesterberg's expanded interval) and tends to 2.5%", () => {
    // n = 10: √(10/9) · t(0.975, 9) = 2.3842, whose normal tail is 0.86%.
    expect(expandedTail(10)).toBeCloseTo(0.00856, 4);
    expect(expandedTail(2)).toBeLessThan(1e-6);
    expect(expandedTail(100_000)).toBeCloseTo(0.025, 4);
  });

  it("is near the t interval for a symmetric sample, deterministic for a stream", () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const [lo, hi] = bootstrapMeanInterval(values, substream(1, "x"));
    // Student's t: 5.5 ± 2.166.
    expect(lo).toBeGreaterThan(3.0);
    expect(lo).toBeLessThan(3.6);
    expect(hi).toBeGreaterThan(7.4);
    expect(hi).toBeLessThan(8.0);
    expect(bootstrapMeanInterval(values, substream(1, "x"))).toEqual([lo, hi]);
    expect(BOOTSTRAP_RESAMPLES).toBeGreaterThanOrEqual(1000);
    expect(() => bootstrapMeanInterval([1], substream(1, "x"))).toThrow(RangeError);
  });
});
