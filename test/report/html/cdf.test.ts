// The distributions behind the time-to-first-success chart: the simulated steps and the closed form.
import { describe, expect, it } from "vitest";
import { closedFormCdf, empiricalCdf, MAX_CDF_STEPS, visibleBy } from "../../../src/report/html/cdf.js";
import { bundled } from "../helpers.js";

const windows = bundled("baseline").devices[0]!; // configmgr-assumed, the Windows groups' default: every 3m for 15m, then hourly

describe("closedFormCdf", () => {
  it("is the baseline's documented staircase: 60% by the 3-minute poll, all by the 6-minute one (P = 5m, D = 0)", () => {
    const steps = closedFormCdf(windows, [{ weight: 1, replica: { syncInterval: 300, applyDelay: 0 } }]);
    expect(steps).toEqual([
      { seconds: 0, fraction: 0 },
      { seconds: 180, fraction: 0.6 },
      { seconds: 360, fraction: 1 },
    ]);
  });

  it("moves by the apply delay: D = 60 s leaves 40% by the 3-minute poll", () => {
    const steps = closedFormCdf(windows, [{ weight: 1, replica: { syncInterval: 300, applyDelay: 60 } }]);
    expect(steps).toEqual([
      { seconds: 0, fraction: 0 },
      { seconds: 180, fraction: 0.4 },
      { seconds: 360, fraction: 1 },
    ]);
  });

  it("walks into the hourly phase for a 15-minute replica", () => {
    const steps = closedFormCdf(windows, [{ weight: 1, replica: { syncInterval: 900, applyDelay: 0 } }]);
    expect(steps.map((s) => s.seconds)).toEqual([0, 180, 360, 540, 720, 900]);
    expect(steps.map((s) => s.fraction)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it("is the first poll on the site database", () => {
    expect(closedFormCdf(windows, [{ weight: 1, replica: null }])).toEqual([{ seconds: 0, fraction: 1 }]);
    const late = { ...windows, firstPollDelay: 30 };
    expect(closedFormCdf(late, [{ weight: 1, replica: null }])).toEqual([
      { seconds: 0, fraction: 0 },
      { seconds: 30, fraction: 1 },
    ]);
  });

  it("mixes databases by assignment share (two-dmps: half on the site database)", () => {
    const steps = closedFormCdf(windows, [
      { weight: 0.5, replica: { syncInterval: 300, applyDelay: 0 } },
      { weight: 0.5, replica: null },
    ]);
    expect(steps).toEqual([
      { seconds: 0, fraction: 0.5 },
      { seconds: 180, fraction: 0.8 },
      { seconds: 360, fraction: 1 },
    ]);
  });
});

describe("visibleBy", () => {
  it("is the uniform distribution on [D, P + D], and a point mass at D when P is 0", () => {
    const r = { syncInterval: 300, applyDelay: 30 };
    expect([0, 30, 180, 330, 400].map((o) => visibleBy(o, r))).toEqual([0, 0, 0.5, 1, 1]);
    expect([29, 30].map((o) => visibleBy(o, { syncInterval: 0, applyDelay: 30 }))).toEqual([0, 1]);
  });
});

describe("empiricalCdf", () => {
  it("has one step per distinct value with the share at or below it, from (0, 0)", () => {
    expect(empiricalCdf([360, 180, 180, 180, 360])).toEqual([
      { seconds: 0, fraction: 0 },
      { seconds: 180, fraction: 0.6 },
      { seconds: 360, fraction: 1 },
    ]);
  });

  it("starts at the value 0 when devices succeeded at once, and is empty without values", () => {
    expect(empiricalCdf([0, 0, 180, 180])).toEqual([
      { seconds: 0, fraction: 0.5 },
      { seconds: 180, fraction: 1 },
    ]);
    expect(empiricalCdf([])).toEqual([]);
  });

  it("keeps at most MAX_CDF_STEPS steps, each with its exact share, ending at 1", () => {
    const values = Array.from({ length: 10_000 }, (_, i) => i + 1);
    const steps = empiricalCdf(values);
    expect(steps.length).toBeLessThanOrEqual(MAX_CDF_STEPS + 1);
    expect(steps[steps.length - 1]).toEqual({ seconds: 10_000, fraction: 1 });
    for (const s of steps.slice(1)) expect(s.fraction).toBe(s.seconds / 10_000);
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.seconds).toBeGreaterThan(steps[i - 1]!.seconds);
  });

  it("does not modify its input", () => {
    const values = new Float64Array([3, 1, 2]);
    empiricalCdf(values);
    expect([...values]).toEqual([3, 1, 2]);
  });
});
