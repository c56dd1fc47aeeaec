// The fast engine against the reference engine (model.md as one event queue) on generated scenarios.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { runEngine, type EngineOptions } from "../../../src/model/engine.js";
import { REASONS } from "../../../src/model/reasons.js";
import { runReference } from "../../../src/model/reference/run.js";
import type { SiteModel } from "../../../src/model/site.js";
import type { RawRun } from "../../../src/model/tally.js";
import type { RunResult } from "../../../src/results/runResult.js";
import { loadScenario } from "../../../src/scenario/load.js";
import type { Scenario } from "../../../src/scenario/schema.js";
import { runSimulation } from "../../../src/simulate.js";
import { scenarioArbitrary } from "../../../src/testing/scenarioArbitrary.js";
import { singleServer } from "../../helpers/scenarios.js";

/** Scenarios in which each branch of the model (as the reference names it) or each reason occurred. */
const reached = new Map<string, number>();
let scenarios = 0;
/** Device groups generated, and those without jitter. */
let groupsSeen = 0;
let jitterFree = 0;
/** Scenarios with replica lag: a DMP reading a replica (every replica syncs at intervals, P > 0). */
let lagged = 0;

/** Whether a device management point of `scenario` reads a replica. */
function hasReplicaLag(scenario: Scenario): boolean {
  return scenario.site.servers.some((s) => {
    const mp = s.roles.managementPoint;
    return mp !== undefined && mp.allowMobileDevicesAndMacs && mp.database !== "site";
  });
}

/** The reference, counting the branches it takes. */
function reference(branches: Map<string, number>) {
  return (site: SiteModel, options: EngineOptions) => runReference(site, { ...options, branches });
}

function reasonsOf(result: RunResult): string[] {
  return [
    result.attempts.failedByReason,
    result.enrollmentFailedByReason,
    result.neverConnectedByReason,
    result.content?.failedByReason ?? {},
  ].flatMap((counts) => Object.keys(counts).map((r) => `reason: ${r}`));
}

const BRANCHES = [
  "enrollment: the site has no EPP",
  "enrollment: EPP drawn among several",
  "enrollment: no EPP reachable",
  "enrollment: refused by the enrollment point",
  "enrollment: retried",
  "enrollment: failed for good",
  "enrollment: commit due after the end",
  "enrollment: tries left at the end",
  "assignment: pinned",
  "assignment: no eligible DMP",
  "assignment: no management point",
  "assignment: boundary group narrowed the pool",
  "assignment: drawn among eligible DMPs",
  "assignment: one eligible DMP",
  "visibility: site database",
  "visibility: carried by a replica tick",
  "replica: tick skipped (paused)",
  "replica: tick skipped (server down)",
  "replica: tick skipped (site database down)",
  "replica: apply delay drawn",
  "poll: next polling phase",
  "poll: jitter",
  "poll: retry",
  "poll: retry dropped at the next poll",
  "poll: retries used up",
  "poll: not retried (not connection-level)",
  "poll: connected after failed tries",
  "poll: never connected",
  "poll: none before the end",
  "content: at the first success",
  "content: at a later poll",
  "content: no location",
  "content: one DP",
  "content: DP drawn among several",
  "content: never served",
];

/**
 * Ties: events of two kinds at one instant, which the order of model.md (kernel/priority.ts) decides. The
 * generator's grid arm puts them there; each must be reached.
 */
const TIE_BRANCHES = [
  "tie: poll at an outage edge",
  "tie: poll at the instant a record becomes visible",
  "tie: poll at its commit instant",
  "tie: poll at a certificate's validity edge",
  "tie: commit on a sync tick",
  "tie: enrollment try at its commit instant",
  "tie: enrollment try at an outage edge",
  "tie: retry due at the next poll",
];

/** Ties only finite servers meet. */
const LOAD_TIE_BRANCHES = ["tie: service end at an arrival instant", "tie: deadline at a service end"];

