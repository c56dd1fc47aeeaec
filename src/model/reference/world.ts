// The site as processes on the kernel: servers and replicas go down and up at their outage edges, and each
// replica's sync process carries the records committed up to a tick into its database `applyDelay` later.
import type { Environment, Process } from "../../kernel/environment.js";
import { Priority } from "../../kernel/priority.js";
import type { Replica } from "../../scenario/schema.js";
import type { Outage } from "../outage.js";

/** Up or down, as outage edges (events) say; outages may overlap, so the edges count. */
export class Availability {
  private outagesNow = 0;

  constructor(env: Environment, outages: readonly Outage[]) {
    for (const o of outages) {
      env.schedule(o.from, Priority.OUTAGE_EDGE, () => this.outagesNow++);
      env.schedule(o.to, Priority.OUTAGE_EDGE, () => this.outagesNow--);
    }
  }

  get down(): boolean {
    return this.outagesNow > 0;
  }
}

/** One replica: its sync process, the records waiting for the next tick, and its database. */
export class ReplicaProcess<R> {
  readonly availability: Availability;
  /** Start times of the ticks that happened. */
  readonly ticks: number[] = [];
  skipped = 0;
  /** Records committed since the last tick that happened. */
  private waiting: R[] = [];
  /** Records visible in the replica's database. */
  readonly database = new Set<R>();

  constructor(
    private readonly env: Environment,
    readonly replica: Replica,
    readonly offset: number,
    /** Called at each tick for every record it carries, before the record becomes visible. */
    private readonly carried: (record: R, tick: number) => void,
    /** Called when a record becomes visible. */
    private readonly visible: (record: R) => void,
    /** Called for every tick, taken or skipped (an event of the result). */
    private readonly counted: () => void,
    /** Called for a tick skipped inside an outage. */
    private readonly skippedTick: () => void,
  ) {
    this.availability = new Availability(env, replica.outages);
  }

  /** A record committed to the site database now waits for the next tick. */
  commit(record: R): void {
    this.waiting.push(record);
  }

  /** The sync process: a tick at φ + kP for k = 0, 1, …; a tick inside an outage does not happen. */
  *life(): Process {
    for (let k = 0; ; k++) {
      yield { time: this.offset + k * this.replica.syncInterval, priority: Priority.SYNC_TICK };
      this.counted();
      if (this.availability.down) {
        this.skipped++;
        this.skippedTick();
        continue;
      }
      const tick = this.env.now;
      this.ticks.push(tick);
      const carried = this.waiting;
      this.waiting = [];
      for (const record of carried) {
        this.carried(record, tick);
        this.env.schedule(tick + this.replica.applyDelay, Priority.VISIBLE, () => {
          this.database.add(record);
          this.visible(record);
        });
      }
    }
  }
}
