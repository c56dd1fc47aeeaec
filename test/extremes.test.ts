import { describe, expect, it } from "vitest";
import { largest, smallest } from "../src/extremes.js";
import { loadScenario } from "../src/scenario/load.js";
import { metricBounds } from "../src/sweep/metricProfile.js";
import { BASELINE_TEXT } from "./helpers/cli.js";

const LONG = 200_000;

describe("largest and smallest", () => {
  it("take lists of any length (Math.max(...xs) overflows the stack at 200,000)", () => {
    const xs = Array.from({ length: LONG }, (_, i) => (i * 7919) % LONG);
    expect(largest(xs)).toBe(LONG - 1);
    expect(smallest(xs)).toBe(0);
    expect(largest([])).toBe(-Infinity);
    expect(smallest([])).toBe(Infinity);
    expect(largest([1, NaN, 2])).toBeNaN();
  });

  it("bound a sweep metric of a scenario with 200,000 device groups", () => {
    const scenario = loadScenario(BASELINE_TEXT);
    const group = scenario.devices[0]!;
    const many = { ...scenario, devices: Array.from({ length: LONG }, () => group) };
    expect(metricBounds(many, "timeToFirstSuccessSeconds.p50")[0]).toBe(group.firstPollDelay);
  });
});
