// The reference engine: model.md as a textbook discrete-event simulation. One event queue (the kernel's,
// ordered by time, priority, sequence) holds every outage edge, every replica tick and every event of every
// device; each rule is evaluated when its event happens. Slow and plain on purpose: the fast engine
// (model/engine.ts) must give the same result document on every scenario, which a property test checks.
// Reachable from tests only, never from the public API.
import { Environment } from "../../kernel/environment.js";
import { orderKey, Priority, syncEntity } from "../../kernel/priority.js";
import { counterKey, counterRng } from "../../random.js";
import { loadPlan } from "../load/plan.js";
import { loadedDeviceLife } from "./loadedDevice.js";
import { LoadWorld } from "./loadWorld.js";
import type { GroupStreamName, Rng } from "../../random.js";
import type { Server } from "../../scenario/schema.js";
import { enrollmentTimes } from "../enrollment.js";
import type { DeviceRecord, TraceEvent } from "../../results/device.js";
import {
  bump,
  newGroupTally,
  newManagementPointTally,
  type GroupTally,
  type ManagementPointTally,
  newDeploymentTallies,
  type RawRun,
} from "../tally.js";
import { REASON_ID } from "../reasons.js";
import { deviceRecord } from "../recordSink.js";
import { isConstant, meanOf } from "../distribution.js";
import { applyDelays, syncOffset, type ReplicaTimeline } from "../replica.js";
import type { Down } from "../rules.js";
import type { SiteModel } from "../site.js";
import { deviceLife } from "./device.js";
import { DeviceState, type DeploymentRecord, type World as DeviceWorld } from "./deviceState.js";
import { Availability, ReplicaProcess } from "./world.js";

/** What the databases hold: device records and deployments. */
type Held = DeviceState | DeploymentRecord;

/** Options of `runReference`. */
export interface ReferenceOptions {
  readonly perDevice?: boolean;
  readonly trace?: { readonly group: number; readonly index: number };
  /** Counts each branch of the model taken (by name), to show what a generated scenario exercised. */
  readonly branches?: Map<string, number>;
}

/** The simulated world: the kernel, the site's processes and databases, the counters. */
export class World implements DeviceWorld {
  readonly env = new Environment();
  /** The finite servers, when any role or database has a capacity. */
  readonly load: LoadWorld | null;
  readonly groups: GroupTally[];
  readonly managementPoints: ManagementPointTally[];
  readonly replicas: ReplicaProcess<Held>[];
  /** Per deployment, per targeted device: when it received it (NaN: not in the run). */
  readonly deployments: Float64Array[];
  private readonly deploymentRecords: DeploymentRecord[];
  readonly traced: TraceEvent[] | null;
  events = 0;
  private readonly siteDatabase = new Set<Held>();
  private readonly servers = new Map<string, Availability>();
  /** The site database's SQL Server, up or down. */
  private readonly siteDatabaseServer: Availability;
  /** Per management point: the replica it reads (index), or -1 for the site database. */
  private readonly reads: Int32Array;

  constructor(
    readonly site: SiteModel,
    readonly options: ReferenceOptions,
  ) {
    const { scenario } = site;
    const plan = loadPlan(site);
    this.load =
      plan === null
        ? null
        : new LoadWorld(this.env, plan, site.seed, site.duration, (name) => {
            this.branch(name);
          });
    for (const server of scenario.site.servers)
      this.servers.set(server.name, new Availability(this.env, server.outages));
    this.siteDatabaseServer = new Availability(this.env, scenario.site.database.outages);
    this.managementPoints = site.managementPoints.map(() => newManagementPointTally(site.duration));
    this.groups = scenario.devices.map((g) => newGroupTally(g.count));
    this.replicas = scenario.site.replicas.map(
      (replica, r) =>
        new ReplicaProcess<Held>(
          this.env,
          replica,
          syncOffset(replica, site.seed),
          this.siteDatabaseServer,
          isConstant(replica.applyDelay)
            ? applyDelays(replica, site.seed)
            : this.drawn(applyDelays(replica, site.seed)),
          (d, tick, visibleAt) => {
            if (d instanceof DeviceState && d.committedAt === tick) this.branch("tie: commit on a sync tick");
            if (d instanceof DeviceState) this.carried(d, r, visibleAt);
          },
          (d) => {
            if (d instanceof DeviceState && this.reads[d.assignedMp] === r)
              this.trace(d, Priority.VISIBLE, "visible", "ok", replica.name);
          },
          () => {
            this.counted();
          },
          (why) => {
            this.branch(`replica: tick skipped (${why})`);
          },
          r,
          (index) => {
            // A sync charges the site database when both have what it takes (load.md: syncCost).
            if (this.load !== null && this.load.plan.syncCharged[r] === true) {
              this.branch("load: sync charged to the site database");
              this.load.sync(syncEntity(r, index, scenario.site.replicas.length), replica.syncCost);
            }
          },
        ),
    );
    this.reads = site.mpReplica;
    this.traced = options.trace !== undefined ? [] : null;
    this.deployments = newDeploymentTallies(site);
    // A deployment is written to the site database at its instant; the replicas' syncs carry it like a record.
    this.deploymentRecords = site.deployments.map((deployment, i) => {
      const record = { deployment: i };
      this.env.schedule(deployment.at, orderKey(Priority.COMMIT, i), () => {
        this.siteDatabase.add(record);
        for (const replica of this.replicas) replica.commit(record);
      });
      return record;
    });
  }

