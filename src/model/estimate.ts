// The one place that plans the work: estimates made before anything runs, so a scenario too large for the
// machine is refused with numbers and the field to shrink instead of hanging or running out of memory.
// Memory is a hard bound (it protects the machine); the event count is an estimate of time, which a caller
// may raise (`maxEvents`, `--max-events`).
import { ScenarioError } from "../errors.js";
import type { Scenario } from "../scenario/schema.js";
import { boundaryLookupWork, boundaryTableWork } from "./boundaryEstimate.js";
import { capacityParts } from "./capacityEstimate.js";
import { pollCount } from "./pollSchedule.js";

/** What a run may cost at most. */
export const RUN_LIMITS = {
  /** Devices over all groups. */
  maxDevices: 10_000_000,
  /**
   * Estimated events (tries, commits, ticks, rule evaluations, finite servers' service ends and deadlines):
   * about a minute of one core at the slowest rate measured (BENCHMARKS.md, 2026-12-08: the 1M-device day
   * with capacities, 5.8e8 estimated events in 17 s, 29 ns each; walked devices take 5–10 ns, so the
   * 10M-device day's 1.2e9 run in 11 s and 0.65 GB). What would fit is let through; raise with `maxEvents`.
   */
  maxEvents: 2_000_000_000,
  /** Replica ticks per replica over the run (each is kept in memory). */
  maxTicks: 10_000_000,
  /** Seconds of run: 366 days (tries are counted per minute and management point). */
  maxDuration: 366 * 86_400,
  /** Estimated memory of one run (or of a sweep's kept outcomes), bytes: a hard bound. */
  maxMemoryBytes: 2 * 1024 ** 3,
  /**
   * Cells of the reachability matrix (device groups × server roles): `reach`'s table of 250,000 cells takes
   * about 3 s and 270 MB on one core (4M took 93 s and 2.8 GB).
   */
  maxReachCells: 250_000,
  /**
   * `check`'s exact estimates (a group at a management point, once per poll schedule compared): each is a
   * walk of the group's enrollments against the site, and an entry of a finding's `estimates`: 99,750 take
   * 6–9 s and 140 MB (981,500, 500 groups × 490 DMPs on a replica, took 30 s and 1.09 GB).
   */
  maxCheckEstimates: 100_000,
  /**
   * Steps of `check`'s exact estimates: each sets up a walk over every management point, probes about 10
   * steps per try a device may make, and walks the devices of a group enrolling evenly or in a burst;
   * `poll-schedule-cliff` compiles the replica ticks again per schedule. About 0.14 µs a step on one core:
   * 42M steps (250 groups × 399 estimates, 100 MPs) take 6 s and 140 MB; 194M (200 groups × 500 DMPs on a
   * replica, polling every 5 minutes) took 28 s.
   */
  maxCheckSteps: 60_000_000,
} as const;

/** Limits a caller may change: only the time estimate. */
export interface WorkLimits {
  /** Most estimated events (default `RUN_LIMITS.maxEvents`). */
  readonly maxEvents?: number;
}

// Bytes per item, measured on Node 20 with a margin (heap snapshots of runs at 10^5–10^7 devices).
const BYTES = {
  /** Per device: time to first success, failure count, enrollment time, sort buffers of the result. */
  device: 48,
  /** Per device and replica: the visibility delay of its commit. */
  deviceReplica: 8,
  /** Per replica tick: the kernel's list while running, then the typed array. */
  tick: 24,
  /** Per management point and minute: tries and failed tries. */
  mpMinute: 8,
  /** Per (group, server role) timeline: objects, two typed arrays, the contact. */
  timeline: 600,
  /** Per timeline point. */
  timelinePoint: 10,
  /** Per reach cell: the object and its JSON. */
  reachCell: 250,
} as const;

/**
 * What one run costs besides its events, in events: compiling the site, the engine's set-up and the outcome
 * (a 1-device run in a sweep takes about 100 µs of one core, where 2e9 events are about a minute). A sweep
 * of a million tiny runs is not "about a minute".
 */
export const RUN_FIXED_EVENTS = 2000;

/** A rule evaluation in a timeline costs about as much as this many engine events. */
const EVENTS_PER_RULE_CHECK = 4;

/** Events a run will process at most: enrollment tries, commits, every poll with all its retries, ticks. */
export function estimateEvents(scenario: Scenario): number {
  let events = 0;
  for (const g of scenario.devices) {
    const polls = pollCount(g, scenario.duration);
    const triesPerPoll = 1 + g.connectionRetries.count;
    events += g.count * (g.enrollment.maxAttempts + 1 + polls * triesPerPoll * (g.content ? 2 : 1));
    if (events > Number.MAX_SAFE_INTEGER) return Infinity;
  }
  for (const r of scenario.site.replicas) events += scenario.duration / r.syncInterval;
  return events;
}

/** One part of an estimate: its size and the scenario field that shrinks it. */
interface Part {
  readonly value: number;
  readonly what: string;
  readonly path: (string | number)[];
}

