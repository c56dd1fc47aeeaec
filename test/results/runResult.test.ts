import { describe, expect, it } from "vitest";
import { runEngine } from "../../src/model/engine.js";
import { compileSite } from "../../src/model/site.js";
import { buildRunResult } from "../../src/results/runResult.js";
import { singleServer } from "../helpers/scenarios.js";

const scenario = singleServer({ group: { count: 20, enrollment: { pattern: "even", from: 0, to: "1h" } } });
const raw = runEngine(compileSite(scenario, scenario.seed), {
  perDevice: true,
  trace: { group: 0, index: 0 },
});

describe("buildRunResult", () => {
  it("builds the document once, keys in the documented order, expectations after the numbers", () => {
    const seen: unknown[] = [];
    const result = buildRunResult(raw, (measured) => {
      seen.push(measured);
      return [{ expression: "devices.total == 20", actual: measured.devices.total, passed: true }];
    });
    expect(Object.keys(result)).toEqual([
      "format",
      "scenario",
      "seed",
      "durationSeconds",
      "devices",
      "timeToFirstSuccessSeconds",
      "failedAttemptsBeforeSuccess",
      "attempts",
      "enrollmentFailedByReason",
      "neverConnectedByReason",
      "groups",
      "managementPoints",
      "replicas",
      "content",
      "expectations",
      "events",
      "perDevice",
      "trace",
    ]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ events: raw.events, devices: result.devices });
    expect(result.expectations).toEqual([{ expression: "devices.total == 20", actual: 20, passed: true }]);
  });

  it("orders the trace by time, then priority, keeping the record order of ties, times to the millisecond", () => {
    const trace = buildRunResult(raw).trace ?? [];
    expect(trace.length).toBeGreaterThan(3);
    for (let i = 1; i < trace.length; i++) {
      const [a, b] = [trace[i - 1]!, trace[i]!];
      expect(a.time < b.time || (a.time === b.time && a.priority <= b.priority)).toBe(true);
    }
    // commit and assigned share (time, priority): the commit was recorded first.
    const events = trace.map((e) => e.event);
    expect(events.indexOf("commit")).toBeLessThan(events.indexOf("assigned"));
    for (const e of trace) expect(Math.round(e.time * 1000) / 1000).toBe(e.time);
  });

  it("names each group's poll profile after its name: a profile, the platform's default, or null", () => {
    const named = (polling: unknown) => {
      const s = singleServer({ group: { count: 2, ...(polling !== undefined ? { polling } : {}) } });
      const [group] = buildRunResult(runEngine(compileSite(s, s.seed))).groups;
      expect(Object.keys(group ?? {}).slice(0, 3)).toEqual(["name", "pollingProfile", "devices"]);
      return group?.pollingProfile;
    };
    expect(named(undefined)).toBe("configmgr-assumed");
    expect(named("intune-estimate")).toBe("intune-estimate");
    expect(named([{ every: "15m", until: "150m" }, { every: "1h" }])).toBe("dmclient-default");
    expect(named([{ every: "2m", until: "15m" }, { every: "1h" }])).toBeNull();
  });

  it("leaves out perDevice and trace when the run did not keep them", () => {
    const plain = buildRunResult(runEngine(compileSite(scenario, scenario.seed)));
    expect("perDevice" in plain).toBe(false);
    expect("trace" in plain).toBe(false);
    expect(plain.expectations).toEqual([]);
  });
});
