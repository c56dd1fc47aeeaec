// check's exact estimates against run: equal where run draws nothing, within sampling error elsewhere.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { groupEstimate, managementPointEstimate } from "../../src/model/exactEstimate.js";
import { compileSite } from "../../src/model/site.js";
import { loadScenario } from "../../src/scenario/load.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { simulate } from "../../src/simulate.js";
import { scenarioArbitrary } from "../../src/testing/scenarioArbitrary.js";
import { singleServer } from "../helpers/scenarios.js";
import { CM01, type Draft } from "../helpers/ruleScenarios.js";
import {
  buildClients,
  CM02,
  clientGroup,
  clientMpOnReplica,
  mpServer,
  withEnrollmentRoles,
} from "../helpers/clientScenarios.js";

/** A group's estimate (the library's) with the spreads a run's means are drawn with. */
function groupFigures(scenario: Scenario, group: number) {
  const e = groupEstimate(compileSite(scenario, scenario.seed), group);
  if (e.timeToFirstSuccess === null || e.failedTries === null) return null;
  const spread = (mean: number, square: number | null) => Math.sqrt(Math.max(0, (square ?? 0) - mean * mean));
  return {
    connected: e.connected,
    exact: e.exact,
    time: e.timeToFirstSuccess,
    timeSpread: spread(e.timeToFirstSuccess, e.timeToFirstSuccessSquared),
    failed: e.failedTries,
    failedSpread: spread(e.failedTries, e.failedTriesSquared),
  };
}