/** The estimated cost of compiling a scenario's site (what `check` does) or running it. */
export interface WorkEstimate {
  /** Devices over all groups. */
  readonly devices: number;
  /** Replica ticks over all replicas. */
  readonly ticks: number;
  /** (device group, server role) reason timelines. */
  readonly timelines: number;
  /** Estimated events, rule evaluations and boundary scans included. */
  readonly events: number;
  /** Estimated peak memory, bytes. */
  readonly memoryBytes: number;
  /** The largest memory part and the largest time part, for messages. */
  readonly largestMemory: Part;
  readonly largestWork: Part;
}

const largest = (parts: readonly Part[]): Part =>
  parts.reduce((a, b) => (b.value > a.value ? b : a), { value: 0, what: "", path: [] });

function siteParts(scenario: Scenario): { memory: Part[]; work: Part[]; ticks: number; timelines: number } {
  const { servers, replicas } = scenario.site;
  const groups = scenario.devices.length;
  const roles = (r: "managementPoint" | "enrollmentProxyPoint" | "distributionPoint") =>
    servers.filter((s) => s.roles[r] !== undefined).length;
  // Rules are sampled at 0, at each outage edge and at the certificate's two validity bounds.
  const points = servers.reduce((n, s) => n + 3 + 2 * s.outages.length, 0);
  const serverRoles = roles("managementPoint") + roles("enrollmentProxyPoint") + roles("distributionPoint");
  const timelines = groups * serverRoles;
  const avgPoints = servers.length > 0 ? points / servers.length : 0;
  const ticks = replicas.reduce((n, r) => n + scenario.duration / r.syncInterval, 0);
  const gs = `${groups} device groups × ${serverRoles} server roles`;
  return {
    memory: [
      {
        value: timelines * (BYTES.timeline + avgPoints * BYTES.timelinePoint),
        what: `the reason timelines of ${gs} (fewer groups or servers)`,
        path: ["devices"],
      },
      {
        value: ticks * BYTES.tick,
        what: `${Math.ceil(ticks)} replica sync ticks (longer sync intervals, fewer replicas or a shorter duration)`,
        path: ["site", "replicas"],
      },
    ],
    work: [
      {
        value: timelines * avgPoints * 13 * EVENTS_PER_RULE_CHECK,
        what: `rule evaluations for ${gs}`,
        path: ["devices"],
      },
      { value: ticks, what: `${Math.ceil(ticks)} replica sync ticks`, path: ["site", "replicas"] },
      // `check` weighs each group's pools by stretch too: the tables are the site's.
      boundaryTableWork(scenario),
    ],
    ticks,
    timelines,
  };
}

function estimateFrom(scenario: Scenario, withRun: boolean): WorkEstimate {
  const site = siteParts(scenario);
  const memory = [...site.memory];
  const work = [...site.work];
  const devices = scenario.devices.reduce((n, g) => n + g.count, 0);
  if (withRun) {
    const replicas = scenario.site.replicas.length;
    const mps = scenario.site.servers.filter((s) => s.roles.managementPoint !== undefined).length;
    const minutes = Math.max(1, Math.ceil(scenario.duration / 60));
    memory.push(
      {
        value: devices * (BYTES.device + replicas * BYTES.deviceReplica),
        what: `${devices} devices × ${replicas} replicas (fewer devices or replicas)`,
        path: ["devices"],
      },
      {
        value: mps * minutes * BYTES.mpMinute,
        what: `per-minute counters of ${mps} management points over ${minutes} minutes (a shorter duration or fewer management points)`,
        path: ["duration"],
      },
    );
    work.push(
      {
        value: estimateEvents(scenario),
        what: "tries, commits and ticks (lengthen the polling intervals, shorten the duration or reduce the devices)",
        path: ["duration"],
      },
      boundaryLookupWork(scenario),
    );
    // Roles and databases with a capacity: a service end and a deadline per request, its wait and response.
    const load = capacityParts(scenario);
    memory.push(...load.memory);
    work.push(...load.work);
  }
  const sum = (parts: readonly Part[]) => parts.reduce((n, p) => n + p.value, 0);
  return {
    devices,
    ticks: site.ticks,
    timelines: site.timelines,
    events: sum(work),
    memoryBytes: sum(memory),
    largestMemory: largest(memory),
    largestWork: largest(work),
  };
}

/** The estimated cost of compiling the scenario's site: what `check` needs. */
export function estimateSite(scenario: Scenario): WorkEstimate {
  return estimateFrom(scenario, false);
}

/** The estimated cost of a whole run: the site, every device's life and the result. */
export function estimateRun(scenario: Scenario): WorkEstimate {
  return estimateFrom(scenario, true);
}

