// What a device's process in the reference engine knows and needs: the world it asks (run.ts's World
// implements it), its own state, the order key of its events, and a contact's reason now.
import type { Environment } from "../../kernel/environment.js";
import { deviceEntity, orderKey } from "../../kernel/priority.js";
import type { GroupStreamName, Rng } from "../../random.js";
import { isConfigMgrClient } from "../../scenario/deviceSchema.js";
import type { DeviceGroup, Server } from "../../scenario/schema.js";
import { FailureWindow } from "../fallback.js";
import { OK, REASON_ID } from "../reasons.js";
import { contactReason, type Down, type RoleName } from "../rules.js";
import type { GroupModel, SiteModel } from "../site.js";
import type { GroupTally, ManagementPointTally } from "../tally.js";

/** A deployment as the databases hold it: a record like a device's, carried by the replicas' syncs. */
export interface DeploymentRecord {
  readonly deployment: number;
}

/** What a device's process needs from the simulated world (run.ts's World). */
export interface World {
  readonly env: Environment;
  readonly site: SiteModel;
  readonly groups: readonly GroupTally[];
  readonly managementPoints: readonly ManagementPointTally[];
  /** Whether a server or a database is down now, as their processes say. */
  readonly down: Down;
  /** Whether `server` (and the database management point `mp` reads) had an outage edge now. */
  edgeNow(server: Server, mp?: number): boolean;
  rng(d: DeviceState, stream: GroupStreamName): Rng;
  branch(name: string): void;
  counted(): void;
  trace(d: DeviceState, priority: number, event: string, outcome: string, target: string | null): void;
  database(mp: number): ReadonlySet<unknown>;
  commit(d: DeviceState): void;
  assigned(d: DeviceState): void;
  /** Deployment `i` as the databases hold it. */
  deploymentRecord(i: number): DeploymentRecord;
  /** Device `d` received deployment `i` now. */
  deploymentReceived(d: DeviceState, i: number): void;
}

/** What the reference knows about one device; -1 (or NaN for delays) where something never happened. */
export class DeviceState {
  enrolledAt = -1;
  lastEnrollReason = OK;
  enrollmentFailed = false;
  committedAt = -1;
  /** The management point in use (a client's changes when it falls back), -1 for none. */
  managementPoint = -1;
  /** The management point assigned at the commit. */
  assignedMp = -1;
  /** A ConfigMgr client: its failed tries at its management point (null for MDM devices), fallen back or not. */
  readonly failures: FailureWindow | null;
  fellBack = false;
  /** The deployments received (positions). */
  readonly received = new Set<number>();
  visibleAt = -1;
  firstSuccessAt = -1;
  failedBefore = 0;
  lastReason = REASON_ID["not-polled"];
  /** Made a content request (its first is at its first success). */
  contentAsked = false;
  contentDone = false;
  contentAt = -1;
  /** Under load: waits for the answer to an enrollment or DMP try; a content request is due or waiting. */
  waiting = false;
  contentBusy = false;
  /** Under load: the time of the next poll (a retry due at or after it is dropped). */
  nextPollAt = Infinity;
  /** Under load: requests made so far (their order among the device's events at one instant). */
  requests = 0;
  /** Per replica: the delay from commit to visibility of the tick that carried this record. */
  readonly delays: Float64Array;

  constructor(
    readonly group: number,
    readonly index: number,
    readonly model: GroupModel,
    replicas: number,
    /** Its number over every group, in order: its events' order at one instant. */
    readonly number = 0,
  ) {
    this.delays = new Float64Array(replicas).fill(NaN);
    this.failures = isConfigMgrClient(model.group) ? new FailureWindow() : null;
  }
}

/** The order key of device `d`'s try event of kind `priority` (events of one kind run in device order). */
export function at(priority: number, d: DeviceState): number {
  return orderKey(priority, deviceEntity(d.number, 0));
}

/** The reason id (or OK) of a contact now: the rules in table order, whether a server is down from its process. */
export function reasonNow(world: World, group: DeviceGroup, server: Server, role: RoleName): number {
  const contact = { group, server, role, startMs: world.site.startMs, site: world.site.scenario.site };
  const reason = contactReason(contact, world.env.now, world.down);
  return reason === null ? OK : REASON_ID[reason];
}
