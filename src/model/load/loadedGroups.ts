// The groups the loaded engine runs: what each one's devices share, and their numbering.
import { counterKey } from "../../random.js";
import type { DeviceGroup } from "../../scenario/schema.js";
import { managementPointCandidates } from "../assignment.js";
import { pollSchedule, type PollSchedule } from "../pollSchedule.js";
import { alwaysFailing, type GroupModel, type SiteModel } from "../site.js";
import type { ReasonTimeline } from "../timeline.js";
import type { GroupSinks } from "../walk.js";
import type { LoadedDevices } from "./loadedDevices.js";
import { PollStreams } from "./pollStreams.js";

const NO_EPP = alwaysFailing("no-enrollment-proxy-point");

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
  readonly keys: { epp: number; assignment: number; jitter: number; content: number };
  /** The first local device of the group. */
  readonly first: number;
  /** Its polls as streams (a jitter-free group), or null: one event per device. */
  readonly streams: PollStreams | null;
}

/** Each loaded group's shared context; numbers each device's group and index in `devices`. */
export function groupContexts(
  site: SiteModel,
  loaded: readonly LoadedGroup[],
  devices: LoadedDevices,
): GroupContext[] {
  let first = 0;
  return loaded.map((l, gi) => {
    const g = l.model.group;
    const key = (p: "epp" | "assignment" | "jitter" | "content") => counterKey(site.seed, g.name, p);
    for (let i = 0; i < g.count; i++) {
      devices.group[first + i] = gi;
      devices.index[first + i] = i;
    }
    const context: GroupContext = {
      model: l.model,
      g,
      sinks: l.sinks,
      schedule: pollSchedule(g),
      epps: l.model.eppTimelines.length > 0 ? l.model.eppTimelines : [NO_EPP],
      candidates: managementPointCandidates(l.model, site.managementPoints.length),
      keys: {
        epp: key("epp"),
        assignment: key("assignment"),
        jitter: key("jitter"),
        content: key("content"),
      },
      first,
      streams: g.jitter === 0 ? PollStreams.of(pollSchedule(g), g.count, site.duration) : null,
    };
    first += g.count;
    return context;
  });
}

/** Each loaded device's number over every group of the scenario (loaded groups in order, their devices in order). */
export function globalNumbers(site: SiteModel, loaded: readonly LoadedGroup[]): Int32Array {
  const first: number[] = [];
  site.groups.reduce((n, m, g) => ((first[g] = n), n + m.group.count), 0);
  const out = new Int32Array(loaded.reduce((n, l) => n + l.model.group.count, 0));
  let d = 0;
  for (const l of loaded)
    for (let i = 0; i < l.model.group.count; i++) out[d++] = (first[l.position] ?? 0) + i;
  return out;
}
