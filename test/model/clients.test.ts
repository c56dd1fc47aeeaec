// ConfigMgr clients, fallback and deployments: the closed forms and a hand-computed fallback, in both engines.
import { describe, expect, it } from "vitest";
import type { EngineOptions } from "../../src/model/engine.js";
import { runReference } from "../../src/model/reference/run.js";
import type { SiteModel } from "../../src/model/site.js";
import { loadScenario, writtenForm } from "../../src/scenario/load.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { runSimulation } from "../../src/simulate.js";

const reference = (site: SiteModel, options: EngineOptions) => runReference(site, options);

const server = (name: string, database: string, extra: Record<string, unknown> = {}) => ({
  name,
  roles: { managementPoint: { https: true, database }, distributionPoint: { https: true } },
  ...extra,
});

/** A client-only site: `mps` management points, one client group, optionally a replica and deployments. */
function clientSite(options: {
  mps: (ReturnType<typeof server> | Record<string, unknown>)[];
  count: number;
  duration: string;
  registration?: Record<string, unknown>;
  replica?: Record<string, unknown>;
  deployments?: unknown[];
  boundaries?: boolean;
  group?: Record<string, unknown>;
}): Scenario {
  const [a, b] = options.mps as { name: string }[];
  return loadScenario({
    name: "clients",
    seed: 3,
    duration: options.duration,
    site: {
      replicas: options.replica ? [{ name: "r1", ...options.replica }] : [],
      servers: options.mps,
      ...(options.boundaries === true && a && b
        ? {
            boundaries: [
              { name: "A", type: "ipv4Range", value: "10.1.0.0-10.1.127.255" },
              { name: "B", type: "ipv4Range", value: "10.1.128.0-10.1.255.255" },
            ],
            boundaryGroups: [
              { name: "A", boundaries: ["A"], servers: [a.name] },
              { name: "B", boundaries: ["B"], servers: [b.name] },
              { name: "Default", servers: [a.name, b.name] },
            ],
            defaultBoundaryGroup: "Default",
          }
        : {}),
    },
    devices: [
      {
        name: "pcs",
        platform: "configmgr-client",
        count: options.count,
        ...(options.boundaries === true ? { addresses: "10.1.0.0/16" } : {}),
        registration: options.registration ?? { from: "0s", to: "1h" },
        ...options.group,
      },
    ],
    deployments: options.deployments ?? [],
  });
}

describe("ConfigMgr clients", () => {
  it("on the site database receive their policy at their first poll, at the commit", () => {
    const scenario = clientSite({
      mps: [server("mp1.corp.contoso.com", "site")],
      count: 500,
      duration: "3h",
    });
    const { result } = runSimulation(scenario);
    expect(result.devices.connected).toBe(500);
    expect(result.timeToFirstSuccessSeconds.max).toBe(0);
    expect(result.failedAttemptsBeforeSuccess.max).toBe(0);
    // Registration writes the record 2 minutes (the default delay) after the registration try.
    const { result: traced } = runSimulation(scenario, { trace: "pcs-1" });
    const events = traced.trace?.map((e) => e.event) ?? [];
    expect(events.slice(0, 4)).toEqual(["registration-try", "commit", "assigned", "visible"]);
    const [registered, committed] = traced.trace ?? [];
    expect((committed?.time ?? 0) - (registered?.time ?? 0)).toBeCloseTo(120, 3);
  });

  it("behind a 5-minute replica wait one full policy cycle: 3,600 s and one failed try each", () => {
    const scenario = clientSite({
      mps: [server("mp1.corp.contoso.com", "r1")],
      replica: { syncInterval: "5m" },
      count: 500,
      duration: "4h",
    });
    const { result } = runSimulation(scenario);
    expect(result.devices.connected).toBe(500);
    expect(result.timeToFirstSuccessSeconds.p50).toBe(3600);
    expect(result.timeToFirstSuccessSeconds.max).toBe(3600);
    expect(result.failedAttemptsBeforeSuccess.histogram).toEqual({ 1: 500 });
    expect(result.attempts.failedByReason).toEqual({ "device-not-in-replica": 500 });
  });

  it("receive a deployment after the visibility delay plus the wait for their next poll (V + P/2)", () => {
    // Commits evenly over an hour, hourly polls without jitter: the poll phases are a uniform grid, so the
    // mean wait from the instant the replica shows the deployment to the next poll is P/2 less half a step.
    const count = 3600;
    const at = 3 * 3600 + 100;
    const scenario = clientSite({
      mps: [server("mp1.corp.contoso.com", "r1")],
      replica: { syncInterval: "5m", syncOffset: "0s", applyDelay: "30s" },
      registration: { pattern: "even", from: "0s", to: "1h" },
      count,
      duration: "6h",
      deployments: [{ name: "app", at }],
    });
    const { result } = runSimulation(scenario);
    const deployment = result.deployments?.app;
    expect(deployment?.targeted).toBe(count);
    expect(deployment?.received).toBe(count);
    // The deployment at 3 h + 100 s: the sync at 3 h + 300 s carries it, visible 30 s later: V = 230 s.
    const visibility = 300 - 100 + 30;
    const step = 3600 / count;
    expect(deployment?.receivedAfterSeconds.mean).toBeCloseTo(visibility + 1800 - step / 2, 6);
    expect(deployment?.receivedAfterSeconds.max).toBeLessThanOrEqual(visibility + 3600);
    // The closed form printed beside it: this run's visibility delay plus half the polling interval.
    expect(deployment?.expectedReceivedAfterSeconds).toEqual({
      min: visibility,
      mean: visibility + 1800,
      max: visibility + 3600,
    });
  });

  it("a deployment reaches devices on the site database at their next poll, and every group it targets only", () => {
    const scenario = loadScenario({
      ...clientSite({ mps: [server("mp1.corp.contoso.com", "site")], count: 10, duration: "3h" }),
      devices: [
        { name: "pcs", platform: "configmgr-client", count: 10 },
        { name: "others", platform: "configmgr-client", count: 5 },
      ],
      deployments: [{ name: "policy", at: "2h", groups: ["others"] }],
    });
    const { result } = runSimulation(scenario);
    expect(result.deployments?.policy?.targeted).toBe(5);
    expect(result.deployments?.policy?.received).toBe(5);
    expect(result.deployments?.policy?.receivedAfterSeconds.max).toBeLessThan(3600);
  });
});

