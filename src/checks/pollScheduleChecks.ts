// The poll schedule's cliff: when a replica's sync interval plus apply delay, or an outage on a group's path,
// outlasts the group's first polling phase, devices whose tries still fail when that phase ends wait for the
// next phase, and how long that is rests on a schedule Configuration Manager does not publish.
import { assignmentShares } from "../model/assignment.js";
import { groupEstimate } from "../model/exactEstimate.js";
import { OK, REASONS } from "../model/reasons.js";
import { compileSite, type GroupModel, type SiteModel } from "../model/site.js";
import { segmentsWhere } from "../model/timeline.js";
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
import { largest, smallest } from "../extremes.js";

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

const longest = (holds: readonly Hold[]): Hold | null =>
  holds.reduce<Hold | null>((a, h) => (a === null || h.seconds > a.seconds ? h : a), null);

/**
 * The longest stretch that can hold a new device's tries back at a management point, read from the compiled
 * site: its replica's syncs as they happened (a record committed just after a sync waits for the next one's
 * records to become visible; a skipped sync makes the wait longer), and the stretches of the group's timeline
 * there that fail and then end (outages of the server or its database, a certificate not yet valid).
 */
function longestHold(site: SiteModel, model: GroupModel, position: number): Hold | null {
  const server = site.managementPoints[position];
  if (server === undefined) return null;
  const holds: Hold[] = [];
  const replica = site.replicas[site.mpReplica[position] ?? -1];
  if (replica !== undefined) {
    const { interval: p, applyDelay: d } = replica;
    holds.push({
      seconds: p + d,
      lag: true,
      words: `replica "${replica.name}" syncs every ${formatDuration(p)}${d > 0 ? ` with a mean apply delay of ${formatDuration(d)} (${formatDuration(p + d)})` : ""}`,
    });
    for (let k = 0; k + 1 < replica.ticks.length; k++) {
      const from = replica.ticks[k] ?? 0;
      const to = replica.ticks[k + 1] ?? 0;
      if (to - from > p * 1.5)
        holds.push({
          seconds: (replica.visible[k + 1] ?? to) - from,
          words: `replica "${replica.name}" does not sync from ${formatDuration(from)} to ${formatDuration(to)} (${formatDuration(to - from)})`,
        });
    }
  }
  const timeline = model.mpTimelines[position];
  if (timeline !== undefined)
    for (const s of segmentsWhere(timeline, site.duration, (r) => r !== OK))
      // Only a stretch that ends inside the run holds devices back; one to the end refuses them for good.
      if (s.to < site.duration)
        holds.push({
          seconds: s.to - s.from,
          words: `management point ${server.name} answers ${REASONS[s.reason] ?? "a failure"} from ${formatDuration(s.from)} to ${formatDuration(s.to)} (${formatDuration(s.to - s.from)})`,
        });
  return longest(holds);
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
  detect: ({ scenario, site, estimate }) =>
    site.groups.flatMap((model, g) => {
      const phases = model.group.polling;
      const first = phases[0]?.until;
      if (first === undefined || phases.length < 2) return [];
      const cause = longest(
        [...assignmentShares(model, site.managementPoints.length).keys()]
          .map((p) => longestHold(site, model, p))
          .filter((h): h is Hold => h !== null && h.seconds > first),
      );
      if (cause === null) return [];
      const own = pollProfileName(phases);
      const schedules = [
        ...(own === undefined || !COMPARED.includes(own)
          ? [{ name: own ?? "its own schedule", phases }]
          : []),
        ...COMPARED.map((name) => ({ name, phases: POLL_PROFILES[name].phases })),
      ];
      // The group's own schedule is the compiled site's: its estimates are the ones check already has.
      const figures = schedules.map((s) => ({
        schedule: s.name,
        seconds:
          s.phases === phases || pollProfileName(s.phases) === own
            ? groupEstimate(site, g, estimate).timeToFirstSuccess
            : meanUnder(scenario, g, s.phases),
      }));
      // When every schedule gives the same figure (no device is still failing when the first phase ends:
      // the outage comes after the group's enrollments, say), the cliff costs nothing here.
      const seconds = figures.map((f) => f.seconds ?? Infinity);
      if (seconds.every((x) => x === Infinity) || largest(seconds) - smallest(seconds) < 0.5) return [];
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
