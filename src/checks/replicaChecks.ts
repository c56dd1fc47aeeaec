// Checks of database replicas: the early failures a replica-backed DMP causes, Macs on such a DMP, and
// replicas or enrollment roles at a secondary site.
import { managementPointCandidates } from "../model/assignment.js";
import { replicaClosedForm } from "../model/closedForm.js";
import { formatDuration } from "../scenario/duration.js";
import type { Scenario, Server } from "../scenario/schema.js";
import { defineCheck, SOURCES, type Check } from "./catalogue.js";
import { contactCheck, groupLabel, roleLabel, serverPath } from "./labels.js";
import { isDmp } from "../model/rules.js";
import { meanOf } from "../model/distribution.js";

type Replica = Scenario["site"]["replicas"][number];

interface ReplicaDmp {
  readonly server: Server;
  readonly replica: Replica;
  /** Each group that can be assigned to the DMP: its expected failed polls and time to first success. */
  readonly perGroup: readonly string[];
}

/** `replica-early-failures`: a DMP reads a replica; new devices fail until the next sync. */
export const replicaEarlyFailures: Check = defineCheck<ReplicaDmp>({
  severity: "warning",
  scope: "server role",
  source: SOURCES.replicas,
  summary:
    "a DMP reads a replica: newly enrolled devices fail until the next sync. The message gives the window (`applyDelay` to `syncInterval + applyDelay`, mean `syncInterval/2 + applyDelay`) and the expected failed polls for the groups assigned to it",
  fixSummary: "expect the failures, or let the MP use the site database, or sync the replica more often",
  detect: ({ scenario, site }) =>
    site.managementPoints.flatMap((server, position) => {
      const mp = server.roles.managementPoint;
      const replica = scenario.site.replicas.find((r) => r.name === mp?.database);
      if (mp === undefined || replica === undefined || !isDmp(server)) return [];
      const perGroup = site.groups
        .filter((g) => managementPointCandidates(g, site.managementPoints.length).includes(position))
        .map((g) => {
          const form = replicaClosedForm(g.group, {
            syncInterval: replica.syncInterval,
            applyDelay: meanOf(replica.applyDelay),
          });
          return `group "${g.group.name}": ${form.failedPolls.toFixed(2)} failed tries, ${form.timeToFirstSuccess.toFixed(0)} s to first success`;
        });
      return [{ server, replica, perGroup }];
    }),
  path: (r) => serverPath(r.server.name, "roles", "managementPoint", "database"),
  message: ({ server, replica, perGroup }) => {
    const P = replica.syncInterval;
    const D = meanOf(replica.applyDelay);
    return (
      `management point ${server.name} reads replica "${replica.name}" (sync every ${formatDuration(P)}, apply delay ${formatDuration(D)}): a newly enrolled device fails until the next sync, ` +
      `${formatDuration(D)} to ${formatDuration(P + D)} after commit, mean ${formatDuration(P / 2 + D)}. Expected per group${perGroup.length > 0 ? `: ${perGroup.join("; ")}` : ": no group is assigned to it"}`
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