describe("management point fallback", () => {
  // Two MPs, each its own boundary group's, both in the default boundary group; mp-a down from 1 h to 3 h.
  // Registrations in the first 55 minutes: every commit is before the outage, so each client of mp-a makes
  // its second poll (one hour after its commit) inside it.
  const outage = (down: boolean, capacity?: Record<string, unknown>) => {
    const b = server("mp-b.corp.contoso.com", "site");
    return clientSite({
      mps: [
        server("mp-a.corp.contoso.com", "site", down ? { outages: [{ from: "1h", to: "3h" }] } : {}),
        capacity
          ? { ...b, roles: { ...b.roles, managementPoint: { ...b.roles.managementPoint, capacity } } }
          : b,
      ],
      boundaries: true,
      registration: { from: "0s", to: "55m" },
      group: { addresses: "10.1.127.0-10.1.128.255" },
      count: 400,
      duration: "26h",
    });
  };

  it("moves a down MP's clients after their fifth failed try in ten minutes, and brings them back at the refresh", () => {
    const base = runSimulation(outage(false)).result;
    const { result } = runSimulation(outage(true));
    const [a, b] = result.managementPoints;
    const [baseA, baseB] = base.managementPoints;
    // Every client of mp-a polls once inside the outage: its try and four retries fail within 450 s.
    expect(a?.devices).toBe(baseA?.devices);
    expect(a?.fallbacksFrom).toBe(a?.devices);
    expect(b?.fallbacksTo).toBe(a?.devices);
    expect(a?.returnsTo).toBe(a?.devices);
    expect(b?.fallbacksFrom).toBe(0);
    // Each fallen-back client makes its fifth retry at mp-b, then its hourly polls 2 … 23 after its commit,
    // until its refresh 24 h after the commit sends its 24th poll back to mp-a: 23 tries more at mp-b.
    expect((b?.attempts ?? 0) - (baseB?.attempts ?? 0)).toBe(23 * (a?.devices ?? 0));
    expect(b?.failed).toBe(0);
    // Five failures each at mp-a, and no client left without policy.
    expect(a?.failed).toBe(5 * (a?.devices ?? 0));
    expect(result.devices.connected).toBe(400);
    expect(result.attempts.failedByReason).toEqual({ "server-down": 5 * (a?.devices ?? 0) });
  });

  it("takes a group's refresh cycle from the scenario's mpRefresh unless the group gives its own", () => {
    const base = outage(true);
    const input: Record<string, unknown> = {
      ...(writtenForm(base) as Record<string, unknown>),
      mpRefresh: "12h",
    };
    const scenario = loadScenario(input);
    expect(scenario.devices[0]?.mpRefresh).toBe(43_200);
    const [a, b] = runSimulation(scenario).result.managementPoints;
    const baseB = runSimulation(outage(false)).result.managementPoints[1];
    // Back 12 h after each commit: the fifth retry and polls 2 … 11 at mp-b, 11 tries there instead of 23.
    expect(a?.returnsTo).toBe(256);
    expect((b?.attempts ?? 0) - (baseB?.attempts ?? 0)).toBe(11 * 256);
    const own = loadScenario({
      ...input,
      devices: (input.devices as Record<string, unknown>[]).map((g) => ({ ...g, mpRefresh: "6h" })),
    });
    expect(own.devices[0]?.mpRefresh).toBe(21_600);
  });

  it("keeps a pinned group on its management point: no fallback", () => {
    const pinned = loadScenario({
      ...(writtenForm(outage(true)) as Record<string, unknown>),
      devices: [
        {
          name: "pcs",
          platform: "configmgr-client",
          count: 50,
          managementPoint: "mp-a.corp.contoso.com",
          registration: { from: "0s", to: "55m" },
        },
      ],
    });
    const [a, b] = runSimulation(pinned).result.managementPoints;
    expect([a?.fallbacksFrom, b?.fallbacksTo, a?.returnsTo]).toEqual([0, 0, 0]);
    // Every try during the outage fails at mp-a (the poll and its five retries), and none goes to mp-b.
    expect(a?.failed).toBeGreaterThanOrEqual(50 * 6);
    expect(b?.attempts).toBe(0);
  });

  it("counts no return when a refresh draws the management point the client already uses", () => {
    // One boundary group lists both MPs: mp-a's clients fall back to mp-b, and at their refresh each draws
    // again from both; those that draw mp-b stay where they are, and mp-b counts no return.
    const both = clientSite({
      mps: [
        server("mp-a.corp.contoso.com", "site", { outages: [{ from: "1h", to: "3h" }] }),
        server("mp-b.corp.contoso.com", "site"),
      ],
      count: 400,
      duration: "26h",
      registration: { from: "0s", to: "55m" },
    });
    const [a, b] = runSimulation(both).result.managementPoints;
    expect(a?.fallbacksFrom).toBe(a?.devices);
    expect(b?.returnsTo).toBe(0);
    expect(a?.returnsTo).toBeGreaterThan(0);
    expect(a?.returnsTo).toBeLessThan(a?.fallbacksFrom ?? 0);
    expect(runSimulation(both, {}, reference).result).toEqual(runSimulation(both).result);
  });

  it("shows one client's fallback and return in its trace, the same in both engines", () => {
    const scenario = outage(true);
    const client = runSimulation(scenario, { perDevice: true }).result.perDevice?.find(
      (d) => d.managementPoint === "mp-a.corp.contoso.com",
    );
    const options = { trace: client?.name ?? "" };
    const fast = runSimulation(scenario, options).result;
    const slow = runSimulation(scenario, options, reference).result;
    expect(slow).toEqual(fast);
    const trace = fast.trace ?? [];
    const fallback = trace.findIndex((e) => e.event === "fallback");
    expect(trace.slice(fallback - 5, fallback + 2).map((e) => `${e.event} ${e.outcome}`)).toEqual([
      "poll server-down",
      "retry server-down",
      "retry server-down",
      "retry server-down",
      "retry server-down",
      "fallback ok",
      "retry ok",
    ]);
    const first = trace[fallback - 5]?.time ?? 0;
    expect((trace[fallback]?.time ?? 0) - first).toBe(450);
    expect(trace[fallback]?.target).toBe("mp-b.corp.contoso.com");
    const back = trace.find((e) => e.event === "refresh");
    expect(back?.target).toBe("mp-a.corp.contoso.com");
    const commit = trace.find((e) => e.event === "commit")?.time ?? 0;
    expect(back?.time).toBeCloseTo(commit + 86_400, 6);
  });

  it("moves the load too: mp-b's finite server answers the fallen-back clients", () => {
    const withCapacity = (down: boolean) => outage(down, { workers: 4, serviceTime: 0.2 });
    const base = runSimulation(withCapacity(false)).result;
    const { result } = runSimulation(withCapacity(true));
    const fallen = result.managementPoints[0]?.fallbacksFrom ?? 0;
    const served = (r: typeof result) => r.load?.managementPoints["mp-b.corp.contoso.com"]?.requests ?? 0;
    expect(fallen).toBe(256);
    expect(served(result) - served(base)).toBe(23 * fallen);
    const slow = runSimulation(withCapacity(true), {}, reference).result;
    expect(slow).toEqual(result);
  });
});
