// The generator's shares: the grid arm, jitter-free groups, replica lag (the reference property relies on them).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { scenarioArbitrary } from "../../src/testing/scenarioArbitrary.js";

/** Every time of `scenario` that the grid arm puts on a grid of `step` seconds. */
function times(scenario: Scenario): number[] {
  const { site } = scenario;
  const outages = [
    ...site.database.outages,
    ...site.servers.flatMap((s) => s.outages),
    ...site.replicas.flatMap((r) => [...r.outages, ...r.serverOutages]),
  ].flatMap((o) => [o.from, o.to]);
  const replicas = site.replicas.flatMap((r) => [
    r.syncInterval,
    r.syncOffset ?? 0.5,
    typeof r.applyDelay === "number" ? r.applyDelay : 0.5,
  ]);
  const groups = scenario.devices.flatMap((g) => {
    const e = g.enrollment;
    const enrollment =
      e.pattern === "burst" ? [e.at] : e.pattern === "even" ? [e.from, (e.to - e.from) / g.count] : [0.5];
    return [...enrollment, e.delay, e.retryAfter, g.firstPollDelay, g.jitter === 0 ? 0 : 0.5];
  });
  return [...outages, ...replicas, ...groups, ...scenario.deployments.map((d) => d.at)];
}

const onGrid = (scenario: Scenario, step: number) => times(scenario).every((t) => t % step === 0);

describe("scenarioArbitrary", () => {
  it("puts about a third of the scenarios on a grid with `grid`, every time a multiple of the step", () => {
    const samples = fc
      .sample(scenarioArbitrary({ grid: true, capacities: true, clients: true }), { numRuns: 600, seed: 28 })
      .map((s) => loadScenario(s));
    const gridded = samples.filter((s) => onGrid(s, 60)).length;
    expect(gridded / samples.length).toBeGreaterThan(0.28);
    expect(gridded / samples.length).toBeLessThan(0.45);
    // Without the constraint no scenario is wholly on the grid (jitter, apply delays, uniform patterns).
    const free = fc.sample(scenarioArbitrary({ clients: true }), { numRuns: 300, seed: 28 });
    expect(free.map((s) => loadScenario(s)).filter((s) => onGrid(s, 60)).length).toBeLessThan(30);
  });

  it("makes most groups jitter-free and gives a third of the scenarios replica lag, as real sites have", () => {
    let groups = 0;
    let jitterFree = 0;
    let lagged = 0;
    const samples = fc.sample(scenarioArbitrary({ misconfigurations: false }), { numRuns: 600, seed: 28 });
    for (const input of samples) {
      const scenario = loadScenario(input);
      groups += scenario.devices.length;
      jitterFree += scenario.devices.filter((g) => g.jitter === 0).length;
      const dmpOnReplica = scenario.site.servers.some(
        (s) =>
          s.roles.managementPoint?.allowMobileDevicesAndMacs === true &&
          s.roles.managementPoint.database !== "site",
      );
      if (dmpOnReplica) lagged++;
    }
    expect(jitterFree / groups).toBeGreaterThanOrEqual(2 / 3);
    expect(lagged / samples.length).toBeGreaterThanOrEqual(1 / 3);
  });
});