const shownBytes = (bytes: number): string =>
  bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${Math.ceil(bytes / 1024 ** 2)} MiB`;
const shownCount = (n: number, size: EventsWording["size"]): string =>
  Number.isFinite(n) ? `${size} ${n.toExponential(1)}` : "more than 9e15";

/** How an events refusal reads: whose events (a run's, a sweep's) and whether they are `about` or `at least`. */
export interface EventsWording {
  readonly subject: string;
  readonly size: "about" | "at least";
}

/**
 * Refuses an estimated memory above the hard bound.
 * @param subject - what needs it, when the message names it ("the sweep")
 * @throws ScenarioError naming the largest part and the field that shrinks it
 */
export function checkMemory(bytes: number, largestPart: Part, subject?: string): void {
  if (bytes <= RUN_LIMITS.maxMemoryBytes) return;
  throw new ScenarioError(
    `${subject !== undefined ? `${subject} ` : ""}needs about ${Number.isFinite(bytes) ? shownBytes(bytes) : "unbounded"} of memory (the limit is ${shownBytes(RUN_LIMITS.maxMemoryBytes)}), most of it for ${largestPart.what}`,
    largestPart.path,
  );
}

/**
 * Refuses an estimated event count above the time limit (which `limits.maxEvents` raises).
 * @param wording - whose events and how sure the count is (default: a run's, `about`)
 * @throws ScenarioError naming the largest part
 */
export function checkEvents(
  events: number,
  largestPart: Part,
  limits: WorkLimits = {},
  wording: EventsWording = { subject: "the run", size: "about" },
): void {
  const max = maxEventsOf(limits);
  if (events <= max) return;
  throw new ScenarioError(
    `${wording.subject} would process ${shownCount(events, wording.size)} events (the limit is ${max.toExponential(0)}; --max-events raises it), most of them ${largestPart.what}`,
    largestPart.path,
  );
}

/** What a time limit in events may be (the CLI's `--max-events`, the library's `maxEvents`): a number >= 1. */
export const isMaxEvents = (value: unknown): value is number => typeof value === "number" && value >= 1;

/**
 * The time limit in events: `limits.maxEvents`, else the default.
 * @throws ScenarioError when it is not a number >= 1 (the public entry points refuse it first, as the
 *   caller's option; this guards the internal callers)
 */
export function maxEventsOf(limits: WorkLimits): number {
  const max = limits.maxEvents ?? RUN_LIMITS.maxEvents;
  if (!isMaxEvents(max)) throw new ScenarioError(`maxEvents: expected a number >= 1, got ${String(max)}`);
  return max;
}

function checkFixedLimits(scenario: Scenario): void {
  if (scenario.duration > RUN_LIMITS.maxDuration) {
    throw new ScenarioError(
      `a ${scenario.duration} s run is longer than the limit of ${RUN_LIMITS.maxDuration} s (366 days)`,
      ["duration"],
    );
  }
  scenario.site.replicas.forEach((r, i) => {
    const ticks = scenario.duration / r.syncInterval;
    if (ticks > RUN_LIMITS.maxTicks) {
      throw new ScenarioError(
        `a ${r.syncInterval} s sync interval over a ${scenario.duration} s run is ${Math.ceil(ticks)} ticks; the limit is ${RUN_LIMITS.maxTicks}`,
        ["site", "replicas", i, "syncInterval"],
      );
    }
  });
}

/**
 * Refuses a scenario whose site is too large to compile: what `check` and every run do first.
 * @throws ScenarioError naming the place and the estimate
 */
export function checkSiteLimits(scenario: Scenario, limits: WorkLimits = {}): WorkEstimate {
  checkFixedLimits(scenario);
  const estimate = estimateSite(scenario);
  checkMemory(estimate.memoryBytes, estimate.largestMemory);
  checkEvents(estimate.events, estimate.largestWork, limits);
  return estimate;
}

/**
 * Refuses a scenario whose run would be too large for memory (always) or too long (above `maxEvents`).
 * @throws ScenarioError naming the place and the estimate
 */
export function checkRunLimits(scenario: Scenario, limits: WorkLimits = {}): WorkEstimate {
  const devices = scenario.devices.reduce((n, g) => n + g.count, 0);
  if (devices > RUN_LIMITS.maxDevices) {
    throw new ScenarioError(`${devices} devices in all; the limit is ${RUN_LIMITS.maxDevices}`, ["devices"]);
  }
  checkFixedLimits(scenario);
  const estimate = estimateRun(scenario);
  checkMemory(estimate.memoryBytes, estimate.largestMemory);
  checkEvents(estimate.events, estimate.largestWork, limits);
  return estimate;
}

/**
 * Refuses a reachability matrix too large to build or print.
 * @throws ScenarioError naming the groups
 */
export function checkReachLimits(scenario: Scenario): void {
  const columns = scenario.site.servers.reduce((n, s) => n + Object.keys(s.roles).length, 0);
  const cells = scenario.devices.length * columns;
  if (cells > RUN_LIMITS.maxReachCells)
    throw new ScenarioError(
      `the reachability matrix would have ${cells} cells (${scenario.devices.length} device groups × ${columns} server roles); the limit is ${RUN_LIMITS.maxReachCells}: fewer groups or servers`,
      ["devices"],
    );
}
