// The site as processes on the kernel: servers, databases and replicas go down and up at their outage edges,
// and each replica's sync process carries the records committed up to a tick into its database its apply
// delay later.
import type { Environment, Process } from "../../kernel/environment.js";
import { orderKey, Priority } from "../../kernel/priority.js";
import type { Replica } from "../../scenario/schema.js";
import type { Outage } from "../outage.js";
import { visibleAfter } from "../replica.js";

/** Up or down, as outage edges (events) say; outages may overlap, so the edges count. */
export class Availability {
  private outagesNow = 0;
  /** The instant of the last edge (ties, for the statistics). */
  lastEdge = NaN;

  constructor(env: Environment, outages: readonly Outage[]) {
    for (const o of outages) {
      env.schedule(o.from, orderKey(Priority.OUTAGE_EDGE, 0), () => {
        this.outagesNow++;
        this.lastEdge = o.from;
      });
      env.schedule(o.to, orderKey(Priority.OUTAGE_EDGE, 0), () => {
        this.outagesNow--;
        this.lastEdge = o.to;
      });
    }
  }

  get down(): boolean {
    return this.outagesNow > 0;
  }
}

/** One replica: its sync process, the records waiting for the next tick, and its database. */
export class ReplicaProcess<R> {
  /** Replication paused (`outages`). */
  readonly availability: Availability;
  /** The replica's SQL Server (`serverOutages`): its management points cannot read it while down. */
  readonly server: Availability;
  /** When the last tick's records become visible. */
  private lastVisible = -Infinity;
  /** Start times of the ticks that happened. */
  readonly ticks: number[] = [];
  /** When each tick's records became visible (same index as `ticks`). */
  readonly visibleTimes: number[] = [];
  skipped = 0;
  /** Records committed since the last tick that happened. */
  private waiting: R[] = [];
  /** Records visible in the replica's database. */
  readonly database = new Set<R>();

  constructor(
    private readonly env: Environment,
    readonly replica: Replica,
    readonly offset: number,
    /** The site database, whose records a tick pulls: no tick while it is down. */
    private readonly siteDatabase: Availability,
    /** The next tick's apply delay (drawn in tick order). */
    private readonly applyDelay: () => number,
    /** Called at each tick for every record it carries, before the record becomes visible. */
    private readonly carried: (record: R, tick: number, visibleAt: number) => void,
    /** Called when a record becomes visible. */
    private readonly visible: (record: R) => void,
    /** Called for every tick, taken or skipped (an event of the result). */
    private readonly counted: () => void,
    /** Called for a tick skipped, with why (the first that holds: paused, server down, site database down). */
    private readonly skippedTick: (why: "paused" | "server down" | "site database down") => void,
    /** The replica's position in the site (its ticks' order among replicas at one instant). */
    private readonly position = 0,
    /** Called at each tick that happens, with its number among those that happened. */
    private readonly synced: (index: number) => void = () => undefined,
  ) {
    this.availability = new Availability(env, replica.outages);
    this.server = new Availability(env, replica.serverOutages);
  }

  /**
   * A record committed to the site database now waits for the next tick; committed at the instant of a tick
   * that already ran (after a service end there), it is that tick's, as a tick at s carries commits at or
   * before s: carried as a sync event of this instant, after the commit's own work (the assignment).
   */
  commit(record: R): void {
    const tick = this.ticks[this.ticks.length - 1];
    if (tick !== this.env.now) {
      this.waiting.push(record);
      return;
    }
    const visibleAt = this.lastVisible;
    this.env.schedule(tick, orderKey(Priority.SYNC_TICK, this.position), () => {
      this.carry(record, tick, visibleAt);
    });
  }

  /** `record` carried by the tick at `tick`, visible at `visibleAt`. */
  private carry(record: R, tick: number, visibleAt: number): void {
    this.carried(record, tick, visibleAt);
    this.env.schedule(visibleAt, orderKey(Priority.VISIBLE, 0), () => {
      this.database.add(record);
      this.visible(record);
    });
  }

  /**
   * The sync process: a tick at φ + kP for k = 0, 1, …; none happens while replication is paused, the
   * replica's server is down or the site database is down.
   */
  *life(): Process {
    for (let k = 0; ; k++) {
      yield {
        time: this.offset + k * this.replica.syncInterval,
        priority: orderKey(Priority.SYNC_TICK, this.position),
      };
      this.counted();
      const why = this.availability.down
        ? "paused"
        : this.server.down
          ? "server down"
          : this.siteDatabase.down
            ? "site database down"
            : null;
      if (why !== null) {
        this.skipped++;
        this.skippedTick(why);
        continue;
      }
      const tick = this.env.now;
      this.ticks.push(tick);
      this.synced(this.ticks.length - 1);
      const carried = this.waiting;
      this.waiting = [];
      const visibleAt = visibleAfter(this.lastVisible, tick, this.applyDelay());
      this.lastVisible = visibleAt;
      this.visibleTimes.push(visibleAt);
      for (const record of carried) this.carry(record, tick, visibleAt);
    }
  }
}