  deploymentRecord(i: number): DeploymentRecord {
    return this.deploymentRecords[i] ?? { deployment: i };
  }

  deploymentReceived(d: DeviceState, i: number): void {
    const slot = (this.site.deployments[i]?.offsets[d.group] ?? 0) + d.index;
    const into = this.deployments[i];
    if (into) into[slot] = this.env.now;
  }

  /** Servers and databases up or down now, as their processes say. */
  readonly down: Down = {
    server: (server: Server) => this.servers.get(server.name)?.down ?? false,
    database: (name: string) =>
      name === "site"
        ? this.siteDatabaseServer.down
        : (this.replicas.find((p) => p.replica.name === name)?.server.down ?? false),
  };

  edgeNow(server: Server, mp = -1): boolean {
    const now = this.env.now;
    if (this.servers.get(server.name)?.lastEdge === now) return true;
    const r = mp < 0 ? -2 : (this.reads[mp] ?? -1);
    const database = r === -2 ? undefined : r < 0 ? this.siteDatabaseServer : this.replicas[r]?.server;
    return database?.lastEdge === now;
  }

  rng(d: DeviceState, stream: GroupStreamName): Rng {
    // Every device draws from streams of its own (random.ts: counterDraw), read in its events' order.
    const key = `${d.number}:${stream}`;
    let rng = this.counterRngs.get(key);
    if (rng === undefined) {
      rng = counterRng(counterKey(this.site.seed, d.model.group.name, stream), d.index);
      this.counterRngs.set(key, rng);
    }
    return rng;
  }

  private readonly counterRngs = new Map<string, Rng>();

  /** The draws of a replica's apply delays, noted as a branch. */
  private drawn(draw: () => number): () => number {
    return () => {
      this.branch("replica: apply delay drawn");
      return draw();
    };
  }

  /** Notes a branch of the model taken, when the caller counts them. */
  branch(name: string): void {
    const counts = this.options.branches;
    counts?.set(name, (counts.get(name) ?? 0) + 1);
  }

  /** An event the result counts: a tick, an enrollment try, a commit, a DMP or content try. */
  counted(): void {
    this.events++;
  }

  trace(d: DeviceState, priority: number, event: string, outcome: string, target: string | null): void {
    const t = this.options.trace;
    if (this.traced && t?.group === d.group && t.index === d.index)
      this.traced.push({ time: this.env.now, priority, event, outcome, target });
  }

  /** The database management point `mp` reads (the site's for none). */
  database(mp: number): ReadonlySet<Held> {
    const r = this.reads[mp] ?? -1;
    return r >= 0 ? (this.replicas[r]?.database ?? this.siteDatabase) : this.siteDatabase;
  }

  /** The record reaches the site database now; every replica's next tick will carry it. */
  commit(d: DeviceState): void {
    this.counted();
    if (d.enrolledAt === this.env.now) this.branch("tie: enrollment try at its commit instant");
    d.committedAt = this.env.now;
    this.siteDatabase.add(d);
    for (const replica of this.replicas) replica.commit(d);
    this.trace(d, Priority.COMMIT, "commit", "ok", null);
  }

