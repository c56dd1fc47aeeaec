// Where the walk sends a device's enrollment tries: an MDM device's go through the EPPs, then the enrollment
// point's check; a ConfigMgr client's registration goes to a management point of its pool, with no check
// after it (docs/clients.md).
import { NO_EPP, NO_MP, type GroupModel, type SiteModel } from "./site.js";
import type { ReasonTimeline } from "./timeline.js";

/**
 * A device's entry points: `timelines` the reasons of each (one at least), `positions` what the sink is told
 * (EPP or MP positions; empty when there is none), `check` what must also pass after one (or null).
 */
export interface EntryPoints {
  readonly timelines: readonly ReasonTimeline[];
  readonly positions: readonly number[];
  readonly check: ReasonTimeline | null;
}

/** An MDM group's: its EPPs (the no-EPP reason when the site has none), then the enrollment point. */
export function mdmEntryPoints(site: SiteModel, model: GroupModel): EntryPoints {
  return {
    timelines: model.eppTimelines.length > 0 ? model.eppTimelines : [NO_EPP],
    positions: model.eppTimelines.map((_, e) => e),
    check: site.enrollmentPoint,
  };
}

/** A client group's, per pool (pools are shared arrays: one entry each, no allocation per device). */
export class ClientEntryPoints {
  private readonly byPool = new Map<readonly number[], EntryPoints>();

  constructor(private readonly model: GroupModel) {}

  /** The management points of `pool` (the no-MP reason when it is empty). */
  of(pool: readonly number[]): EntryPoints {
    let entry = this.byPool.get(pool);
    if (entry === undefined) {
      const timelines = pool.map((p) => this.model.mpTimelines[p] ?? NO_MP);
      entry = { timelines: timelines.length > 0 ? timelines : [NO_MP], positions: pool, check: null };
      this.byPool.set(pool, entry);
    }
    return entry;
  }
}