/** The labels of `labels` that `names` lists, with the scenarios that reached each, as lines. */
function rowsOf(labels: ReadonlyMap<string, number>, names: readonly string[]): string {
  return names.map((l) => `  ${l.padEnd(52)} ${String(labels.get(l) ?? 0).padStart(5)}`).join("\n");
}

/** The branches only finite servers take: queues, refusals, deadlines, outages in service, syncs' cost. */
const LOAD_BRANCHES = [
  "load: waited in a queue",
  "load: refused, the queue full",
  "load: left the queue at its deadline",
  "load: given up in service",
  "load: ended by an outage",
  "load: ended by an outage, given up before",
  "load: database down at the query",
  "load: the query found no record",
  "load: sync charged to the site database",
  "load: poll not made, waiting for an answer",
  "load: arrivals at one instant at a server",
  "load: services ending at one instant at a server",
  "load: registration at a management point with a capacity",
];

/** The branches only ConfigMgr clients and deployments take. */
const CLIENT_BRANCHES = [
  "registration: MP drawn among several",
  "registration: no MP answers",
  "registration: no management point",
  "fallback: drawn among several",
  "fallback: to the one other MP",
  "fallback: no other management point",
  "fallback: back at a refresh",
  "deployment: received",
  "deployment: not yet in the MP's database",
];

/** The raw counters of every finite server, as plain data (every value, every minute). */
function loadOf(raw: RawRun): unknown {
  return raw.load?.map((t) => ({
    ...t,
    waits: [...t.waits.values()],
    responses: [...t.responses.values()],
    minutes: Object.fromEntries(
      Object.entries(t.minutes).map(([k, v]) => [k, Array.from(v as ArrayLike<number>)]),
    ),
  }));
}

/**
 * Both engines on `scenario`, the device `which` picks traced and every device's record kept: their result
 * documents, the finite servers' raw counters, and the labels (branches and reasons) the run reached.
 */
function bothEngines(scenario: Scenario, which: number) {
  const names = scenario.devices.flatMap((g) =>
    Array.from({ length: g.count }, (_, i) => `${g.name}-${i + 1}`),
  );
  const options = { perDevice: true, trace: names[which % names.length] ?? "" };
  const branches = new Map<string, number>();
  let fastRaw: RawRun | undefined;
  let slowRaw: RawRun | undefined;
  const fast = runSimulation(scenario, options, (site, o) => (fastRaw = runEngine(site, o))).result;
  const slow = runSimulation(scenario, options, (site, o) => (slowRaw = reference(branches)(site, o))).result;
  const labels = new Set([...branches.keys(), ...reasonsOf(fast)]);
  return { fast, slow, fastLoad: loadOf(fastRaw as RawRun), slowLoad: loadOf(slowRaw as RawRun), labels };
}

/** Counts each label once per scenario into `into`. */
function tally(into: Map<string, number>, labels: Iterable<string>): void {
  for (const label of labels) into.set(label, (into.get(label) ?? 0) + 1);
}

