// The groups the loaded engine runs: what each one's devices share, and their numbering.
import { counterKey, type GroupStreamName } from "../../random.js";
import { isConfigMgrClient } from "../../scenario/deviceSchema.js";
import type { DeviceGroup } from "../../scenario/schema.js";
import { managementPointCandidates, poolTableOf, type PoolTable } from "../assignment.js";
import { enrollmentTimes } from "../enrollment.js";
import { mdmEntryPoints } from "../entryPoints.js";
import { pollSchedule, type PollSchedule } from "../pollSchedule.js";
import type { GroupModel, SiteModel } from "../site.js";
import type { ReasonTimeline } from "../timeline.js";
import type { GroupSinks } from "../walk.js";
import type { LoadedDevices } from "./loadedDevices.js";
import { PollStreams } from "./pollStreams.js";
import { timeOrder } from "./timeOrder.js";

/** A loaded group: its place in the scenario, its compiled model and where it reports. */
export interface LoadedGroup {
  readonly position: number;
  readonly model: GroupModel;
  readonly sinks: GroupSinks;
}

/** What a loaded group's devices share. */
export interface GroupContext {
  readonly model: GroupModel;
  readonly g: DeviceGroup;
  readonly sinks: GroupSinks;
  readonly schedule: PollSchedule;
  readonly epps: readonly ReasonTimeline[];
  readonly candidates: readonly number[];
  /** Each device's pool by its address (the assignment rule). */
  readonly pools: PoolTable;
  readonly keys: Readonly<Record<Exclude<GroupStreamName, "enrollment">, number>>;
  /** ConfigMgr clients: they register at a management point and fall back. */
  readonly client: boolean;
  /** Some deployment targets the group (its successful tries may bring one). */
  readonly deployed: boolean;
  /** The first local device of the group. */
  readonly first: number;
  /** Its polls as streams (a jitter-free group), or null: one event per device. */
  readonly streams: PollStreams | null;
  /**
   * Its devices' first enrollment tries (by index). Local numbers follow them in time order, so the events
   * of a run, which come roughly in that order, read the device arrays nearly in memory order.
   */
  readonly firstTries: Float64Array;
  /** Device index → local number. */
  readonly localOf: Int32Array;
}

/** Each loaded group's shared context; numbers each device's group and index in `devices`. */
export function groupContexts(
  site: SiteModel,
  loaded: readonly LoadedGroup[],
  devices: LoadedDevices,
): GroupContext[] {
  const globalFirst: number[] = [];
  site.groups.reduce((n, m, g) => ((globalFirst[g] = n), n + m.group.count), 0);
  let first = 0;
  return loaded.map((l, gi) => {
    const g = l.model.group;
    const key = (p: GroupStreamName) => counterKey(site.seed, g.name, p);
    const firstTries = Float64Array.from(enrollmentTimes(g, site.seed));
    const candidates = managementPointCandidates(l.model, site.managementPoints.length);
    const order = timeOrder(firstTries);
    const localOf = new Int32Array(g.count);
    order.forEach((i, r) => {
      const d = first + r;
      devices.group[d] = gi;
      devices.index[d] = i;
      devices.global[d] = (globalFirst[l.position] ?? 0) + i;
      localOf[i] = d;
    });
    const context: GroupContext = {
      model: l.model,
      g,
      sinks: l.sinks,
      schedule: pollSchedule(g),
      epps: mdmEntryPoints(site, l.model).timelines,
      candidates,
      pools: poolTableOf(l.model, candidates),
      keys: {
        epp: key("epp"),
        assignment: key("assignment"),
        jitter: key("jitter"),
        content: key("content"),
        fallback: key("fallback"),
      },
      client: isConfigMgrClient(g),
      deployed: site.deployments.some((d) => d.targets[l.position] === true),
      first,
      firstTries,
      localOf,
      streams: g.jitter === 0 ? PollStreams.of(pollSchedule(g), g.count, site.duration) : null,
    };
    first += g.count;
    return context;
  });
}

/** Room for each loaded device's number over every group (`groupContexts` fills it). */
export function globalNumbers(loaded: readonly LoadedGroup[]): Int32Array {
  return new Int32Array(loaded.reduce((n, l) => n + l.model.group.count, 0));
}
