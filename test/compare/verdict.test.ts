// The verdict rules on a paired difference.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { higherIsBetter, verdictOf } from "../../src/compare/verdict.js";

describe("higherIsBetter on load paths", () => {
  it("takes every number of a finite server as better lower", () => {
    const mp = "load.managementPoints.cm01.corp.contoso.com";
    for (const field of [
      "utilisation",
      "waitSeconds.p99",
      "waitSeconds.mean",
      "responseSeconds.p50",
      "refused",
      "timedOut",
      "queue.max",
      "queue.meanLength",
    ]) {
      expect(higherIsBetter(`${mp}.${field}`), field).toBe(false);
      expect(verdictOf(`${mp}.${field}`, [-0.2, -0.1], [-0.3, -0.05]), field).toBe("better");
    }
    expect(verdictOf("load.databases.site.utilisation", [0.2, 0.1], [0.05, 0.3])).toBe("worse");
  });
});

describe("verdictOf", () => {
  it("follows the rules: same, better/worse when the interval excludes 0, else inconclusive", () => {
    expect(verdictOf("attempts.failed", [0, 0, 0], [0, 0])).toBe("same");
    expect(verdictOf("attempts.failed", [-3, -2], [-4, -1])).toBe("better");
    expect(verdictOf("attempts.failed", [3, 2], [1, 4])).toBe("worse");
    expect(verdictOf("devices.connected", [3, 2], [1, 4])).toBe("better");
    expect(verdictOf("devices.enrolled", [-3, -2], [-4, -1])).toBe("worse");
    expect(verdictOf("attempts.succeeded", [-3, -2], [-4, -1])).toBe("worse");
    expect(verdictOf("attempts.failed", [-3, 1], [-5, 3])).toBe("inconclusive");
    expect(verdictOf("attempts.failed", [-3, 0], [-3, 0])).toBe("inconclusive");
    // One pair has no spread to judge by; no pair says nothing.
    expect(verdictOf("attempts.failed", [-3], [-3, -3])).toBe("inconclusive");
    expect(verdictOf("attempts.failed", [], null)).toBe("inconclusive");
  });

  it("a verdict flips with the sign of every difference (lower is better) unless it is same or inconclusive", () => {
    const seen = { better: 0, worse: 0, same: 0, inconclusive: 0 };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 2, maxLength: 8 }),
          fc.constantFrom([0, 0], [0, 0, 0]),
        ),
        fc.integer({ min: -6, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        (ds, lo, width) => {
          const v = verdictOf("timeToFirstSuccessSeconds.mean", ds, [lo, lo + width]);
          const w = verdictOf(
            "timeToFirstSuccessSeconds.mean",
            ds.map((d) => -d),
            [-(lo + width), -lo],
          );
          seen[v]++;
          const flipped = { better: "worse", worse: "better", same: "same", inconclusive: "inconclusive" }[v];
          expect(w).toBe(flipped);
          expect(verdictOf("devices.connected", ds, [lo, lo + width])).toBe(flipped);
        },
      ),
    );
    expect(Object.values(seen).every((n) => n > 0)).toBe(true);
  });

  it("knows which metrics are better higher", () => {
    expect(higherIsBetter("devices.connected")).toBe(true);
    expect(higherIsBetter("devices.neverConnected")).toBe(false);
    // More devices that received a deployment is better; more that did not is worse.
    expect(higherIsBetter("deployments.app.received")).toBe(true);
    expect(higherIsBetter("deployments.app.notReceived")).toBe(false);
    expect(higherIsBetter("timeToFirstSuccessSeconds.mean")).toBe(false);
  });
});
