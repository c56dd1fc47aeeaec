import fc from "fast-check";
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { mean, mergeSorted, nearestRank, sortedCopy, summarize } from "../../src/results/statistics.js";

describe("nearestRank", () => {
  it("takes the ⌈q·n⌉-th smallest value", () => {
    const sorted = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(nearestRank(sorted, 0.5)).toBe(50);
    expect(nearestRank(sorted, 0.9)).toBe(90);
    expect(nearestRank(sorted, 0.95)).toBe(100);
    expect(nearestRank(sorted, 0.99)).toBe(100);
    expect(nearestRank([7], 0.5)).toBe(7);
    expect(nearestRank([], 0.5)).toBeNull();
  });
});

describe("summarize", () => {
  it("gives null statistics over no values", () => {
    expect(summarize([])).toEqual({
      count: 0,
      mean: null,
      p50: null,
      p90: null,
      p95: null,
      p99: null,
      max: null,
    });
  });

  it("rounds to the millisecond", () => {
    expect(summarize([0.1 + 0.2]).mean).toBe(0.3);
  });
});

describe("sortedCopy", () => {
  it("sorts like the built-in sort, small and large, with negatives, zeros and duplicates", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: false, min: -1e12, max: 1e12 }), {
          minLength: 0,
          maxLength: 140_000,
        }),
        fc.boolean(),
        (values, duplicate) => {
          const input = Float64Array.from(duplicate ? [...values, ...values] : values);
          const expected = Float64Array.from(input).sort();
          expect(Array.from(sortedCopy(input))).toEqual(Array.from(expected));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("sorts a large array (the radix path) exactly like the built-in sort", () => {
    const rng = seedrandom.alea("sortedCopy");
    // Times on a grid (many duplicates), negatives, signed zeros and wide magnitudes.
    const input = Float64Array.from({ length: 300_000 }, (_, i) => {
      const u = rng();
      if (i % 7 === 0) return Math.round(u * 20) * 180;
      if (i % 11 === 0) return (u - 0.5) * 1e9;
      if (i % 13 === 0) return i % 2 === 0 ? 0 : -0;
      return u * 300;
    });
    expect(Array.from(sortedCopy(input))).toEqual(Array.from(Float64Array.from(input).sort()));
  });

  it("leaves its input alone", () => {
    const input = Float64Array.from({ length: 5000 }, (_, i) => 5000 - i);
    sortedCopy(input);
    expect(input[0]).toBe(5000);
  });
});

describe("mergeSorted", () => {
  it("merges ascending arrays into the sort of their concatenation", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: -50, max: 50 }))), (parts) => {
        const sortedParts = parts.map((p) => Float64Array.from(p).sort());
        expect(Array.from(mergeSorted(sortedParts))).toEqual(
          Array.from(Float64Array.from(parts.flat()).sort()),
        );
      }),
    );
  });
});

describe("mean", () => {
  it("is null for no values and sums in index order", () => {
    expect(mean([])).toBeNull();
    expect(mean([1, 2, 3, 4])).toBe(2.5);
  });
});
