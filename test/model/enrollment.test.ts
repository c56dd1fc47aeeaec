import { describe, expect, it } from "vitest";
import { enrollmentTimes } from "../../src/model/enrollment.js";
import { singleServer } from "../helpers/scenarios.js";

const group = (enrollment: Record<string, unknown>, count = 4) =>
  singleServer({ group: { count, enrollment } }).devices[0]!;

describe("enrollmentTimes", () => {
  it("spreads even enrollments over [from, to) and puts a burst at its instant", () => {
    expect([...enrollmentTimes(group({ pattern: "even", from: "0s", to: "40s" }), 1)]).toEqual([
      0, 10, 20, 30,
    ]);
    expect([...enrollmentTimes(group({ pattern: "burst", at: "7s" }), 1)]).toEqual([7, 7, 7, 7]);
  });

  it("draws uniform times in [from, to) and increasing Poisson arrivals, the same for the same seed", () => {
    const uniform = enrollmentTimes(group({ pattern: "uniform", from: "10s", to: "20s" }, 50), 3);
    for (const t of uniform) expect(t >= 10 && t < 20).toBe(true);
    expect([...uniform]).toEqual([
      ...enrollmentTimes(group({ pattern: "uniform", from: "10s", to: "20s" }, 50), 3),
    ]);
    const poisson = enrollmentTimes(group({ pattern: "poisson", from: "0s", ratePerMinute: 60 }, 50), 3);
    for (let i = 1; i < poisson.length; i++) expect(poisson[i]!).toBeGreaterThan(poisson[i - 1]!);
  });
});
