// The poll schedule's cliff: when a replica's sync interval plus apply delay, or an outage on a group's path,
// outlasts the group's first polling phase, devices whose tries still fail when that phase ends wait for the
// next phase, and how long that is rests on a schedule Configuration Manager does not publish.
import { assignmentShares } from "../model/assignment.js";
import { meanOf } from "../model/distribution.js";
import { groupEstimate } from "../model/exactEstimate.js";
import { databaseOutages, managementPointDatabase } from "../model/rules.js";
import { compileSite, type SiteModel } from "../model/site.js";
import { formatDuration } from "../scenario/duration.js";
import {
  POLL_PROFILES,
  phasesText,
  pollProfileName,
  type PollPhase,
  type PollProfileName,
} from "../scenario/pollProfiles.js";
import type { DeviceGroup, Scenario } from "../scenario/schema.js";
import { defineCheck, SOURCES, type Check } from "./catalogue.js";

/** The two profiles the finding weighs against each other. */
const COMPARED: readonly PollProfileName[] = ["configmgr-assumed", "intune-estimate"];

interface Cliff {
  readonly group: DeviceGroup;
  /** What outlasts the first phase, in words. */
  readonly cause: string;
  /** Whether it is the replica's lag (else an outage). */
  readonly lag: boolean;
  /** Mean time to first success (s) under the group's own schedule and each compared profile. */
  readonly figures: readonly { readonly schedule: string; readonly seconds: number | null }[];
}

/** A stretch that can hold a new device's tries back: its length, what it is, whether it is the replica's lag. */
interface Hold {
  readonly seconds: number;
  readonly words: string;
  readonly lag?: boolean;
}

/** The longest stretch on a management point's path that can hold a new device's tries back, in words. */
function longestHold(site: SiteModel, position: number): Hold | null {
  const server = site.managementPoints[position];
  if (server === undefined) return null;
  const database = managementPointDatabase(server);
  const replica = site.scenario.site.replicas.find((r) => r.name === database);
  const holds: Hold[] = [];
  if (replica !== undefined) {
    const d = meanOf(replica.applyDelay);
    holds.push({
      seconds: replica.syncInterval + d,
      lag: true,
      words: `replica "${replica.name}" syncs every ${formatDuration(replica.syncInterval)}${d > 0 ? ` with a mean apply delay of ${formatDuration(d)} (${formatDuration(replica.syncInterval + d)})` : ""}`,
    });
  }
  const outage = (what: string, list: readonly { from: number; to: number }[]) => {
    for (const o of list)
      if (o.from < site.duration)
        holds.push({
          seconds: o.to - o.from,
          words: `${what} is down ${formatDuration(o.from)}–${formatDuration(o.to)} (${formatDuration(o.to - o.from)})`,
        });
  };
  outage(`management point ${server.name}`, server.outages);
  outage(
    database === "site" ? "the site database" : `replica "${database}"'s SQL Server`,
    databaseOutages(site.scenario.site, database),
  );
  if (replica !== undefined) {
    outage(`replica "${replica.name}"'s sync`, replica.outages);
    outage("the site database (no sync)", site.scenario.site.database.outages);
  }
  return holds.reduce<Hold | null>((a, h) => (a === null || h.seconds > a.seconds ? h : a), null);
}

/**
 * Mean time to first success of group `g` had it polled with `phases` (exact, as `check` computes it). The
 * site is compiled for that group alone: nothing of a group depends on the others.
 */
function meanUnder(scenario: Scenario, g: number, phases: readonly PollPhase[]): number | null {
  const group = scenario.devices[g];
  if (group === undefined) return null;
  const devices = [{ ...group, polling: phases.map((p) => ({ ...p })) }];
  return groupEstimate(compileSite({ ...scenario, devices }, scenario.seed), 0).timeToFirstSuccess;
}

/** `poll-schedule-cliff`: a replica's lag or an outage outlasts a group's first polling phase. */
export const pollScheduleCliff: Check = defineCheck<Cliff>({
  severity: "info",
  scope: "device group",
  source: SOURCES.replicas,
  summary:
    "a replica's `syncInterval + applyDelay`, or an outage on a group's path, outlasts the group's first polling phase: devices still failing when it ends wait for the next phase, and the answer depends on a schedule Configuration Manager does not publish; the message gives the mean time to first success under the group's schedule, `configmgr-assumed` and `intune-estimate`",
  fixSummary:
    "sync the replica more often than the first polling phase lasts, or sweep `devices.<group>.polling` over the profiles to see the range",
  detect: ({ scenario, site }) =>
    site.groups.flatMap((model, g) => {
      const phases = model.group.polling;
      const first = phases[0]?.until;
      if (first === undefined || phases.length < 2) return [];
      const causes = [...assignmentShares(model, site.managementPoints.length).keys()]
        .map((p) => longestHold(site, p))
        .filter((h): h is Hold => h !== null && h.seconds > first);
      const cause = causes.reduce<Hold | null>((a, h) => (a === null || h.seconds > a.seconds ? h : a), null);
      if (cause === null) return [];
      const own = pollProfileName(phases);
      const schedules = [
        ...(own === undefined || !COMPARED.includes(own)
          ? [{ name: own ?? "its own schedule", phases }]
          : []),
        ...COMPARED.map((name) => ({ name, phases: POLL_PROFILES[name].phases })),
      ];
      const figures = schedules.map((s) => ({ schedule: s.name, seconds: meanUnder(scenario, g, s.phases) }));
      // When every schedule gives the same figure (no device is still failing when the first phase ends:
      // the outage comes after the group's enrollments, say), the cliff costs nothing here.
      const seconds = figures.map((f) => f.seconds ?? Infinity);
      if (Math.max(...seconds) - Math.min(...seconds) < 0.5) return [];
      return [
        {
          group: model.group,
          cause: `${cause.words}, longer than its first polling phase (${phasesText(phases.slice(0, 1))})`,
          lag: cause.lag === true,
          figures,
        },
      ];
    }),
  path: (c) => `devices.${c.group.name}.polling`,
  group: (c) => c.group.name,
  message: (c) => {
    const figures = c.figures
      .map(
        (f) =>
          `${f.seconds === null ? "no device succeeds" : `${f.seconds.toFixed(0)} s`} under ${f.schedule}`,
      )
      .join(", ");
    return `group "${c.group.name}": ${c.cause}: devices still failing when that phase ends wait for the next one. Mean time to first success: ${figures}. Configuration Manager does not publish the schedule it gives an on-prem MDM device after enrollment, so this figure rests on the schedule assumed`;
  },
  fix: (c) =>
    `${c.lag ? "Sync the replica more often than the first polling phase lasts" : "Plan for the devices the outage catches to wait for the next phase"}, and see the range the schedule gives with mdmsim sweep --vary devices.${c.group.name}.polling=configmgr-assumed,intune-estimate,dmclient-default`,
});
