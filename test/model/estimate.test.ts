import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/errors.js";
import { checkScenario } from "../../src/checks/checkScenario.js";
import {
  checkRunLimits,
  checkSiteLimits,
  estimateEvents,
  estimateRun,
  estimateSite,
  RUN_LIMITS,
} from "../../src/model/estimate.js";
import { checkCheckLimits, estimateCheck } from "../../src/model/checkEstimate.js";
import { pollCount } from "../../src/model/pollSchedule.js";
import { reachability } from "../../src/model/reachability.js";
import { simulate } from "../../src/simulate.js";
import { singleServer } from "../helpers/scenarios.js";
import { shaped } from "../helpers/bigSites.js";
import { loadScenario } from "../../src/scenario/load.js";

describe("pollCount", () => {
  it("counts the configmgr-assumed schedule (the Windows groups' default): six 3-minute polls in 15 minutes, then hourly", () => {
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

/** A site of `servers` all-role servers and `groups` one-device groups (the 1.4 MB file of the attack review). */
function gridScenario(groups: number, servers: number) {
  const base = singleServer({});
  const server = base.site.servers[0]!;
  const group = base.devices[0]!;
  return {
    ...base,
    site: {
      ...base.site,
      servers: Array.from({ length: servers }, (_, i) => ({ ...server, name: `cm${i}.corp.contoso.com` })),
    },
    devices: Array.from({ length: groups }, (_, i) => ({ ...group, name: `g${i}`, count: 1 })),
  };
}

describe("planning the whole work", () => {
  it("lets a 10-million-device day through without options: its 1.2e9 events and 0.6 GiB fit (11 s here)", () => {
    const scenario = singleServer({ duration: "1d", group: { count: 10_000_000 } });
    const estimate = estimateRun(scenario);
    expect(estimate.events).toBeGreaterThan(1e9);
    expect(estimate.events).toBeLessThan(RUN_LIMITS.maxEvents);
    expect(estimate.memoryBytes).toBeLessThan(RUN_LIMITS.maxMemoryBytes / 2);
    expect(() => checkRunLimits(scenario)).not.toThrow();
    // Twice the day is work that would not fit the time bound: refused, naming the bound and its flag.
    const twoDays = singleServer({ duration: "2d", group: { count: 10_000_000 } });
    expect(() => checkRunLimits(twoDays)).toThrow(
      /^duration: the run would process about 2\.\de\+9 events \(the limit is 2e\+9; --max-events raises it\)/,
    );
    expect(() => checkRunLimits(twoDays, { maxEvents: 3e9 })).not.toThrow();
  });

  it("refuses 99 replicas at the per-replica tick limit by their memory, naming the replicas", () => {
    const scenario = singleServer({ duration: "366d", group: { count: 1 } });
    const replica = scenario.site.replicas[0]!;
    const many = {
      ...scenario,
      site: {
        ...scenario.site,
        replicas: Array.from({ length: 99 }, (_, i) => ({ ...replica, name: `r${i}`, syncInterval: 3.17 })),
      },
    };
    expect(() => checkRunLimits(many)).toThrow(
      /^site\.replicas: needs about \d+\.\d GiB of memory \(the limit is 2\.0 GiB\), most of it for \d+ replica sync ticks/,
    );
    // check compiles the same site: the same refusal, before any tick runs.
    expect(() => checkScenario(many)).toThrow(/^site\.replicas: needs about/);
  });

  it("refuses 2,000 groups × 2,000 servers in run, check and reach before building anything", () => {
    const scenario = gridScenario(2000, 2000);
    const started = performance.now();
    expect(() => checkRunLimits(scenario)).toThrow(
      /^devices: needs about 7\.\d GiB of memory .* the reason timelines of 2000 device groups × 6000 server roles \(fewer groups or servers\)/,
    );
    expect(() => checkScenario(scenario)).toThrow(ScenarioError);
    expect(() => reachability(scenario)).toThrow(
      /^devices: the reachability matrix would have 16000000 cells \(2000 device groups × 8000 server roles\)/,
    );
    expect(performance.now() - started).toBeLessThan(5000);
  });

  const boundarySite = (managementPoints: number, count: number) => {
    const base = singleServer({ duration: "1h", group: { count, addresses: "10.1.0.0/12" } });
    const boundaries = Array.from({ length: 60_000 }, (_, i) => ({
      name: `b${i}`,
      type: "ipv4Range" as const,
      value: `10.${16 + (i >> 8)}.${i & 255}.0/24`,
    }));
    const extra = Array.from({ length: managementPoints - 1 }, (_, i) => ({
      name: `mp${i}.corp.contoso.com`,
      outages: [],
      roles: { managementPoint: { https: true, allowMobileDevicesAndMacs: true, database: "site" as const } },
    })) as unknown as typeof base.site.servers;
    const servers = [...base.site.servers, ...extra];
    return {
      ...base,
      site: {
        ...base.site,
        servers,
        boundaries,
        boundaryGroups: [
          { name: "all", boundaries: boundaries.map((b) => b.name), servers: servers.map((s) => s.name) },
        ],
      },
    } as typeof base;
  };

  it("prices boundaries as the engine uses them: a 1-DMP site never looks at its 60,000 boundaries (a million devices run)", () => {
    const scenario = boundarySite(1, 1_000_000);
    expect(() => checkRunLimits(scenario)).not.toThrow();
    expect(estimateRun(scenario).events).toBeLessThan(1e8);
  });

  it("prices the pools by stretch of several DMPs: 120,001 stretches × 60,000 boundaries, once per group", () => {
    const scenario = boundarySite(2, 1000);
    const run = estimateRun(scenario);
    expect(run.events).toBeGreaterThan(1e8);
    expect(run.largestWork.what).toMatch(
      /^boundary tables: 1 pools by address × 120001 stretches × 60000 boundaries/,
    );
    expect(() => checkRunLimits(scenario, { maxEvents: 1e7 })).toThrow(
      /^site\.boundaries: the run would process/,
    );
    // `check` weighs the same pools: the tables are part of the site.
    expect(estimateSite(scenario).largestWork.what).toMatch(/^boundary tables/);
  });

  it("estimates a site at its size: the baseline is far inside every limit", () => {
    const scenario = singleServer({});
    const site = estimateSite(scenario);
    const run = estimateRun(scenario);
    expect(site.timelines).toBe(3);
    expect(site.memoryBytes).toBeLessThan(run.memoryBytes);
    expect(run.events).toBeGreaterThan(site.events);
    expect(() => checkSiteLimits(scenario)).not.toThrow();
  });

  it("refuses a maxEvents that is not a number >= 1", () => {
    for (const maxEvents of [0, -1, Number.NaN])
      expect(() => checkRunLimits(singleServer({}), { maxEvents })).toThrow(
        /maxEvents: expected a number >= 1/,
      );
  });
});

describe("check's exact estimates (checkCheckLimits)", () => {
  /** The baseline with `mps` management points on one replica beside its own (on the site database). */
  const replicaDmps = (
    mps: number,
    groups?: number,
    change: (s: Record<string, unknown>) => void = () => {},
  ) => {
    const draft = shaped({ mps, replicas: 1, ...(groups !== undefined ? { groups } : {}) });
    change(draft);
    return loadScenario(draft);
  };

  it("counts each group at every management point on a replica, and 3 schedules at every MP for a cliff", () => {
    // 500 Windows groups (two polling phases) × (490 on the replica + 3 × 491 for the cliff).
    // Each estimate sets up a walk over the 491 MPs and probes 10 steps per try; each cliff group also
    // compiles the site again twice: 3 replica ticks and 491 servers' timelines.
    const scenario = replicaDmps(490, 500);
    const g = scenario.devices[0]!;
    const tries = pollCount(g, scenario.duration) * (1 + g.connectionRetries.count);
    expect(tries).toBe(32);
    expect(estimateCheck(scenario)).toEqual({
      estimates: 500 * (490 + 3 * 491),
      steps: 500 * ((490 + 3 * 491) * (491 + 10 * tries) + 2 * (3 + 491 * 3)),
    });
    // Without a replica, an outage or a certificate not yet valid, nothing holds tries back: no estimate.
    expect(estimateCheck(singleServer({ replica: null }))).toEqual({ estimates: 0, steps: 0 });
    // One polling phase: no cliff; a pinned group: its pin alone.
    const pinned = replicaDmps(10, 4, (d) => {
      const devices = d.devices as Record<string, unknown>[];
      devices.forEach((g) => (g.polling = [{ every: "5m" }]));
      devices[0]!.managementPoint = "mp3.corp.contoso.com";
    });
    expect(estimateCheck(pinned).estimates).toBe(1 + 3 * 10);
  });

  it("a group enrolling at known instants walks its devices in each estimate", () => {
    const burst = replicaDmps(9, undefined, (d) => {
      const g = (d.devices as Record<string, unknown>[])[0]!;
      g.count = 1_000_000;
      g.enrollment = { pattern: "burst", at: "1m" };
    });
    expect(estimateCheck(burst)).toEqual({
      estimates: 9 + 3 * 10,
      steps: (9 + 3 * 10) * (10 + 320 + 1_000_000) + 2 * (3 + 10 * 3),
    });
  });

  it("refuses more estimates than the limit before any work, naming what to shrink (check and report)", () => {
    const scenario = replicaDmps(490, 500);
    const message = `devices: check would make 981500 exact estimates (device groups × the management points on replicas they may use, plus 3 poll schedules × the management points of each group with several polling phases); the limit is ${RUN_LIMITS.maxCheckEstimates}: fewer groups, or fewer management points on replicas`;
    expect(() => {
      checkCheckLimits(scenario);
    }).toThrow(ScenarioError);
    expect(() => checkScenario(scenario)).toThrow(message);
    // At the limit: accepted.
    const groups = Math.floor(RUN_LIMITS.maxCheckEstimates / (99 + 3 * 100));
    expect(() => {
      checkCheckLimits(replicaDmps(99, groups));
    }).not.toThrow();
    expect(() => {
      checkCheckLimits(replicaDmps(99, groups + 1));
    }).toThrow(/exact estimates/);
  });

  it("refuses more steps than the limit", () => {
    const burst = replicaDmps(99, undefined, (d) => {
      const g = (d.devices as Record<string, unknown>[])[0]!;
      g.count = 1_000_000;
      g.enrollment = { pattern: "burst", at: "1m" };
    });
    expect(() => {
      checkCheckLimits(burst);
    }).toThrow(
      `devices: check's 399 exact estimates (device groups × the management points on replicas they may use, plus 3 poll schedules × the management points of each group with several polling phases) would take ${399 * (100 + 320 + 1_000_000) + 2 * (3 + 100 * 3)} steps (each management point, 10 per try a device may make and each device of a group enrolling evenly or in a burst, in each estimate; the replica ticks and timelines compiled again for each poll schedule compared); the limit is ${RUN_LIMITS.maxCheckSteps}`,
    );
  });
});
