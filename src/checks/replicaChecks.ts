// Checks of database replicas: the early failures a replica-backed DMP causes (exact per group), Macs on
// such a DMP, and replicas or enrollment roles at a secondary site.
import { assignmentShares } from "../model/assignment.js";
import { meanOf } from "../model/distribution.js";
import { isDmp } from "../model/rules.js";
import { formatDuration } from "../scenario/duration.js";
import { pollProfileName } from "../scenario/pollProfiles.js";
import type { Replica, Server } from "../scenario/schema.js";
import { defineCheck, SOURCES, type Check, type GroupEstimate } from "./catalogue.js";
import { contactCheck, groupLabel, roleLabel, serverPath } from "./labels.js";

/** A group the DMP would serve but refuses: the reason every try of its devices there fails with. */
interface Refused {
  readonly group: string;
  readonly reason: string;
}

interface ReplicaDmp {
  readonly server: Server;
  readonly replica: Replica;
  readonly estimates: readonly GroupEstimate[];
  /** Each estimated group's poll schedule: its profile's name, or "custom". */
  readonly polling: readonly string[];
  readonly refused: readonly Refused[];
  /** Some estimated group polls with jitter: its figures are for the schedule without it. */
  readonly jitter: boolean;
  /** Some estimate was too large to compute exactly: its figures are the closed form's. */
  readonly closedForm: boolean;
}

const round = (x: number | null, digits: number) => (x === null ? null : Number(x.toFixed(digits)));

function estimateText(e: GroupEstimate, polling: string): string {
  const devices = Number.isInteger(e.devices) ? String(e.devices) : e.devices.toFixed(2);
  const who = `the ${devices} device${e.devices === 1 ? "" : "s"} of group "${e.group}" on this DMP`;
  if (e.failedTries === null || e.timeToFirstSuccessSeconds === null)
    return `${who}: none succeeds within the run`;
  return `${who}: ${e.failedTries.toFixed(2)} failed tries, ${e.timeToFirstSuccessSeconds.toFixed(0)} s to first success (polling ${polling})`;
}

function applyDelayText(replica: Replica): string {
  const d = replica.applyDelay;
  return typeof d === "number"
    ? `apply delay ${formatDuration(d)}`
    : `apply delay ${d.distribution}, mean ${formatDuration(d.mean)}`;
}

