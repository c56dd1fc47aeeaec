// Compiles a scenario into what the engine reads: per-contact reason timelines, replica schedules, the
// management point candidates of each group. Everything here is computed once per run, never per device.
import { Environment } from "../kernel/environment.js";
import { parseIpv4Range, type Ipv4Range } from "../scenario/ipv4.js";
import { isConfigMgrClient } from "../scenario/deviceSchema.js";
import type { DeviceGroup, Scenario, Server } from "../scenario/schema.js";
import { compileDeployments, type DeploymentModel } from "./deployments.js";
import { REASON_ID } from "./reasons.js";
import { scheduleReplica, type ReplicaTimeline } from "./replica.js";
import {
  isMobileDp,
  changePoints,
  contactReason,
  enrollmentPointChangePoints,
  enrollmentPointReason,
  isEligibleManagementPoint,
  isInternetDevice,
  type Contact,
  type RoleName,
  type SiteDatabases,
} from "./rules.js";
import { constantTimeline, sampleTimeline, type ReasonTimeline } from "./timeline.js";

/** Servers listed, with IPv4 range boundaries, in boundary groups: the site's boundary map. */
export interface BoundaryEntry {
  readonly ranges: readonly Ipv4Range[];
  readonly servers: ReadonlySet<string>;
}

/** What the engine needs about one device group. */
export interface GroupModel {
  readonly group: DeviceGroup;
  /** The group's position in the scenario. */
  readonly position: number;
  /** The group's address range, when it has one. */
  readonly addresses: Ipv4Range | undefined;
  /** Per enrollment proxy point (site order): reasons over time for this group. */
  readonly eppTimelines: readonly ReasonTimeline[];
  /** Per management point (site order): reasons over time for this group (rows 1–13). */
  readonly mpTimelines: readonly ReasonTimeline[];
  /** Positions (in `SiteModel.managementPoints`) of the MPs eligible for this group, site order. */
  readonly eligible: readonly number[];
  /** The pinned MP position, when the group pins one. */
  readonly pinned: number | undefined;
  /** Boundary-group preference: for each entry, its ranges and the eligible MP positions it lists. */
  readonly preferences: readonly { ranges: readonly Ipv4Range[]; positions: readonly number[] }[];
  /** Per distribution point (site order): reasons over time for this group. */
  readonly dpTimelines: readonly ReasonTimeline[];
  /** Content candidates for internet devices (DP positions), or null for intranet devices (by address). */
  readonly internetDps: readonly number[] | null;
  /** For intranet devices: boundary entries with the mobile-enabled DP positions they list. */
  readonly dpPreferences: readonly { ranges: readonly Ipv4Range[]; positions: readonly number[] }[];
  /**
   * ConfigMgr clients with a `site.defaultBoundaryGroup` listing an eligible MP: those MPs, the pool of a
   * client outside every boundary group; null otherwise (every eligible MP; a pinned group: its pin).
   */
  readonly defaultPool: readonly number[] | null;
  /** Content candidates of an intranet device outside every boundary group: the default group's DPs (clients). */
  readonly defaultDps: readonly number[];
}

/** A scenario compiled for the engine. */
export interface SiteModel {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly duration: number;
  readonly startMs: number;
  readonly managementPoints: readonly Server[];
  readonly enrollmentProxyPoints: readonly Server[];
  readonly distributionPoints: readonly Server[];
  /** Per MP: index into `replicas`, or -1 for the site database. */
  readonly mpReplica: Int32Array;
  readonly replicas: readonly ReplicaTimeline[];
  /** Site-level enrollment point check over time. */
  readonly enrollmentPoint: ReasonTimeline;
  readonly groups: readonly GroupModel[];
  /** The scenario's deployments: who they target, and from when each management point's database holds them. */
  readonly deployments: readonly DeploymentModel[];
  /** Events the kernel processed for the site timeline (replica ticks, taken or skipped). */
  readonly siteEvents: number;
}

/** The boundary groups' IPv4 ranges and servers; other boundary types are ignored for on-prem MDM. */
export function boundaryEntries(scenario: Scenario): BoundaryEntry[] {
  const ranges = new Map<string, Ipv4Range>();
  for (const b of scenario.site.boundaries) {
    if (b.type !== "ipv4Range") continue;
    const range = parseIpv4Range(b.value);
    if (range !== undefined) ranges.set(b.name, range);
  }
  return scenario.site.boundaryGroups.map((g) => ({
    ranges: g.boundaries.flatMap((name) => {
      const range = ranges.get(name);
      return range === undefined ? [] : [range];
    }),
    servers: new Set(g.servers),
  }));
}

function timelineFor(contact: Contact, duration: number): ReasonTimeline {
  return sampleTimeline(changePoints(contact, duration), (t) => contactReason(contact, t));
}

