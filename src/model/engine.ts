// The fast engine: every group's devices walked against the compiled site (walk.ts), reporting to sinks.
// The counting sink is always there; a record per device and one device's trace are sinks added on request.
import type { DeviceRecord, TraceEvent } from "../results/device.js";
import { CountingSink, RunCounters } from "./countingSink.js";
import { RecordSink } from "./recordSink.js";
import { TeeSink, type WalkSink } from "./sink.js";
import type { SiteModel } from "./site.js";
import { newDeploymentTallies, newGroupTally, newManagementPointTally, type RawRun } from "./tally.js";
import { isConfigMgrClient } from "../scenario/deviceSchema.js";
import { TraceSink } from "./traceSink.js";
import { GroupWalk } from "./walk.js";
import { LoadedEngine } from "./load/loadedEngine.js";
import { loadPlan } from "./load/plan.js";

/** Options of `runEngine`. */
export interface EngineOptions {
  /** Record one `DeviceRecord` per device. */
  readonly perDevice?: boolean;
  /** Record the timeline of one device: group position and 0-based index. */
  readonly trace?: { readonly group: number; readonly index: number };
  /** Told the devices simulated so far and in all, every `PROGRESS_DEVICES` devices (for a progress bar). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** How many devices the engine simulates between two calls of `onProgress`. */
export const PROGRESS_DEVICES = 8192;

/** Runs every device of the compiled site. Pure: same site, same options, same result. */
export function runEngine(site: SiteModel, options: EngineOptions = {}): RawRun {
  const commits = site.groups.reduce((n, g) => n + g.group.count, 0);
  const counters = new RunCounters(
    site.managementPoints.map(() => newManagementPointTally(site.duration)),
    site.replicas.length,
    commits,
    newDeploymentTallies(site),
    site.deployments.map((d) => d.offsets),
  );
  const records: DeviceRecord[] | null = options.perDevice === true ? [] : null;
  const trace: TraceEvent[] | null = options.trace !== undefined ? [] : null;
  const groups = site.groups.map((model, g) => {
    const counting = new CountingSink(newGroupTally(model.group.count), counters, g);
    const sinks: WalkSink[] = [counting];
    if (records) sinks.push(new RecordSink(model.group.name, site.managementPoints, records));
    // One sink reports directly: the walk's calls stay monomorphic in the common case.
    const all = sinks.length === 1 ? counting : new TeeSink(sinks);
    const traced =
      trace && options.trace?.group === g
        ? {
            index: options.trace.index,
            sink: new TeeSink([all, new TraceSink(site, trace, isConfigMgrClient(model.group))]),
          }
        : undefined;
    const sinksOf = { all, ...(traced ? { traced } : {}) };
    const walk = new GroupWalk(site, model, sinksOf);
    counting.shareOffsets(walk.cursor.sharedTable);
    return { counting, sinks: sinksOf, walk };
  });
  // Groups that can meet a finite server run together in the loaded engine; the others are walked.
  const plan = loadPlan(site);
  const loadedAt = new Map<number, number>();
  const loaded = plan
    ? new LoadedEngine(
        site,
        plan,
        groups.flatMap(({ sinks }, g) => {
          const model = site.groups[g];
          if (plan.loadedGroups[g] !== true || model === undefined) return [];
          loadedAt.set(g, loadedAt.size);
          return [{ position: g, model, sinks }];
        }),
      )
    : null;
  const load = loaded ? loaded.run() : null;
  const report = options.onProgress;
  let before = 0;
  groups.forEach(({ walk }, g) => {
    const offset = before;
    const position = loadedAt.get(g);
    if (loaded && position !== undefined) loaded.finishGroup(position);
    else
      walk.run(
        PROGRESS_DEVICES,
        report &&
          ((done) => {
            report(offset + done, commits);
          }),
      );
    before += site.groups[g]?.group.count ?? 0;
  });
  counters.totalManagementPointTries();
  return {
    site,
    groups: groups.map(({ counting }) => counting.tally),
    managementPoints: counters.managementPoints,
    visibilityDelays: counters.visibilityDelays(),
    events: groups.reduce((n, { counting }) => n + counting.events, site.siteEvents),
    trace,
    perDevice: records,
    deployments: counters.deployments,
    load,
  };
}
