// What a run report draws, built once from the run's counters: per group the times to first success and the
// closed form's inputs, per management point the tries and failures per minute with what explains them
// (its replica's ticks, outages, certificate validity), per finite server its load (loadSeries.ts). The
// report reads this, never the engine's internals.
import { assignmentShares } from "../model/assignment.js";
import type { PollSettings } from "../model/pollSchedule.js";
import { OK, REASONS } from "../model/reasons.js";
import { databaseOutages, managementPointDatabase, validityWindow } from "../model/rules.js";
import type { SiteModel } from "../model/site.js";
import type { ReplicaTimeline } from "../model/replica.js";
import type { RawRun } from "../model/tally.js";
import { timelineAt } from "../model/timeline.js";
import { loadSeries, type StationSeries } from "./loadSeries.js";
import { sortedCopy } from "./statistics.js";

/** Where a share of a group's devices reads its records: a replica (P, D), or the site database. */
export interface DatabaseShare {
  /** Fraction of the group's devices, 0 to 1. */
  readonly weight: number;
  /** The replica's sync interval P and apply delay D (seconds), or null for the site database. */
  readonly replica: { readonly syncInterval: number; readonly applyDelay: number } | null;
}

/** The closed form's inputs for one group, or why it does not apply. */
export type ClosedFormInputs =
  | { readonly applies: true; readonly shares: readonly DatabaseShare[] }
  | { readonly applies: false; readonly why: string };

/** A window of seconds. */
export interface Interval {
  readonly from: number;
  readonly to: number;
}

/** A replica's sync process as it ran, and the outages that skipped its ticks. */
export interface ReplicaSeries extends ReplicaTimeline {
  readonly outages: readonly Interval[];
}

/** One device group. */
export interface GroupSeries {
  readonly name: string;
  readonly polling: PollSettings;
  /** Time to first success of each connected device, device order. */
  readonly ttfs: Float64Array;
  readonly closedForm: ClosedFormInputs;
}

/** One management point. */
export interface ManagementPointSeries {
  readonly server: string;
  /** `"site"` or the replica's name. */
  readonly database: string;
  readonly perMinute: Uint32Array;
  readonly failedPerMinute: Uint32Array;
  /** The replica it reads, or null for the site database. */
  readonly replica: ReplicaSeries | null;
  readonly outages: readonly Interval[];
  /** The outages of the database it reads (the site database's, or its replica's SQL Server's). */
  readonly databaseOutages: readonly Interval[];
  /** Its certificate's validity in run seconds (±Infinity when unbounded), or null without a certificate. */
  readonly certificate: { readonly from: number; readonly until: number } | null;
  /** ConfigMgr clients that fell back to it, per minute (all zero without clients). */
  readonly fallbacksToPerMinute: Uint32Array;
}

/** One deployment: when it was made and when each device that received it did. */
export interface DeploymentSeries {
  readonly name: string;
  /** Seconds from the start. */
  readonly at: number;
  readonly targeted: number;
  /** Seconds from the start at which each receiving device received it, ascending. */
  readonly receivedAt: Float64Array;
  /** The replicas that hold it for some targeted device's management point (their syncs explain the steps). */
  readonly replicas: readonly string[];
}

/** The series of one run. */
export interface RunSeries {
  readonly durationSeconds: number;
  readonly groups: readonly GroupSeries[];
  readonly managementPoints: readonly ManagementPointSeries[];
  readonly replicas: readonly ReplicaSeries[];
  /** Per finite server (a role or database with a `capacity`), in station order; empty without any. */
  readonly load: readonly StationSeries[];
  /** Per deployment, in scenario order; empty without any. */
  readonly deployments: readonly DeploymentSeries[];
}

/**
 * The databases a group's devices read, weighted by the assignment rule, for the closed form. It applies
 * only when every DMP the group may use accepts its devices at t = 0 (the closed form models the replica's
 * delay, not a refusal).
 */
export function closedFormInputs(site: SiteModel, groupIndex: number): ClosedFormInputs {
  const model = site.groups[groupIndex];
  const shares = model ? assignmentShares(model, site.managementPoints.length) : new Map<number, number>();
  if (model === undefined || shares.size === 0)
    return { applies: false, why: "the site has no management point" };
  const out: DatabaseShare[] = [];
  for (const [position, weight] of [...shares].sort((a, b) => a[0] - b[0])) {
    const timeline = model.mpTimelines[position];
    const reason = timeline === undefined ? OK : timelineAt(timeline, 0);
    if (reason !== OK) {
      const server = site.managementPoints[position]?.name ?? "its management point";
      return { applies: false, why: `${server} refuses its devices (${REASONS[reason] ?? "a rule"})` };
    }
    const replica = site.replicas[site.mpReplica[position] ?? -1];
    out.push({
      weight,
      replica: replica ? { syncInterval: replica.interval, applyDelay: replica.applyDelay } : null,
    });
  }
  return { applies: true, shares: out };
}

/** The series of a run, from its counters. */
export function runSeries(raw: RawRun): RunSeries {
  const { site } = raw;
  const replicas = site.replicas.map((r): ReplicaSeries => {
    const config = site.scenario.site.replicas.find((c) => c.name === r.name);
    return { ...r, outages: config?.outages ?? [] };
  });
  return {
    durationSeconds: site.duration,
    groups: site.groups.map((model, g) => {
      const tally = raw.groups[g];
      return {
        name: model.group.name,
        polling: model.group,
        ttfs: tally ? tally.ttfs.subarray(0, tally.connected) : new Float64Array(0),
        closedForm: closedFormInputs(site, g),
      };
    }),
    managementPoints: site.managementPoints.map((server, position) => {
      const tally = raw.managementPoints[position];
      const certificate = server.certificate;
      const window = certificate ? validityWindow(certificate, site.startMs) : null;
      return {
        server: server.name,
        database: server.roles.managementPoint?.database ?? "site",
        perMinute: tally?.perMinute ?? new Uint32Array(0),
        failedPerMinute: tally?.failedPerMinute ?? new Uint32Array(0),
        replica: replicas[site.mpReplica[position] ?? -1] ?? null,
        outages: server.outages,
        databaseOutages: databaseOutages(site.scenario.site, managementPointDatabase(server)),
        certificate: window ? { from: window.from, until: window.until } : null,
        fallbacksToPerMinute: tally?.fallbacksToPerMinute ?? new Uint32Array(0),
      };
    }),
    replicas,
    load: loadSeries(site, raw.load),
    deployments: site.deployments.map((d, i) => {
      const times = raw.deployments[i] ?? new Float64Array(0);
      const received = sortedCopy(times.filter((t) => !Number.isNaN(t)));
      // The replicas read by a management point some targeted group may use.
      const used = new Set<number>();
      site.groups.forEach((model, g) => {
        if (d.targets[g] !== true) return;
        for (const position of assignmentShares(model, site.managementPoints.length).keys())
          used.add(site.mpReplica[position] ?? -1);
      });
      return {
        name: d.name,
        at: d.at,
        targeted: d.targeted,
        receivedAt: received,
        replicas: site.replicas.filter((_, r) => used.has(r)).map((r) => r.name),
      };
    }),
  };
}
