import fc from "fast-check";
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import {
  mean,
  nearestRank,
  rankOf,
  round3,
  bracketRanks,
  selectRanks,
  sortedCopy,
  summarize,
} from "../../src/results/statistics.js";

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

// Values that make selection hard: ties (a small pool), both zeros, subnormals, huge and infinite values.
const awkward = fc.oneof(
  fc.constantFrom(0, -0, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, Infinity, -Infinity),
  fc.integer({ min: -3, max: 3 }),
  fc.double({ noNaN: true }),
);
// Length classes: one value, a few, the plain partition (≤ 600), the sampled bracket (> 600).
const lengthClass = (n: number): string => (n === 1 ? "1" : n <= 10 ? "2-10" : n <= 600 ? "11-600" : ">600");

describe("selectRanks", () => {
  it("gives, bit for bit, what indexing a sorted copy gives, ties and signed zeros included", () => {
    const reached = new Map<string, number>();
    const note = (what: string): void => {
      reached.set(what, (reached.get(what) ?? 0) + 1);
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(awkward, { minLength: 1, maxLength: 10 }),
          fc.array(awkward, { minLength: 1, maxLength: 600 }),
          fc.array(fc.constantFrom(0, -0, 1, 60, 60, 300), { minLength: 601, maxLength: 3000 }),
          fc.array(awkward, { minLength: 601, maxLength: 3000 }),
        ),
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (values, qs) => {
          const input = Float64Array.from(values);
          const sorted = Float64Array.from(input).sort();
          const ranks = [...qs.map((q) => rankOf(input.length, q)), input.length, 1];
          const got = selectRanks(Float64Array.from(input), ranks);
          const want = ranks.map((r) => sorted[r - 1]);
          // Object.is: -0 and 0 must come out as the sort has them.
          got.forEach((v, i) => {
            expect(Object.is(v, want[i]), `rank ${ranks[i]}: ${v} vs ${want[i]}`).toBe(true);
          });
          note(lengthClass(input.length));
          if (new Set(values).size < values.length) note("ties");
          if (values.some((v) => Object.is(v, -0)) && values.includes(0)) note("both zeros");
          if (want.some((v) => v === 0)) note("a zero selected");
        },
      ),
      { numRuns: 400 },
    );
    console.log("selectRanks cases reached:", Object.fromEntries(reached));
    for (const what of ["1", "2-10", "11-600", ">600", "ties", "both zeros", "a zero selected"])
      expect(reached.get(what) ?? 0, what).toBeGreaterThan(0);
  });

  it("brackets the ranks of large arrays in one pass, ties and sorted inputs included, exactly", () => {
    const reached = { bracketed: 0, sorted: 0, constant: 0 };
    fc.assert(
      fc.property(
        fc.array(awkward, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1 << 16, max: 200_000 }),
        fc.constantFrom("random", "sorted", "reversed", "constant", "mostly one"),
        fc.boolean(),
        fc.string(),
        (pool, n, shape, continuous, seed) => {
          const rng = seedrandom.alea(seed);
          // From the pool (ties everywhere), or spread around it (few ties).
          const draw = () => (pool[Math.floor(rng() * pool.length)] ?? 0) + (continuous ? rng() * 1000 : 0);
          const input = Float64Array.from({ length: n }, draw);
          if (shape === "sorted") input.sort();
          if (shape === "reversed") input.sort().reverse();
          if (shape === "constant") input.fill(pool[0] ?? 0);
          if (shape === "mostly one") for (let i = 0; i < n; i += 97) input[i] = rng() * 1e6;
          const sorted = Float64Array.from(input).sort();
          const ranks = [0.5, 0.9, 0.95, 0.99, 1].map((q) => rankOf(n, q)).concat([1, 2]);
          const want = ranks.map((r) => sorted[r - 1]);
          const got = selectRanks(input, ranks);
          got.forEach((v, i) => {
            expect(Object.is(v, want[i]), `rank ${ranks[i]}: ${v} vs ${want[i]}`).toBe(true);
          });
          const bracketed = bracketRanks(input, ranks);
          expect(bracketed).not.toBeNull();
          if (bracketed !== null) {
            reached.bracketed++;
            // Before the zeros' signs are settled: equal to the sort's values up to the sign of zero.
            expect(bracketed).toEqual(want.map((v) => (v === 0 ? 0 : v)));
          }
          if (shape === "sorted") reached.sorted++;
          if (shape === "constant") reached.constant++;
        },
      ),
      { numRuns: 40 },
    );
    console.log("bracketRanks cases reached:", reached);
    for (const [what, times] of Object.entries(reached)) expect(times, what).toBeGreaterThan(0);
  });

  it("leaves a NaN to the copy's selection, which puts it last as the sort does", () => {
    const input = Float64Array.from({ length: 1 << 17 }, (_, i) => (i * 7919) % 1000);
    input[5] = NaN;
    expect(bracketRanks(input, [1, 1 << 17])).toBeNull();
    expect(selectRanks(input, [1, 1 << 17, (1 << 17) - 1])).toEqual([0, NaN, 999]);
  });

  it("makes summarize's percentiles those of the sorted values", () => {
    const rng = seedrandom.alea("selectRanks");
    // A million times on a five-minute grid plus jitter: the shape of a big run's time to first success.
    const input = Float64Array.from({ length: 1_000_000 }, () => Math.floor(rng() * 288) * 300 + rng() * 3);
    const sorted = sortedCopy(input);
    const s = summarize(input);
    expect([s.p50, s.p90, s.p95, s.p99, s.max]).toEqual(
      [0.5, 0.9, 0.95, 0.99, 1].map((q) => round3(nearestRank(sorted, q) ?? NaN)),
    );
  });
});

describe("mean", () => {
  it("is null for no values and sums in index order", () => {
    expect(mean([])).toBeNull();
    expect(mean([1, 2, 3, 4])).toBe(2.5);
  });
});
