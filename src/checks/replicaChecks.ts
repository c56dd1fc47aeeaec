// Checks of database replicas: the early failures a replica-backed management point causes (exact per
// group: MDM devices on a DMP, ConfigMgr clients on any MP), Macs on such a DMP, user deployments of clients
// whose management points read replicas, and replicas or enrollment roles at a secondary site.
import { assignmentShares } from "../model/assignment.js";
import { meanOf } from "../model/distribution.js";
import { isDmp } from "../model/rules.js";
import { isConfigMgrClient } from "../scenario/deviceSchema.js";
import { formatDuration } from "../scenario/duration.js";
import { pollProfileName } from "../scenario/pollProfiles.js";
import { someNames } from "../scenario/someNames.js";
import type { DeviceGroup, Replica, Server } from "../scenario/schema.js";
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
  /** The management point allows mobile devices and Macs (a DMP): it is found for MDM devices too. */
  readonly dmp: boolean;
  readonly estimates: readonly GroupEstimate[];
  /** Each estimated group, in the order of `estimates`. */
  readonly groups: readonly DeviceGroup[];
  /** Each estimated group's poll schedule: its profile's name, or "custom". */
  readonly polling: readonly string[];
  readonly refused: readonly Refused[];
  /** Some estimated group polls with jitter: its figures are for the schedule without it. */
  readonly jitter: boolean;
  /** Some estimate was too large to compute exactly: its figures are the closed form's. */
  readonly closedForm: boolean;
}

const round = (x: number | null, digits: number) => (x === null ? null : Number(x.toFixed(digits)));

function estimateText(
  e: GroupEstimate,
  group: DeviceGroup | undefined,
  polling: string,
  dmp: boolean,
): string {
  const devices = Number.isInteger(e.devices) ? String(e.devices) : e.devices.toFixed(2);
  const client = group !== undefined && isConfigMgrClient(group);
  const noun = client ? "client" : "device";
  const who = `the ${devices} ${noun}${e.devices === 1 ? "" : "s"} of group "${e.group}" on this ${dmp ? "DMP" : "management point"}`;
  if (e.failedTries === null || e.timeToFirstSuccessSeconds === null)
    return `${who}: none succeeds within the run`;
  const seconds = e.timeToFirstSuccessSeconds;
  if (!client)
    return `${who}: ${e.failedTries.toFixed(2)} failed tries, ${seconds.toFixed(0)} s to first success (polling ${polling})`;
  // A client's headline: how many of its policy cycles (its first polling interval) the replica costs it.
  const cycle = group.polling[0]?.every ?? 0;
  const cycles =
    cycle > 0 ? `, ${(seconds / cycle).toFixed(2)} policy cycles of ${formatDuration(cycle)}` : "";
  return `${who}: ${e.failedTries.toFixed(2)} failed policy requests, ${seconds.toFixed(0)} s from registration to first policy${cycles} (polling ${polling})`;
}

/** Groups spelled out one by one in the message; more are summarised (each group's figures stay in `estimates`). */
const SPELLED_OUT_GROUPS = 3;

const range = (lo: number, hi: number, digits: number) =>
  lo === hi ? lo.toFixed(digits) : `${lo.toFixed(digits)} to ${hi.toFixed(digits)}`;

/**
 * Many groups in one sentence of bounded length: how many groups and devices, the range of each figure over
 * the groups and its mean over their devices that succeed. A DMP of a 500-group site would otherwise print
 * 500 clauses per DMP (71 MB of JSON for 490 DMPs).
 */
function summaryText(estimates: readonly GroupEstimate[], dmp: boolean): string {
  const devices = estimates.reduce((n, e) => n + e.devices, 0);
  const shown = Number.isInteger(devices) ? String(devices) : devices.toFixed(2);
  const head = `${estimates.length} groups, ${shown} devices on this ${dmp ? "DMP" : "management point"}`;
  const figured = estimates.filter((e) => e.failedTries !== null && e.timeToFirstSuccessSeconds !== null);
  const none = estimates.length - figured.length;
  const noneText = none > 0 ? `; in ${none} of the groups none succeeds within the run` : "";
  const tail = `${noneText}; each group's figures are in the finding's estimates (--format json)`;
  if (figured.length === 0) return `${head}${tail}`;
  const tries = figured.map((e) => e.failedTries ?? 0);
  const times = figured.map((e) => e.timeToFirstSuccessSeconds ?? 0);
  const weight = figured.reduce((n, e) => n + e.connected, 0);
  const mean = (xs: readonly number[]) =>
    weight > 0 ? figured.reduce((n, e, i) => n + e.connected * (xs[i] ?? 0), 0) / weight : 0;
  // Loops, not Math.min(...xs): the groups are unbounded.
  const bounds = (xs: readonly number[]) =>
    xs.reduce<[number, number]>(([lo, hi], x) => [Math.min(lo, x), Math.max(hi, x)], [Infinity, -Infinity]);
  const [tLo, tHi] = bounds(tries);
  const [sLo, sHi] = bounds(times);
  return (
    `${head}: ${range(tLo, tHi, 2)} failed tries by group, ${mean(tries).toFixed(2)} on average per device; ` +
    `${range(sLo, sHi, 0)} s to first success by group, ${mean(times).toFixed(0)} s on average per device${tail}`
  );
}

