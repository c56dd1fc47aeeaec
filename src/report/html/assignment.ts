// Which management points a group's devices are expected to use, and whether the closed form of the time
// to first success applies to them: the weights of the closed-form distribution beside the simulated one.
import { assignmentShares as groupShares } from "../../model/assignment.js";
import type { SiteModel } from "../../model/site.js";
import { OK, REASONS } from "../../model/reasons.js";
import { timelineAt } from "../../model/timeline.js";
import type { DatabaseShare } from "./cdf.js";

/** The expected share of a group's devices per management point (site positions): the assignment rule's. */
export function assignmentShares(site: SiteModel, groupIndex: number): Map<number, number> {
  const model = site.groups[groupIndex];
  return model === undefined ? new Map<number, number>() : groupShares(model, site.managementPoints.length);
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
