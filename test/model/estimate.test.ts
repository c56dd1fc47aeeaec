import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/errors.js";
import { checkRunLimits, estimateEvents, RUN_LIMITS } from "../../src/model/estimate.js";
import { pollCount } from "../../src/model/pollSchedule.js";
import { simulate } from "../../src/simulate.js";
import { singleServer } from "../helpers/scenarios.js";

describe("pollCount", () => {
  it("counts the Windows default schedule: six 3-minute polls in 15 minutes, then hourly", () => {
    const group = singleServer({}).devices[0]!;
    expect(pollCount(group, 900)).toBe(5); // 0, 3, 6, 9, 12 min
    expect(pollCount(group, 901)).toBe(6); // … and 15 min
    expect(pollCount(group, 3 * 3600)).toBe(6 + 2); // then 75 and 135 min
  });

  it("matches the engine's poll count on a plain run", () => {
    const scenario = singleServer({
      replica: null,
      duration: "5h",
      group: { enrollment: { pattern: "burst", at: 0 } },
    });
    expect(simulate(scenario).attempts.total).toBe(pollCount(scenario.devices[0]!, scenario.duration));
  });
});

describe("checkRunLimits", () => {
  it("refuses more devices than the limit, naming the place", () => {
    const scenario = singleServer({ group: { count: RUN_LIMITS.maxDevices + 1 } });
    expect(() => {
      checkRunLimits(scenario);
    }).toThrow(ScenarioError);
    expect(() => {
      checkRunLimits(scenario);
    }).toThrow(/devices: 10000001 devices in all; the limit is 10000000/);
  });

  it("refuses a replica ticking absurdly often", () => {
    const scenario = singleServer({ duration: "1d", replica: { syncInterval: "1ms", syncOffset: 0 } });
    expect(() => {
      checkRunLimits(scenario);
    }).toThrow(/site\.replicas\[0\]\.syncInterval: .* 86400000 ticks/);
  });

  it("refuses polling that would produce an absurd number of events, with the estimate", () => {
    const scenario = singleServer({ duration: "1d", group: { count: 1000, polling: [{ every: "1ms" }] } });
    expect(estimateEvents(scenario)).toBeGreaterThan(RUN_LIMITS.maxEvents);
    expect(() => simulate(scenario)).toThrow(/the run would process about 3\.5e\+11 events/);
  });

  it("refuses a run longer than 366 days, which few devices would otherwise let through", () => {
    const scenario = singleServer({ replica: null, duration: "367d", group: { count: 1 } });
    expect(estimateEvents(scenario)).toBeLessThan(RUN_LIMITS.maxEvents);
    expect(() => simulate(scenario)).toThrow(ScenarioError);
    expect(() => simulate(scenario)).toThrow(
      /^duration: a 31708800 s run is longer than the limit of 31622400 s/,
    );
    expect(() => {
      checkRunLimits(singleServer({ replica: null, duration: "366d", group: { count: 1 } }));
    }).not.toThrow();
  });

  it("lets a million devices over a day through", () => {
    const scenario = singleServer({ duration: "1d", group: { count: 1_000_000 } });
    expect(() => {
      checkRunLimits(scenario);
    }).not.toThrow();
  });
});