/** `replica-early-failures`: a DMP reads a replica; new devices fail until the next sync. */
export const replicaEarlyFailures: Check = defineCheck<ReplicaDmp>({
  severity: "warning",
  scope: "server role",
  source: SOURCES.replicas,
  summary:
    "a DMP reads a replica: newly enrolled devices fail until the next sync. The message gives the window (`applyDelay` to `syncInterval + applyDelay`, mean `syncInterval/2 + applyDelay`) and, for each group the assignment rule gives the DMP, its devices there, their mean failed tries and mean time to first success, computed exactly over the group's enrollment pattern and the replica's real syncs (also in `estimates`); a group the DMP refuses (Macs) is named with its reason",
  fixSummary: "expect the failures, or let the MP use the site database, or sync the replica more often",
  detect: ({ scenario, site, contacts, estimate }) => {
    // Each group's share of every management point, once: the assignment rule's.
    const shares = site.groups.map((model) => assignmentShares(model, site.managementPoints.length));
    return site.managementPoints.flatMap((server, position) => {
      const replica = scenario.site.replicas[site.mpReplica[position] ?? -1];
      if (replica === undefined || !isDmp(server)) return [];
      const estimates: GroupEstimate[] = [];
      const polling: string[] = [];
      const refused: Refused[] = [];
      let jitter = false;
      let closedForm = false;
      site.groups.forEach((model, g) => {
        if ((shares[g]?.get(position) ?? 0) <= 0) return;
        if (!model.eligible.includes(position)) {
          // Refused: the rule that keeps the group off this MP, as check found it.
          const reason = contacts.find((c) => c.contact.group === model.group && c.contact.server === server);
          refused.push({ group: model.group.name, reason: reason?.reason ?? "not eligible" });
          return;
        }
        const e = estimate(g, position);
        jitter ||= model.group.jitter > 0;
        closedForm ||= !e.exact;
        polling.push(pollProfileName(model.group.polling) ?? "custom");
        estimates.push({
          group: model.group.name,
          devices: round(e.devices, 2) ?? 0,
          connected: round(e.connected, 2) ?? 0,
          failedTries: round(e.failedTries, 3),
          timeToFirstSuccessSeconds: round(e.timeToFirstSuccess, 1),
        });
      });
      return [{ server, replica, estimates, polling, refused, jitter, closedForm }];
    });
  },
  path: (r) => serverPath(r.server.name, "roles", "managementPoint", "database"),
  estimates: (r) => r.estimates,
  message: ({ server, replica, estimates, polling, refused, jitter, closedForm }) => {
    const P = replica.syncInterval;
    const D = meanOf(replica.applyDelay);
    const parts = [
      ...estimates.map((e, i) => estimateText(e, polling[i] ?? "custom")),
      ...refused.map((r) => `group "${r.group}" is refused here (${r.reason}): it gets no estimate`),
    ];
    const expected =
      parts.length > 0
        ? `Expected (${closedForm ? "the closed form: this scenario has too many syncs and rule changes to compute exactly" : "exact for this scenario and seed"}${jitter ? ", jitter left out" : ""}): ${parts.join("; ")}`
        : "No group is assigned to it";
    return (
      `management point ${server.name} reads replica "${replica.name}" (sync every ${formatDuration(P)}, ${applyDelayText(replica)}): a newly enrolled device fails until the next sync, ` +
      `${formatDuration(D)} to ${formatDuration(P + D)} after commit, mean ${formatDuration(P / 2 + D)}. ${expected}`
    );
  },
  fix: () =>
    'Expect these failures, or let the management point use the site database (Management Point Database tab: "Use the site database"), or shorten the replica\'s synchronization schedule',
});

/** `replica-unsupported-for-macos`: macOS groups would use a DMP that reads a replica. */
export const replicaUnsupportedForMacos: Check = contactCheck("replica-unsupported-for-macos", {
  scope: "server role",
  source: SOURCES.macs,
  summary: "macOS groups would use a DMP that reads a replica",
  fixSummary: "give Macs a management point that uses the site database",
  path: (c) => serverPath(c.server.name, "roles", "managementPoint", "database"),
  message: (c) =>
    `${roleLabel(c)} reads database replica "${c.server.roles.managementPoint?.database ?? ""}", and macOS ${groupLabel(c)} would use it; the macOS client cannot use an MP on a replica`,
  fix: () =>
    'Give Macs a management point that uses the site database (Management Point Database tab: "Use the site database")',
});

/** `replica-at-secondary`: replicas, an EP or an EPP at a secondary site. */
export const replicaAtSecondary: Check = defineCheck<readonly string[]>({
  severity: "error",
  scope: "site",
  source: SOURCES.secondary,
  summary: "replicas, an EP or an EPP at a secondary site",
  fixSummary: "install them at a primary site",
  detect: ({ scenario: { site } }) => {
    if (site.type !== "secondary") return [];
    const what = [
      ...(site.replicas.length > 0 ? ["database replicas"] : []),
      ...(site.servers.some((s) => s.roles.enrollmentPoint) ? ["an enrollment point"] : []),
      ...(site.servers.some((s) => s.roles.enrollmentProxyPoint) ? ["an enrollment proxy point"] : []),
    ];
    return what.length > 0 ? [what] : [];
  },
  path: () => "site.type",
  message: (what) =>
    `the site is a secondary site and has ${what.join(", ")}; these exist only at primary sites`,
  fix: () => "Install database replicas, enrollment points and enrollment proxy points at a primary site",
});