function compileGroup(
  site: SiteDatabases,
  entries: readonly BoundaryEntry[],
  group: DeviceGroup,
  position: number,
  defaultGroup: number,
  servers: { mps: readonly Server[]; epps: readonly Server[]; dps: readonly Server[] },
  startMs: number,
  duration: number,
): GroupModel {
  const contact = (server: Server, role: RoleName): Contact => ({ group, server, role, startMs, site });
  const mpContacts = servers.mps.map((s) => contact(s, "managementPoint"));
  const eligible = mpContacts.flatMap((c, i) => (isEligibleManagementPoint(c) ? [i] : []));
  const pinnedIndex = servers.mps.findIndex((s) => s.name === group.managementPoint);
  const intranetTowardMp = !isInternetDevice(group, "managementPoint");
  const intranetTowardDp = !isInternetDevice(group, "distributionPoint");
  const listed = (entry: BoundaryEntry, pool: readonly Server[], positions: readonly number[]) =>
    positions.filter((p) => entry.servers.has(pool[p]?.name ?? ""));
  const client = isConfigMgrClient(group);
  // A ConfigMgr client fetches content from any DP; an MDM device only from those that allow mobile devices.
  const contentDps = servers.dps.flatMap((s, i) => (client || isMobileDp(s) ? [i] : []));
  // An internet client uses every MP that accepts internet connections: boundary groups are for intranet clients.
  const defaultEntry = client && intranetTowardMp ? entries[defaultGroup] : undefined;
  const pinned = group.managementPoint !== undefined && pinnedIndex >= 0 ? pinnedIndex : undefined;
  // A pinned group keeps its management point (the architect's choice): no default pool to fall back to.
  const defaultPool = defaultEntry && pinned === undefined ? listed(defaultEntry, servers.mps, eligible) : [];
  return {
    group,
    position,
    addresses: group.addresses !== undefined ? parseIpv4Range(group.addresses) : undefined,
    eppTimelines: servers.epps.map((s) => timelineFor(contact(s, "enrollmentProxyPoint"), duration)),
    mpTimelines: mpContacts.map((c) => timelineFor(c, duration)),
    eligible,
    pinned,
    preferences: intranetTowardMp
      ? entries
          .map((e) => ({ ranges: e.ranges, positions: listed(e, servers.mps, eligible) }))
          .filter((p) => p.ranges.length > 0 && p.positions.length > 0)
      : [],
    dpTimelines: servers.dps.map((s) => timelineFor(contact(s, "distributionPoint"), duration)),
    internetDps: intranetTowardDp
      ? null
      : servers.dps.flatMap((s, i) => (s.roles.distributionPoint?.connections !== "intranet" ? [i] : [])),
    dpPreferences: intranetTowardDp
      ? entries
          .map((e) => ({ ranges: e.ranges, positions: listed(e, servers.dps, contentDps) }))
          .filter((p) => p.ranges.length > 0 && p.positions.length > 0)
      : [],
    defaultPool: defaultPool.length > 0 ? defaultPool : null,
    defaultDps: defaultEntry && intranetTowardDp ? listed(defaultEntry, servers.dps, contentDps) : [],
  };
}

/**
 * Compiles a validated scenario for a run with `seed`: runs the site's replica processes on the kernel and
 * samples every rule into per-contact timelines.
 */
export function compileSite(scenario: Scenario, seed: number): SiteModel {
  const duration = scenario.duration;
  const startMs = Date.parse(scenario.start);
  const all = scenario.site.servers;
  const mps = all.filter((s) => s.roles.managementPoint !== undefined);
  const epps = all.filter((s) => s.roles.enrollmentProxyPoint !== undefined);
  const dps = all.filter((s) => s.roles.distributionPoint !== undefined);
  const entries = boundaryEntries(scenario);
  const defaultGroup = scenario.site.boundaryGroups.findIndex(
    (g) => g.name === scenario.site.defaultBoundaryGroup,
  );
  const env = new Environment();
  const pending = scenario.site.replicas.map((r) =>
    scheduleReplica(env, r, seed, duration, scenario.site.database.outages),
  );
  env.run(duration);
  const replicas = pending.map((finish) => finish());
  const replicaIndex = new Map(replicas.map((r, i) => [r.name, i]));
  const mpReplica = Int32Array.from(mps, (s) => {
    const db = s.roles.managementPoint?.database ?? "site";
    return db === "site" ? -1 : (replicaIndex.get(db) ?? -1);
  });
  const enrollmentPoint = sampleTimeline(enrollmentPointChangePoints(scenario, duration), (t) =>
    enrollmentPointReason(scenario, t),
  );
  return {
    scenario,
    seed,
    duration,
    startMs,
    managementPoints: mps,
    enrollmentProxyPoints: epps,
    distributionPoints: dps,
    mpReplica,
    replicas,
    enrollmentPoint,
    groups: scenario.devices.map((g, position) =>
      compileGroup(scenario.site, entries, g, position, defaultGroup, { mps, epps, dps }, startMs, duration),
    ),
    deployments: compileDeployments(scenario, mpReplica, replicas),
    siteEvents: env.events,
  };
}

/** The timeline that fails every try at a management point that is not there (none at all, or none in a pool). */
export const NO_MP: ReasonTimeline = constantTimeline(REASON_ID["no-management-point"]);

/** The timeline that fails every try at an enrollment proxy point when the site has none. */
export const NO_EPP: ReasonTimeline = constantTimeline(REASON_ID["no-enrollment-proxy-point"]);