/** The groups refused here, in words: each with its reason when few, else how many and the first few. */
function refusedText(refused: readonly Refused[]): string[] {
  if (refused.length <= SPELLED_OUT_GROUPS)
    return refused.map((r) => `group "${r.group}" is refused here (${r.reason}): it gets no estimate`);
  const first = someNames(refused, (r) => `"${r.group}" (${r.reason})`, "more", SPELLED_OUT_GROUPS);
  return [`${refused.length} groups are refused here and get no estimate, among them ${first}`];
}

function applyDelayText(replica: Replica): string {
  const d = replica.applyDelay;
  return typeof d === "number"
    ? `apply delay ${formatDuration(d)}`
    : `apply delay ${d.distribution}, mean ${formatDuration(d.mean)}`;
}

/** Who a replica-backed management point makes wait, in words: MDM devices, ConfigMgr clients, or both. */
function waiting(groups: readonly DeviceGroup[], dmp: boolean): string {
  const clients = groups.some(isConfigMgrClient);
  const mdm = groups.some((g) => !isConfigMgrClient(g)) || (dmp && !clients);
  if (clients && mdm)
    return "a newly enrolled device, and a newly registered client's policy requests, fail until the next sync";
  return clients
    ? "a newly registered client's policy requests fail until the next sync"
    : "a newly enrolled device fails until the next sync";
}

/**
 * `replica-early-failures`: a management point reads a replica; new devices fail until the next sync. Found
 * for a DMP (MDM devices use DMPs only), and for any management point some ConfigMgr client group uses.
 */
