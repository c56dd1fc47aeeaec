// Student's t quantiles against printed t-table values, and the functions under them.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logGamma } from "../../src/logGamma.js";
import {
  incompleteBeta,
  studentTQuantile,
  studentTUpperTail,
  tCritical95,
} from "../../src/sweep/tDistribution.js";

describe("tCritical95: the 97.5% quantile of Student's t", () => {
  // Two-sided 95% critical values as every t table prints them (3 decimals).
  const TABLE: [number, number][] = [
    [1, 12.706],
    [2, 4.303],
    [3, 3.182],
    [4, 2.776],
    [5, 2.571],
    [9, 2.262],
    [10, 2.228],
    [19, 2.093],
    [29, 2.045],
    [30, 2.042],
    [60, 2.0],
    [120, 1.98],
  ];
  it.each(TABLE)("df = %i gives %f", (df, value) => {
    expect(tCritical95(df).toFixed(3)).toBe(value.toFixed(3));
  });

  it("matches the closed forms of df = 1 and df = 2 to 12 digits", () => {
    // df = 1 is Cauchy: tan(π(p − ½)); df = 2: (2p − 1)/√(2p(1 − p)).
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(Math.tan(Math.PI * 0.475), 12);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(0.95 / Math.sqrt(2 * 0.975 * 0.025), 12);
  });

  it("tends to the normal quantile 1.960 for large df, through 10⁶ and beyond", () => {
    const z = 1.959963984540054;
    expect(tCritical95(1000).toFixed(3)).toBe("1.962");
    // t = z + g1(z)/ν + g2(z)/ν² + O(ν⁻³) (Abramowitz & Stegun 26.7.5).
    const g1 = (z ** 3 + z) / 4;
    const g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96;
    for (const df of [1e4, 1e6, 1e7, 1e9, 1e12]) {
      expect(tCritical95(df).toFixed(3)).toBe("1.960");
      expect(Math.abs(tCritical95(df) - (z + g1 / df + g2 / df ** 2))).toBeLessThan(1e-10);
    }
  });

  it("decreases with df and stays above the normal quantile", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), (df) => {
        expect(tCritical95(df)).toBeGreaterThan(tCritical95(df + 1));
        expect(tCritical95(df + 1)).toBeGreaterThan(1.959963984540054);
      }),
      { numRuns: 50 },
    );
  });

  it("inverts the upper tail", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.51, max: 0.999, noNaN: true }),
        fc.double({ min: 0.5, max: 500, noNaN: true }),
        (p, df) => {
          expect(studentTUpperTail(studentTQuantile(p, df), df)).toBeCloseTo(1 - p, 10);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("rejects df ≤ 0 and p outside (0.5, 1)", () => {
    expect(() => studentTQuantile(0.975, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(0.975, Number.NaN)).toThrow(RangeError);
    expect(() => studentTQuantile(0.4, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
  });
});

describe("incompleteBeta and logGamma", () => {
  it("ln Γ of integers and of ½", () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
  });

  it("I_x(1, 1) = x, I_x(a, 1) = xᵃ, and the symmetry I_x(a, b) = 1 − I_{1−x}(b, a)", () => {
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 13);
    expect(incompleteBeta(0.3, 3, 1)).toBeCloseTo(0.027, 13);
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        (x, a, b) => {
          expect(incompleteBeta(x, a, b) + incompleteBeta(1 - x, b, a)).toBeCloseTo(1, 10);
        },
      ),
      { numRuns: 100 },
    );
  });
});