describe("exact estimates", () => {
  it("equal run's means exactly for devices at known instants on one management point", () => {
    // Even enrollments over 2 hours, a 5-minute replica, the assumed Windows schedule: run draws nothing.
    const scenario = singleServer({
      duration: "4h",
      group: { count: 997, enrollment: { pattern: "even", from: "0s", to: "2h", delay: "7s" } },
    });
    const run = simulate(scenario);
    const site = compileSite(scenario, scenario.seed);
    const e = managementPointEstimate(site, 0, 0);
    expect(e.devices).toBe(997);
    expect(e.timeToFirstSuccess).toBeCloseTo(run.timeToFirstSuccessSeconds.mean ?? NaN, 2);
    expect(e.failedTries).toBeCloseTo(run.failedAttemptsBeforeSuccess.mean ?? NaN, 2);
  });

  it("give the closed form's 252 s and 1.4 failed polls for uniform commits on a 5-minute replica", () => {
    // Commits uniform over a whole number of sync intervals: the visibility delay is uniform on [0, 300 s].
    const scenario = singleServer({
      duration: "4h",
      replica: { syncOffset: "0s" },
      group: { count: 10, enrollment: { pattern: "uniform", from: "0s", to: "1h" } },
    });
    const e = managementPointEstimate(compileSite(scenario, 1), 0, 0);
    expect(e.timeToFirstSuccess).toBeCloseTo(252, 6);
    expect(e.failedTries).toBeCloseTo(1.4, 9);
  });

  it("count a replica outage that outlasts the first polling phase, and an apply delay", () => {
    const scenario = singleServer({
      duration: "6h",
      replica: { syncOffset: "0s", applyDelay: "40s", outages: [{ from: "20m", to: "50m" }] },
      group: { count: 20_000, enrollment: { pattern: "uniform", from: "0s", to: "1h" } },
    });
    const run = simulate(scenario);
    const e = groupFigures(scenario, 0);
    if (!e) throw new Error("no estimate");
    const n = run.devices.connected;
    expect(Math.abs((run.timeToFirstSuccessSeconds.mean ?? NaN) - e.time)).toBeLessThan(
      (5 * e.timeSpread) / Math.sqrt(n),
    );
    expect(Math.abs((run.failedAttemptsBeforeSuccess.mean ?? NaN) - e.failed)).toBeLessThan(
      (5 * e.failedSpread) / Math.sqrt(n) + 1e-9,
    );
  });

  it("equal run's means exactly for ConfigMgr clients registering evenly while their management point is down", () => {
    // Even registrations over 2 hours behind a 5-minute replica; the only server (its management point) is
    // down from 20 to 50 minutes, so registrations and policy requests meet the outage: run draws nothing.
    const scenario = buildClients(withEnrollmentRoles, clientMpOnReplica, (d) => {
      d.duration = "4h";
      d.site.servers[0]!.outages = [{ from: "20m", to: "50m" }];
      d.devices = [
        clientGroup("c", 997, { registration: { pattern: "even", from: "0s", to: "2h", delay: "7s" } }),
      ];
    });
    const run = simulate(scenario);
    const e = managementPointEstimate(compileSite(scenario, scenario.seed), 0, 0);
    expect(e.exact).toBe(true);
    expect(e.connected).toBeCloseTo(run.devices.connected, 6);
    expect(e.timeToFirstSuccess).toBeCloseTo(run.timeToFirstSuccessSeconds.mean ?? NaN, 2);
    expect(e.failedTries).toBeCloseTo(run.failedAttemptsBeforeSuccess.mean ?? NaN, 2);
  });

  const reached = new Map<string, number>();
  afterAll(() => {
    console.log("exact estimates: generated cases reached", Object.fromEntries(reached));
  });
  const note = (what: string) => reached.set(what, (reached.get(what) ?? 0) + 1);

  it("hold run's group means within sampling error on generated scenarios", () => {
    fc.assert(
      fc.property(
        // With ConfigMgr clients too: their registration and fallback depend on their pool (probed per
        // stretch of addresses).
        fc
          .boolean()
          .chain((clients) =>
            scenarioArbitrary({ misconfigurations: false, maxDevicesPerGroup: 400, clients }),
          )
          .map((s) => loadScenario({ ...s, devices: s.devices.map((g) => ({ ...g, jitter: 0 })) })),
        (scenario) => {
          const run = simulate(scenario);
          scenario.devices.forEach((g, i) => {
            const measured = run.groups[i];
            const e = groupFigures(scenario, i);
            const n = measured?.devices.connected ?? 0;
            if (e === null || n === 0) {
              // Nothing connects in the estimate: nothing may connect in the run either; and where the
              // estimate expects a handful of devices to connect, the run has some. Not for a Poisson
              // group: its first tries are one running sum, so whether any falls late enough (after an
              // outage, say) is one draw for the whole group, and a run may have none where the estimate
              // expects several (140 devices at 5 a minute, the last after 1,668 s about half the time).
              if (e === null) expect(n).toBe(0);
              else if (g.enrollment.pattern !== "poisson")
                expect(e.connected, `${g.name}: the estimate expects ${e.connected} connected`).toBeLessThan(
                  5,
                );
              return;
            }
            expect(e.exact).toBe(true);
            note(`pattern ${g.enrollment.pattern}`);
            if (g.platform === "configmgr-client") note("ConfigMgr clients");
            if (scenario.site.replicas.length > 0) note("replicas");
            if (scenario.site.database.outages.length > 0) note("site database outage");
            if (scenario.site.replicas.some((r) => typeof r.applyDelay !== "number"))
              note("drawn apply delays");
            if (scenario.site.replicas.some((r) => r.outages.length + r.serverOutages.length > 0))
              note("replica outages");
            if ((measured?.failedAttemptsBeforeSuccess.mean ?? 0) > 0) note("failed tries");
            const tolerance = (spread: number) => (6 * spread) / Math.sqrt(n) + 1e-6;
            expect(
              Math.abs((measured?.timeToFirstSuccessSeconds.mean ?? NaN) - e.time),
              `${g.name}: run ${measured?.timeToFirstSuccessSeconds.mean}, estimate ${e.time}`,
            ).toBeLessThanOrEqual(tolerance(e.timeSpread));
            expect(
              Math.abs((measured?.failedAttemptsBeforeSuccess.mean ?? NaN) - e.failed),
              `${g.name}: run ${measured?.failedAttemptsBeforeSuccess.mean}, estimate ${e.failed}`,
            ).toBeLessThanOrEqual(tolerance(e.failedSpread));
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("exact estimates, their bounds", () => {
  it("fall back to the closed form past the probe budget, and say so", () => {
    // A 1-second sync over a week of uniform enrollments: millions of pieces.
    const scenario = singleServer({
      duration: "7d",
      replica: { syncInterval: "1s", syncOffset: "0s" },
      group: { count: 10, enrollment: { pattern: "uniform", from: "0s", to: "7d" } },
    });
    const started = performance.now();
    const e = managementPointEstimate(compileSite(scenario, 1), 0, 0);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(e.exact).toBe(false);
    // The closed form: the first poll, at the commit, always precedes the next sync; the second succeeds.
    expect(e).toMatchObject({ failedTries: 1, timeToFirstSuccess: 180 });
  });

  it("take few probes on the site database, whose visibility moves with the commit", () => {
    const scenario = singleServer({
      replica: null,
      group: { count: 10, enrollment: { pattern: "uniform", from: "0s", to: "1h" } },
    });
    const e = managementPointEstimate(compileSite(scenario, 1), 0, 0);
    expect(e).toMatchObject({ exact: true, failedTries: 0, timeToFirstSuccess: 0, connected: 10 });
  });
});

/**
 * Adds cm02 (a management point on r1) and splits HQ into 3,000 single-address boundaries (every other
 * address of 10.1.0.0-10.1.23.110), one boundary group listing both management points.
 */
function withSplitBoundaries(d: Draft): void {
  d.site.servers.push(mpServer(CM02, "r1"));
  const boundaries = Array.from({ length: 3000 }, (_, i) => ({
    name: `b${i}`,
    type: "ipv4Range" as const,
    value: `10.1.${Math.floor((2 * i) / 256)}.${(2 * i) % 256}/32`,
  }));
  d.site.boundaries = boundaries;
  d.site.boundaryGroups = [{ name: "HQ", boundaries: boundaries.map((b) => b.name), servers: [CM01, CM02] }];
}

describe("exact estimates of ConfigMgr clients", () => {
  it("probe each distinct pool once, however many stretches of addresses share it", () => {
    // 3,000 single-address boundaries of one boundary group listing both management points: 6,001 stretches
    // of addresses and one pool (in or out of a boundary, the same two MPs). Probed per stretch, the probes
    // passed the budget and the estimate fell back to the closed form.
    const scenario = buildClients(withEnrollmentRoles, clientMpOnReplica, (d) => {
      d.duration = "8h";
      d.site.replicas = [{ name: "r1", syncInterval: "1m", syncOffset: "10s" }];
      withSplitBoundaries(d);
      d.devices = [
        clientGroup("c", 6000, { registration: { pattern: "uniform", from: "0s", to: "6h", delay: "7s" } }),
      ];
    });
    const e = managementPointEstimate(compileSite(scenario, scenario.seed), 0, 0);
    expect(e.exact).toBe(true);
    expect(e.devices).toBeCloseTo(3000, 6);
  });
});

describe("exact estimates of ConfigMgr clients at known instants", () => {
  it("look each device's pool up in the group's table (not by a scan of every boundary per device)", () => {
    // 3,000 boundaries, 400,000 clients in one burst: a scan per device took 32 s, the table 0.8 s.
    const scenario = buildClients(withEnrollmentRoles, clientMpOnReplica, (d) => {
      withSplitBoundaries(d);
      d.devices = [clientGroup("c", 400_000)];
    });
    const site = compileSite(scenario, scenario.seed);
    const started = performance.now();
    const e = managementPointEstimate(site, 0, 0);
    const took = performance.now() - started;
    expect(e).toMatchObject({ exact: true, devices: 200_000 });
    expect(took).toBeLessThan(8_000);
  });
});
