// Which management points a group's devices are expected to use, and whether the closed form of the time
// to first success applies to them: the weights of the closed-form distribution beside the simulated one.
import { managementPointCandidates, preferredPositions, type SiteModel } from "../../model/site.js";
import { OK, REASONS } from "../../model/reasons.js";
import { timelineAt } from "../../model/timeline.js";
import type { DatabaseShare } from "./cdf.js";

/**
 * The expected share of a group's devices assigned to each management point (site positions), by the
 * engine's rule: the only candidate; else, for a device whose address a boundary group lists, one of that
 * boundary group's eligible DMPs; else any eligible DMP — uniformly at random. Device `i` has address
 * `first + (i mod size)` of the group's range, as in the engine.
 * @returns position → share (shares sum to 1); empty when the site has no management point
 */
export function assignmentShares(site: SiteModel, groupIndex: number): Map<number, number> {
  const model = site.groups[groupIndex];
  const shares = new Map<number, number>();
  if (model === undefined) return shares;
  const candidates = managementPointCandidates(model, site.managementPoints.length);
  const add = (positions: readonly number[], devices: number) => {
    for (const p of positions) shares.set(p, (shares.get(p) ?? 0) + devices / positions.length);
  };
  const count = model.group.count;
  const range = model.addresses;
  if (candidates.length <= 1 || range === undefined || model.preferences.length === 0) add(candidates, count);
  else {
    // Devices cycle through the range: address k is used ⌊count / size⌋ times, plus once for k < count mod size.
    const size = range.last - range.first + 1;
    const distinct = Math.min(count, size);
    const cycles = Math.floor(count / size);
    const rest = count % size;
    for (let k = 0; k < distinct; k++) {
      const devices = cycles + (k < rest ? 1 : 0);
      add(preferredPositions(model.preferences, range.first + k) ?? candidates, devices);
    }
  }
  if (count > 0) for (const [p, n] of shares) shares.set(p, n / count);
  return shares;
}

/** The closed form's inputs for one group, or why it does not apply. */
export type ClosedFormInputs =
  | { readonly applies: true; readonly shares: readonly DatabaseShare[] }
  | { readonly applies: false; readonly why: string };

/**
 * The databases a group's devices read, weighted by assignment, for the closed form. It applies only
 * when every DMP the group may use accepts its devices at t = 0 (the closed form models the replica's
 * delay, not a refusal).
 */
export function closedFormInputs(site: SiteModel, groupIndex: number): ClosedFormInputs {
  const model = site.groups[groupIndex];
  const shares = assignmentShares(site, groupIndex);
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
    const replicaIndex = site.mpReplica[position] ?? -1;
    const replica = site.replicas[replicaIndex];
    out.push({
      weight,
      replica: replica ? { syncInterval: replica.interval, applyDelay: replica.applyDelay } : null,
    });
  }
  return { applies: true, shares: out };
}
