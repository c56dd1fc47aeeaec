import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildLoad, stationLoad } from "../../src/results/load.js";
import { buildRunResult } from "../../src/results/runResult.js";
import {
  nearestRank,
  nearestRanksBySelection,
  selectInPlace,
  sortedCopy,
} from "../../src/results/statistics.js";
import { handTally, plainRun, runWithLoad } from "../helpers/loadTallies.js";

describe("stationLoad", () => {
  it("computes utilisation, the mean queue and nearest-rank statistics by hand", () => {
    // 2 workers over 100 s busy 130 worker-seconds: 130 / 200. Queue area 25 over 100 s: 0.25 waiting.
    const tally = handTally("managementPoint", "cm01.corp.contoso.com", 2, 100, {
      requests: 6,
      refused: 1,
      left: 1,
      timedOut: 2,
      busySeconds: 130,
      queueArea: 25,
      queueMax: 3,
      waits: [4, 0, 1.5, 0],
      responses: [10, 2, 5, 3.25],
    });
    expect(stationLoad(tally, 100)).toEqual({
      workers: 2,
      requests: 6,
      served: 4,
      refused: 1,
      timedOut: 2,
      utilisation: 0.65,
      // 5.5 / 4; sorted 0, 0, 1.5, 4: p50 the 2nd, p90 and p99 the 4th.
      waitSeconds: { mean: 1.375, p50: 0, p90: 4, p99: 4, max: 4 },
      // 20.25 / 4 = 5.0625, rounded to the millisecond; sorted 2, 3.25, 5, 10.
      responseSeconds: { mean: 5.063, p50: 3.25, p90: 10, p99: 10, max: 10 },
      queue: { max: 3, meanLength: 0.25 },
    });
  });

  it("takes the 9th of 10 values for p90 and the 10th for p99, rounded to the millisecond", () => {
    const waits = [7, 3, 10, 1, 9, 2, 8, 4, 6, 5].map((x) => x + 0.0004);
    const load = stationLoad(handTally("database", "site", 1, 3600, { waits, responses: waits }), 3600);
    expect(load.waitSeconds).toEqual({ mean: 5.5, p50: 5, p90: 9, p99: 10, max: 10 });
    expect(load.responseSeconds).toEqual(load.waitSeconds);
  });

  it("gives null statistics and zero counts when nothing was served", () => {
    const load = stationLoad(handTally("enrollmentPoint", "ep", 4, 60, { requests: 3, refused: 3 }), 60);
    const none = { mean: null, p50: null, p90: null, p99: null, max: null };
    expect(load).toMatchObject({ requests: 3, served: 0, refused: 3, utilisation: 0, waitSeconds: none });
    expect(load.responseSeconds).toEqual(none);
    expect(load.queue).toEqual({ max: 0, meanLength: 0 });
  });

  it("leaves the tally's lists as they were", () => {
    const tally = handTally("database", "r1", 1, 60, { waits: [3, 1, 2], responses: [5, 4, 6] });
    stationLoad(tally, 60, new Float64Array(3));
    expect(Array.from(tally.waits.values())).toEqual([3, 1, 2]);
    expect(Array.from(tally.responses.values())).toEqual([5, 4, 6]);
  });
});

describe("buildLoad", () => {
  const mp = handTally("managementPoint", "cm01.corp.contoso.com", 8, 60, { waits: [1], responses: [2] });
  const site = handTally("database", "site", 4, 60);
  const replica = handTally("database", "replica1", 2, 60);
  const dp = handTally("distributionPoint", "dp.corp.contoso.com", 16, 60);

  it("lists each server under its kind, keyed by name, every section present, in station order", () => {
    const load = buildLoad([site, mp, replica, dp], 60);
    expect(Object.keys(load)).toEqual([
      "managementPoints",
      "enrollmentProxyPoints",
      "enrollmentPoints",
      "distributionPoints",
      "databases",
    ]);
    expect(Object.keys(load.managementPoints)).toEqual(["cm01.corp.contoso.com"]);
    expect(load.enrollmentProxyPoints).toEqual({});
    expect(load.enrollmentPoints).toEqual({});
    expect(Object.keys(load.distributionPoints)).toEqual(["dp.corp.contoso.com"]);
    expect(Object.keys(load.databases)).toEqual(["site", "replica1"]);
    expect(load.databases.replica1?.workers).toBe(2);
  });

  it("keeps a server named like an object's own property as a plain key", () => {
    const odd = handTally("managementPoint", "__proto__", 1, 60);
    const load = buildLoad([odd], 60);
    expect(Object.keys(load.managementPoints)).toEqual(["__proto__"]);
    const copy = JSON.parse(JSON.stringify(load)) as typeof load;
    expect(Object.getOwnPropertyDescriptor(copy.managementPoints, "__proto__")?.value).toMatchObject({
      workers: 1,
    });
  });
});

describe("buildRunResult with load", () => {
  it("adds load after content, before the expectations, and expectations read it", () => {
    const tally = handTally("database", "site", 2, 3 * 3600, { busySeconds: 3 * 3600, waits: [0] });
    const result = buildRunResult(runWithLoad([tally]), (measured) => [
      { expression: "x", actual: measured.load?.databases.site?.utilisation ?? null, passed: true },
    ]);
    const keys = Object.keys(result);
    expect(keys.slice(keys.indexOf("content"), keys.indexOf("content") + 3)).toEqual([
      "content",
      "load",
      "expectations",
    ]);
    expect(result.load?.databases.site?.utilisation).toBe(0.5);
    expect(result.expectations[0]?.actual).toBe(0.5);
  });

  it("has no load key at all without capacity", () => {
    expect("load" in buildRunResult(plainRun())).toBe(false);
  });
});

describe("nearestRanksBySelection", () => {
  it("equals nearestRank over a sorted copy, duplicates and zeros included, the input untouched", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constant(0),
            fc.integer({ min: 0, max: 5 }),
            fc.double({ min: 0, max: 1e4, noNaN: true }),
          ),
          {
            maxLength: 400,
          },
        ),
        (list) => {
          const values = Float64Array.from(list);
          const qs = [0.5, 0.9, 0.99, 1, 0.01];
          const sorted = sortedCopy(values);
          expect(nearestRanksBySelection(values, qs)).toEqual(qs.map((q) => nearestRank(sorted, q)));
          expect(Array.from(values)).toEqual(list);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("selects in a long run of equal values and in sorted input without degrading", () => {
    const n = 2_000_000;
    const zeros = new Float64Array(n);
    zeros[n - 1] = 7;
    expect(nearestRanksBySelection(zeros, [0.5, 1])).toEqual([0, 7]);
    const ascending = Float64Array.from({ length: n }, (_, i) => i);
    expect(nearestRanksBySelection(ascending, [0.5, 0.99])).toEqual([n / 2 - 1, 0.99 * n - 1]);
  });

  it("selectInPlace puts the k-th smallest at k with no larger value before it", () => {
    const a = Float64Array.from([5, 1, 4, 1, 5, 9, 2, 6, 5, 3]);
    selectInPlace(a, 6);
    expect(a[6]).toBe(5);
    expect(Array.from(a.subarray(0, 6)).every((x) => x <= 5)).toBe(true);
    expect(Array.from(a.subarray(7)).every((x) => x >= 5)).toBe(true);
  });
});