export const replicaEarlyFailures: Check = defineCheck<ReplicaDmp>({
  severity: "warning",
  scope: "server role",
  source: SOURCES.replicas,
  summary:
    "a DMP, or a management point ConfigMgr clients use (clients use any MP), reads a replica: newly enrolled devices and newly registered clients fail until the next sync (a client with the 60-minute policy polling interval then waits a full policy cycle). The message gives the window (`applyDelay` to `syncInterval + applyDelay`, mean `syncInterval/2 + applyDelay`) and, for each group the assignment rule gives the management point, its devices there, their mean failed tries and mean time to first success (a client's first policy, also in policy cycles), computed exactly over the group's enrollment or registration pattern and the replica's real syncs; above three groups it gives instead how many groups and devices, the range of each figure over the groups and its mean over their devices, so its length does not grow with the groups. Each group's figures are always in `estimates`. A group the DMP refuses (Macs) is named with its reason (above three, how many and the first three)",
  fixSummary: "expect the failures, or let the MP use the site database, or sync the replica more often",
  detect: ({ scenario, site, contacts, estimate }) => {
    // Each group's share of every management point, once: the assignment rule's.
    const shares = site.groups.map((model) => assignmentShares(model, site.managementPoints.length));
    return site.managementPoints.flatMap((server, position) => {
      const replica = scenario.site.replicas[site.mpReplica[position] ?? -1];
      if (replica === undefined) return [];
      const dmp = isDmp(server);
      const served = site.groups.flatMap((model, g) =>
        (shares[g]?.get(position) ?? 0) > 0 ? [{ model, g }] : [],
      );
      // An MP without the mobile flag makes only ConfigMgr clients wait (an MDM group there is refused).
      if (!dmp && !served.some(({ model }) => isConfigMgrClient(model.group))) return [];
      const estimates: GroupEstimate[] = [];
      const groups: DeviceGroup[] = [];
      const polling: string[] = [];
      const refused: Refused[] = [];
      let jitter = false;
      let closedForm = false;
      for (const { model, g } of served) {
        if (!model.eligible.includes(position)) {
          // Refused: the rule that keeps the group off this MP, as check found it.
          const reason = contacts.find((c) => c.contact.group === model.group && c.contact.server === server);
          refused.push({ group: model.group.name, reason: reason?.reason ?? "not eligible" });
          continue;
        }
        const e = estimate(g, position);
        jitter ||= model.group.jitter > 0;
        closedForm ||= !e.exact;
        groups.push(model.group);
        polling.push(pollProfileName(model.group.polling) ?? "custom");
        estimates.push({
          group: model.group.name,
          devices: round(e.devices, 2) ?? 0,
          connected: round(e.connected, 2) ?? 0,
          failedTries: round(e.failedTries, 3),
          timeToFirstSuccessSeconds: round(e.timeToFirstSuccess, 1),
        });
      }
      return [{ server, replica, dmp, estimates, groups, polling, refused, jitter, closedForm }];
    });
  },
  path: (r) => serverPath(r.server.name, "roles", "managementPoint", "database"),
  estimates: (r) => r.estimates,
  message: ({ server, replica, dmp, estimates, groups, polling, refused, jitter, closedForm }) => {
    const P = replica.syncInterval;
    const D = meanOf(replica.applyDelay);
    const parts = [
      ...(estimates.length <= SPELLED_OUT_GROUPS
        ? estimates.map((e, i) => estimateText(e, groups[i], polling[i] ?? "custom", dmp))
        : [summaryText(estimates, dmp)]),
      ...refusedText(refused),
    ];
    const expected =
      parts.length > 0
        ? `Expected (${closedForm ? "the closed form: this scenario has too many syncs and rule changes to compute exactly" : "exact for this scenario and seed"}${jitter ? ", jitter left out" : ""}): ${parts.join("; ")}`
        : "No group is assigned to it";
    return (
      `management point ${server.name} reads replica "${replica.name}" (sync every ${formatDuration(P)}, ${applyDelayText(replica)}): ${waiting(groups, dmp)}, ` +
      `${formatDuration(D)} to ${formatDuration(P + D)} after commit, mean ${formatDuration(P / 2 + D)}. ${expected}`
    );
  },
  fix: () =>
    'Expect these failures, or let the management point use the site database (Management Point Database tab: "Use the site database"), or shorten the replica\'s synchronization schedule',
});

/** A client group with user deployments, and the replicas its management points read. */
interface UserDeployments {
  readonly group: DeviceGroup;
  /** Each management point the group uses (every one reads a replica), with its replica. */
  readonly onReplica: readonly { server: string; replica: string }[];
}

/**
 * `replica-user-deployments`: a ConfigMgr client group with `userDeployments: true` whose management points
 * (the assignment rule's pool) read a replica: user-available deployments in Software Center do not work
 * against such an MP. An error when every one does (when only some do, the group still has an MP that serves them).
 */
export const replicaUserDeployments: Check = defineCheck<UserDeployments>({
  severity: "error",
  scope: "device group",
  source: SOURCES.clientReplicas,
  summary:
    "a ConfigMgr client group with `userDeployments: true` whose management points (the assignment rule's pool: its boundary groups' MPs, else the default boundary group's, else every MP) all read a replica: \"User deployments in Software Center won't work against a management point using a SQL Server replica\"",
  fixSummary:
    "give the clients a management point that uses the site database in their boundary group, or deploy to devices instead of users",
  detect: ({ site }) =>
    site.groups.flatMap((model) => {
      const g = model.group;
      if (!isConfigMgrClient(g) || !g.userDeployments) return [];
      const shares = [...assignmentShares(model, site.managementPoints.length)].filter(([, f]) => f > 0);
      const onReplica = shares.flatMap(([p]) => {
        const replica = site.replicas[site.mpReplica[p] ?? -1];
        const server = site.managementPoints[p];
        return replica && server ? [{ server: server.name, replica: replica.name }] : [];
      });
      return onReplica.length > 0 && onReplica.length === shares.length ? [{ group: g, onReplica }] : [];
    }),
  path: (u) => `devices.${u.group.name}.userDeployments`,
  group: (u) => u.group.name,
  message: (u) => {
    const mps = u.onReplica.map((r) => `${r.server} reads replica "${r.replica}"`).join(", ");
    return `every management point group "${u.group.name}" uses reads a replica (${mps}), and the group uses user-available deployments (userDeployments: true): user deployments in Software Center do not work against a management point that uses a SQL Server replica`;
  },
  fix: () =>
    'Add a management point that uses the site database (Management Point Database tab: "Use the site database") to the clients\' boundary group, or deploy the applications to devices rather than users',
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
