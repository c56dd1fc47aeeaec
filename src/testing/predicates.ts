// The documented guarantees as checks over a run with `perDevice: true`. Each returns the violations
// (empty when the guarantee holds), so a failing property names the device and the numbers.
import { isConstant, meanOf } from "../model/distribution.js";
import { pollOffsets } from "../model/pollSchedule.js";
import type { RunResult } from "../results/runResult.js";
import type { Scenario } from "../scenario/schema.js";

/** One device that breaks a guarantee, and how. */
export interface Violation {
  /** The device, `<group>-<i>`. */
  readonly device: string;
  /** What was expected and what happened, with times in seconds. */
  readonly detail: string;
}

function records(result: RunResult): NonNullable<RunResult["perDevice"]> {
  if (!result.perDevice)
    throw new TypeError("mdmsim/testing: simulate the scenario with { perDevice: true }");
  return result.perDevice;
}

function replicaOf(scenario: Scenario, server: string | null) {
  const database = scenario.site.servers.find((s) => s.name === server)?.roles.managementPoint?.database;
  return scenario.site.replicas.find((r) => r.name === database);
}

/**
 * No device succeeds before its record is visible to its DMP's database.
 * @param result - `simulate(scenario, { perDevice: true })`
 */
export function successAfterVisibility(result: RunResult): Violation[] {
  return records(result).flatMap((d) =>
    d.firstSuccessAt !== null && (d.visibleAt === null || d.firstSuccessAt < d.visibleAt)
      ? [
          {
            device: d.name,
            detail: `first success at ${d.firstSuccessAt} s, record visible at ${String(d.visibleAt)} s`,
          },
        ]
      : [],
  );
}

/**
 * Every commit carried by a replica without outages becomes visible `applyDelay` to `syncInterval + applyDelay`
 * seconds after it (model.md: V lies in [D, P + D]).
 */
export function visibilityWithinSyncWindow(scenario: Scenario, result: RunResult): Violation[] {
  return records(result).flatMap((d) => {
    const replica = replicaOf(scenario, d.managementPoint);
    // Skipped syncs and drawn apply delays leave the window: the bound is for a replica that always syncs.
    const skips =
      replica !== undefined &&
      (replica.outages.length > 0 ||
        replica.serverOutages.length > 0 ||
        scenario.site.database.outages.length > 0);
    if (!replica || skips || !isConstant(replica.applyDelay)) return [];
    if (d.visibleAt === null || d.committedAt === null) return [];
    const delay = d.visibleAt - d.committedAt;
    const low = meanOf(replica.applyDelay);
    const high = replica.syncInterval + low;
    // Times are reported to the millisecond: allow that rounding.
    return delay < low - 0.001 || delay > high + 0.001
      ? [
          {
            device: d.name,
            detail: `visible ${delay} s after commit, outside [${low}, ${high}] s of replica "${replica.name}"`,
          },
        ]
      : [];
  });
}

/**
 * When nothing but the replica's lag fails a device, its first success is its first poll at or after
 * `visibleAt` ("devices succeed after the sync"). Checked for groups without jitter (their poll times are
 * known: commit + the polling schedule) whose devices failed only with `device-not-in-replica`, and that
 * do not retry that reason (`connectionRetries.on: "any"` with retries could succeed between polls).
 */
export function firstPollAfterVisibilitySucceeds(scenario: Scenario, result: RunResult): Violation[] {
  const onlyLag = new Set(
    result.groups
      .filter((g) => Object.keys(g.attempts.failedByReason).every((r) => r === "device-not-in-replica"))
      .map((g) => g.name),
  );
  return records(result).flatMap((d) => {
    const group = scenario.devices.find((g) => g.name === d.group);
    if (
      !group ||
      group.jitter > 0 ||
      (group.connectionRetries.on === "any" && group.connectionRetries.count > 0) ||
      !onlyLag.has(group.name) ||
      d.committedAt === null ||
      d.visibleAt === null
    )
      return [];
    const { committedAt, visibleAt } = d;
    // The same comparison the engine makes: a poll at committedAt + offset sees the record iff it is ≥ visibleAt.
    const first = pollOffsets(group, scenario.duration).find((o) => committedAt + o >= visibleAt);
    if (first === undefined || committedAt + first >= scenario.duration) {
      return d.firstSuccessAt === null
        ? []
        : [
            {
              device: d.name,
              detail: `succeeded at ${d.firstSuccessAt} s with no poll after visibility in the run`,
            },
          ];
    }
    const expected = committedAt + first;
    return d.firstSuccessAt !== expected
      ? [
          {
            device: d.name,
            detail: `first success at ${String(d.firstSuccessAt)} s, expected the first poll after visibility at ${expected} s`,
          },
        ]
      : [];
  });
}

/** No macOS client is assigned a DMP that reads a database replica. */
export function noMacOnReplicaDmp(scenario: Scenario, result: RunResult): Violation[] {
  const macGroups = new Set(scenario.devices.filter((g) => g.platform === "macos").map((g) => g.name));
  return records(result).flatMap((d) => {
    if (!macGroups.has(d.group)) return [];
    const replica = replicaOf(scenario, d.managementPoint);
    return replica
      ? [
          {
            device: d.name,
            detail: `assigned ${String(d.managementPoint)}, which reads replica "${replica.name}"`,
          },
        ]
      : [];
  });
}