describe("reference engine", () => {
  afterAll(() => {
    // The distribution of generated cases: in how many scenarios each branch and reason occurred.
    const rows = [...reached].sort((a, b) => a[0].localeCompare(b[0]));
    console.log(
      `reference property: ${scenarios} scenarios\n` +
        rows.map(([label, n]) => `  ${label.padEnd(48)} ${String(n).padStart(5)}`).join("\n"),
    );
  });

  it("gives the fast engine's result document on every generated scenario (1,000 scenarios)", () => {
    fc.assert(
      fc.property(
        fc
          .oneof(
            scenarioArbitrary({
              misconfigurations: false,
              rareCases: true,
              maxDevicesPerGroup: 8,
              grid: true,
            }),
            scenarioArbitrary({
              misconfigurations: true,
              rareCases: true,
              maxDevicesPerGroup: 8,
              grid: true,
            }),
            // Macs alone, misconfigured: their rarer reasons (a DP not enabled for mobile devices).
            scenarioArbitrary({
              misconfigurations: true,
              rareCases: true,
              maxDevicesPerGroup: 8,
              platforms: ["macos"],
            }),
          )
          .map((s) => loadScenario(s)),
        fc.nat(),
        (scenario, which) => {
          const { fast, slow, labels } = bothEngines(scenario, which);
          expect(slow).toEqual(fast);
          scenarios++;
          groupsSeen += scenario.devices.length;
          jitterFree += scenario.devices.filter((g) => g.jitter === 0).length;
          if (hasReplicaLag(scenario)) lagged++;
          tally(reached, labels);
        },
      ),
      { numRuns: 1000 },
    );
    expect(scenarios).toBe(1000);
    console.log(
      `ties over ${scenarios} scenarios (scenarios that reached each):\n${rowsOf(reached, TIE_BRANCHES)}\n` +
        `  jitter-free groups: ${jitterFree} of ${groupsSeen}; replica lag (a DMP reading a replica) in ` +
        `${lagged} scenarios, a record carried to its DMP's replica in ` +
        `${reached.get("visibility: carried by a replica tick") ?? 0}`,
    );
    // Real groups are mostly jitter-free; real sites often read replicas.
    expect(jitterFree / groupsSeen).toBeGreaterThanOrEqual(2 / 3);
    expect(lagged).toBeGreaterThanOrEqual(scenarios / 3);
    expect(TIE_BRANCHES.filter((l) => !reached.has(l))).toEqual([]);
    const loadReasons = new Set(["reason: server-busy", "reason: request-timeout"]);
    const missing = [...BRANCHES, ...REASONS.map((r) => `reason: ${r}`)].filter(
      (l) => !reached.has(l) && !loadReasons.has(l),
    );
    expect(missing).toEqual([]);
  });

  it("gives the fast engine's result on generated scenarios with ConfigMgr clients and deployments (1,000)", () => {
    const clientReached = new Map<string, number>();
    fc.assert(
      fc.property(
        fc
          .oneof(
            scenarioArbitrary({ rareCases: true, maxDevicesPerGroup: 8, clients: true, grid: true }),
            scenarioArbitrary({
              misconfigurations: true,
              rareCases: true,
              maxDevicesPerGroup: 8,
              clients: true,
              grid: true,
            }),
          )
          .map((s) => loadScenario(s)),
        fc.nat(),
        (scenario, which) => {
          const { fast, slow, labels } = bothEngines(scenario, which);
          expect(slow).toEqual(fast);
          tally(clientReached, labels);
        },
      ),
      { numRuns: 1000 },
    );
    console.log(
      "reference property with clients:\n" +
        [...clientReached]
          .filter(([label]) => CLIENT_BRANCHES.includes(label))
          .sort((a, b) => a[0].localeCompare(b[0]))
          .map(([label, n]) => `  ${label.padEnd(48)} ${String(n).padStart(5)}`)
          .join("\n"),
    );
    expect(CLIENT_BRANCHES.filter((l) => !clientReached.has(l))).toEqual([]);
  });

  it("gives the fast engine's result and finite servers' counters on generated loaded scenarios (1,000)", () => {
    const loadReached = new Map<string, number>();
    fc.assert(
      fc.property(
        // Correct sites reach the databases' queues; misconfigured ones fail earlier, in other ways.
        fc
          .oneof(
            scenarioArbitrary({ rareCases: true, maxDevicesPerGroup: 8, capacities: true, grid: true }),
            scenarioArbitrary({
              misconfigurations: true,
              rareCases: true,
              maxDevicesPerGroup: 8,
              capacities: true,
              grid: true,
            }),
            scenarioArbitrary({
              rareCases: true,
              maxDevicesPerGroup: 8,
              capacities: true,
              clients: true,
              grid: true,
            }),
          )
          .map((s) => loadScenario(s)),
        fc.nat(),
        (scenario, which) => {
          const { fast, slow, fastLoad, slowLoad, labels } = bothEngines(scenario, which);
          expect(slow).toEqual(fast);
          expect(slowLoad).toEqual(fastLoad);
          tally(loadReached, labels);
        },
      ),
      { numRuns: 1000 },
    );
    console.log(
      "reference property with capacities:\n" +
        [...loadReached]
          .filter(
            ([label]) =>
              label.startsWith("load") ||
              label.startsWith("fallback") ||
              label.startsWith("deployment") ||
              label.startsWith("reason: server-busy") ||
              label.startsWith("reason: request-timeout"),
          )
          .sort((a, b) => a[0].localeCompare(b[0]))
          .map(([label, n]) => `  ${label.padEnd(48)} ${String(n).padStart(5)}`)
          .join("\n"),
    );
    // Clients under load: their fallback moves their tries to another finite server.
    const clientUnderLoad = [
      "fallback: to the one other MP",
      "fallback: back at a refresh",
      "deployment: received",
    ];
    console.log(`ties under load:\n${rowsOf(loadReached, [...TIE_BRANCHES, ...LOAD_TIE_BRANCHES])}`);
    const missing = [
      ...LOAD_BRANCHES,
      ...LOAD_TIE_BRANCHES,
      ...clientUnderLoad,
      "reason: server-busy",
      "reason: request-timeout",
    ].filter((l) => !loadReached.has(l));
    expect(missing).toEqual([]);
  });

  it("traces the events of a run only: a record visible after the end is not in the trace", () => {
    // Commit at 3400 s, tick at 3500 s, visible at 3620 s: after the one-hour run.
    const scenario = singleServer({
      duration: "1h",
      replica: { syncInterval: "10m", syncOffset: "500s", applyDelay: "2m" },
      group: { enrollment: { pattern: "burst", at: "3400s" } },
    });
    const options = { perDevice: true, trace: "w-1" };
    const fast = runSimulation(scenario, options).result;
    const slow = runSimulation(scenario, options, reference(new Map())).result;
    expect(slow).toEqual(fast);
    expect(fast.trace?.map((e) => e.event)).toContain("sync");
    expect(fast.trace?.filter((e) => e.event === "visible" || e.time >= 3600)).toEqual([]);
    expect(fast.perDevice?.[0]?.visibleAt).toBe(3620);
  });

  it("carries a record committed at a sync's instant by that sync, also when the commit follows a service end", () => {
    // Found by the grid arm: the enrollment's answer ends a service at 60 s, the commit (delay 0) is at 60 s,
    // after the tick at 60 s has run; a tick at s carries every record committed at or before s (model.md).
    const scenario = singleServer({
      duration: "1h",
      replica: { syncInterval: "2m", syncOffset: "60s", applyDelay: "60s" },
      server: {
        roles: {
          enrollmentPoint: { https: true },
          enrollmentProxyPoint: { https: true, capacity: { workers: 1, serviceTime: 60 } },
          managementPoint: { https: true, allowMobileDevicesAndMacs: true, database: "r1" },
        },
      },
      group: { enrollment: { pattern: "burst", at: "0s", delay: 0 } },
    });
    const options = { perDevice: true, trace: "w-1" };
    const fast = runSimulation(scenario, options).result;
    const slow = runSimulation(scenario, options, reference(new Map())).result;
    expect(fast.perDevice?.[0]?.committedAt).toBe(60);
    expect(fast.perDevice?.[0]?.visibleAt).toBe(120);
    expect(slow).toEqual(fast);
  });

  it('reads the site database for database "site", even beside a replica named "site"', () => {
    // A replica may be named "site"; `database: "site"` still means the site database, in both engines.
    const scenario = singleServer({
      duration: "1h",
      replica: { name: "site", syncInterval: "10m", syncOffset: "500s" },
      mp: { database: "site" },
    });
    const options = { perDevice: true, trace: "w-1" };
    const fast = runSimulation(scenario, options).result;
    const slow = runSimulation(scenario, options, reference(new Map())).result;
    expect(slow).toEqual(fast);
    // Read from the site database, the device connects at its first poll, with no replica wait.
    expect(fast.perDevice?.[0]?.visibleAt).toBe(fast.perDevice?.[0]?.committedAt);
  });
});