  /** The device has its management point; on the site database its record is visible from now on. */
  assigned(d: DeviceState): void {
    const mp = this.managementPoints[d.managementPoint];
    if (mp) mp.devices++;
    const name = this.site.managementPoints[d.managementPoint]?.name ?? null;
    this.trace(d, Priority.COMMIT, "assigned", name === null ? "no-management-point" : "ok", name);
    if ((this.reads[d.managementPoint] ?? -1) < 0) {
      d.visibleAt = this.env.now;
      this.branch(d.managementPoint < 0 ? "assignment: no management point" : "visibility: site database");
      this.env.schedule(this.env.now, orderKey(Priority.VISIBLE, 0), () => {
        this.trace(d, Priority.VISIBLE, "visible", "ok", "site");
      });
    }
  }

  private carried(d: DeviceState, r: number, visibleAt: number): void {
    const replica = this.replicas[r]?.replica;
    if (replica === undefined) return;
    d.delays[r] = visibleAt - d.committedAt;
    if (this.reads[d.assignedMp] !== r) return;
    d.visibleAt = visibleAt;
    this.branch("visibility: carried by a replica tick");
    this.trace(d, Priority.SYNC_TICK, "sync", "carries the record", replica.name);
  }
}

/** Runs the compiled site's scenario as one event queue, each device drawing from its own streams. */
export function runReference(site: SiteModel, options: ReferenceOptions): RawRun {
  const world = new World(site, options);
  for (const replica of world.replicas) world.env.process(replica.life());
  const devices: DeviceState[] = [];
  site.groups.forEach((model, g) => {
    const times = enrollmentTimes(model.group, site.seed);
    for (let i = 0; i < model.group.count; i++) {
      const d = new DeviceState(g, i, model, world.replicas.length, devices.length);
      devices.push(d);
      const { load } = world;
      world.env.process(
        load !== null && load.plan.loadedGroups[g] === true
          ? loadedDeviceLife(world, load, d, times[i] ?? 0)
          : deviceLife(world, d, times[i] ?? 0),
      );
    }
  });
  world.env.run(site.duration);
  return assemble(world, devices);
}

/** The counters in device order (the order the result's means and percentiles are taken in). */
function assemble(world: World, devices: readonly DeviceState[]): RawRun {
  const { site } = world;
  const delays: number[][] = world.replicas.map(() => []);
  const perDevice: DeviceRecord[] = [];
  for (const d of devices) {
    const tally = world.groups[d.group];
    if (tally === undefined) continue;
    const committed = d.committedAt >= 0;
    if (committed) tally.enrolled++;
    else if (d.enrollmentFailed) {
      tally.enrollmentFailed++;
      bump(tally.enrollmentFailedByReason, d.lastEnrollReason);
    } else {
      tally.enrollmentPending++;
      world.branch(
        d.enrolledAt >= 0 ? "enrollment: commit due after the end" : "enrollment: tries left at the end",
      );
    }
    if (d.firstSuccessAt >= 0) {
      if (d.failedBefore > 0) world.branch("poll: connected after failed tries");
      tally.ttfs[tally.connected] = d.firstSuccessAt - d.committedAt;
      tally.failures[tally.connected] = d.failedBefore;
      tally.connected++;
      if (d.failedBefore > 0) tally.connectedAfterFailures++;
    } else if (committed) {
      bump(tally.neverConnectedByReason, d.lastReason);
      world.branch(
        d.lastReason === REASON_ID["not-polled"] ? "poll: none before the end" : "poll: never connected",
      );
    }
    if (d.contentAt >= 0) tally.timeToContent.push(d.contentAt);
    if (d.contentAsked && !d.contentDone) {
      tally.contentNeverServed++;
      world.branch("content: never served");
    }
    d.delays.forEach((delay, r) => {
      if (!Number.isNaN(delay)) delays[r]?.push(delay);
    });
    perDevice.push(deviceRecord(d.model.group.name, site.managementPoints[d.assignedMp]?.name ?? null, d));
  }
  const replicas: ReplicaTimeline[] = world.replicas.map((p) => ({
    name: p.replica.name,
    interval: p.replica.syncInterval,
    offset: p.offset,
    applyDelay: meanOf(p.replica.applyDelay),
    ticks: Float64Array.from(p.ticks),
    visible: Float64Array.from(p.visibleTimes),
    skipped: p.skipped,
  }));
  return {
    site: { ...site, replicas },
    groups: world.groups,
    managementPoints: world.managementPoints,
    visibilityDelays: delays.map((d) => Float64Array.from(d)),
    events: world.events,
    trace: world.traced,
    perDevice: world.options.perDevice === true ? perDevice : null,
    deployments: world.deployments,
    load: world.load?.close() ?? null,
  };
}
