import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildLoad, stationLoad } from "../../src/results/load.js";
import { buildRunResult } from "../../src/results/runResult.js";
import { nearestRank, round3 } from "../../src/results/statistics.js";
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

  it("counts by the millisecond: the rounded nearest rank of every value, long waits included", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 200, noNaN: true })), {
          minLength: 1,
          maxLength: 300,
        }),
        (values) => {
          const load = stationLoad(
            handTally("database", "r1", 1, 600, { waits: values, responses: values }),
            600,
          );
          const sorted = Float64Array.from(values).sort();
          for (const [q, got] of [
            [0.5, load.waitSeconds.p50],
            [0.9, load.waitSeconds.p90],
            [0.99, load.waitSeconds.p99],
            [1, load.waitSeconds.max],
          ] as const)
            expect(got).toBe(round3(nearestRank(sorted, q) ?? NaN));
          expect(load.waitSeconds.mean).toBe(round3(values.reduce((a, b) => a + b, 0) / values.length));
        },
      ),
    );
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
