// The series a report draws: each group's expected DMP shares (the closed form's weights), times to first
// success, and each management point's tries per minute with its replica.
import { describe, expect, it } from "vitest";
import { assignmentShares as groupShares } from "../../src/model/assignment.js";
import { compileSite, type SiteModel } from "../../src/model/site.js";
import { closedFormInputs } from "../../src/results/runSeries.js";
import { applyOverrides } from "../../src/scenario/overrides.js";
import { runSimulation } from "../../src/simulate.js";
import { bundled } from "../report/helpers.js";

const assignmentShares = (site: SiteModel, g: number) =>
  groupShares(site.groups[g]!, site.managementPoints.length);

describe("assignmentShares", () => {
  it("puts a single-DMP site's devices all on it", () => {
    const scenario = bundled("baseline");
    expect([...assignmentShares(compileSite(scenario, 1), 0)]).toEqual([[0, 1]]);
  });

  it("splits evenly between two eligible DMPs of one boundary group (two-dmps)", () => {
    const scenario = bundled("two-dmps");
    expect([...assignmentShares(compileSite(scenario, 1), 0)]).toEqual([
      [0, 0.5],
      [1, 0.5],
    ]);
  });

  it("follows a pinned management point", () => {
    const scenario = applyOverrides(bundled("two-dmps"), ["devices.0.managementPoint=cm02.corp.contoso.com"]);
    expect([...assignmentShares(compileSite(scenario, 1), 0)]).toEqual([[1, 1]]);
  });

  it("prefers the boundary group that lists a device's address, device by device", () => {
    // HQ (10.1.0.0–10.1.3.255) lists cm01 only; the rest of the group's addresses fall back to both DMPs.
    const scenario = applyOverrides(bundled("two-dmps"), [
      'site.boundaries=[{"name":"HQ","type":"ipv4Range","value":"10.1.0.1-10.1.3.255"}]',
      'site.boundaryGroups=[{"name":"HQ","boundaries":["HQ"],"servers":["cm01.corp.contoso.com"]}]',
    ]);
    const group = scenario.devices[0]!;
    const shares = assignmentShares(compileSite(scenario, 1), 0);
    // Addresses 10.1.2.1–10.1.3.255 are in HQ; the simulation's own assignment agrees within noise.
    const { result } = runSimulation(scenario);
    const devices = result.managementPoints.map((m) => m.devices / group.count);
    expect(shares.get(0)! + shares.get(1)!).toBeCloseTo(1, 12);
    expect(shares.get(0)!).toBeGreaterThan(0.5);
    expect(Math.abs(shares.get(0)! - devices[0]!)).toBeLessThan(0.05);
  });
});

describe("closedFormInputs", () => {
  it("gives each DMP's database with its share", () => {
    const inputs = closedFormInputs(compileSite(bundled("two-dmps"), 1), 0);
    expect(inputs).toEqual({
      applies: true,
      shares: [
        { weight: 0.5, replica: { syncInterval: 300, applyDelay: 0 } },
        { weight: 0.5, replica: null },
      ],
    });
  });

  it("does not apply when the DMP refuses the group (Macs on a replica DMP)", () => {
    const inputs = closedFormInputs(compileSite(bundled("macs-on-replica-dmp"), 1), 0);
    expect(inputs.applies).toBe(false);
    if (!inputs.applies) expect(inputs.why).toContain("replica-unsupported-for-macos");
  });
});

describe("runSeries", () => {
  it("holds each group's connected devices' times and each DMP's tries per minute with its replica", () => {
    const { result, series } = runSimulation(bundled("two-dmps"));
    expect(series.durationSeconds).toBe(result.durationSeconds);
    expect(series.groups.map((g) => g.ttfs.length)).toEqual(result.groups.map((g) => g.devices.connected));
    const sum = (a: Uint32Array) => a.reduce((n, x) => n + x, 0);
    expect(series.managementPoints.map((m) => sum(m.perMinute))).toEqual(
      result.managementPoints.map((m) => m.attempts),
    );
    expect(series.managementPoints.map((m) => m.replica?.name ?? null)).toEqual(["replica1", null]);
    expect(series.replicas[0]?.ticks.length).toBe(result.replicas[0]?.syncs);
  });
});
