// Deployments (docs/clients.md): a change written to the site database at `at`, which a targeted device
// receives at its first successful try at its management point at or after the instant that management
// point's database holds it (the site database: `at`; a replica: the sync carrying `at`, plus its apply
// delay). Compiled once per run; the engines ask it per successful try.
import type { Scenario } from "../scenario/schema.js";
import { visibleAt, type ReplicaTimeline } from "./replica.js";
import { visibleFor } from "../kernel/ties.js";

/** One deployment as the engines read it. */
export interface DeploymentModel {
  readonly name: string;
  readonly at: number;
  /** Per group position: whether the deployment targets it. */
  readonly targets: readonly boolean[];
  /** Per management point position: from when its database holds the deployment (Infinity: not in the run). */
  readonly visible: Float64Array;
  /** Devices targeted, and each targeted group's first slot among them (device slot = offset + index). */
  readonly targeted: number;
  readonly offsets: Int32Array;
}

/** The scenario's deployments against the site's replica ticks and each management point's database. */
export function compileDeployments(
  scenario: Scenario,
  mpReplica: Int32Array,
  replicas: readonly ReplicaTimeline[],
): DeploymentModel[] {
  return scenario.deployments.map((d) => {
    const targets = scenario.devices.map((g) => d.groups === undefined || d.groups.includes(g.name));
    const offsets = new Int32Array(scenario.devices.length).fill(-1);
    let targeted = 0;
    scenario.devices.forEach((g, i) => {
      if (!targets[i]) return;
      offsets[i] = targeted;
      targeted += g.count;
    });
    const visible = Float64Array.from(mpReplica, (r) => {
      const replica = replicas[r];
      return r < 0 || replica === undefined ? d.at : visibleAt(replica, d.at);
    });
    return { name: d.name, at: d.at, targets, visible, targeted, offsets };
  });
}

/** Whether management point `mp`'s database holds `deployment` at `t` (a successful try then brings it). */
export function holds(deployment: DeploymentModel, mp: number, t: number): boolean {
  return visibleFor(deployment.visible[mp] ?? Infinity, t);
}

/**
 * A device's deployments still to receive, in deployment order: `start` at its commit, then `success` at each
 * successful try. Reused from device to device.
 */
export class PendingDeployments {
  private readonly pending: number[] = [];

  constructor(private readonly deployments: readonly DeploymentModel[]) {}

  /** Whether any deployment is still to receive. */
  get any(): boolean {
    return this.pending.length > 0;
  }

  /** A device of group `group` starts with every deployment that targets its group. */
  start(group: number): void {
    this.pending.length = 0;
    this.deployments.forEach((d, i) => {
      if (d.targets[group] === true) this.pending.push(i);
    });
  }

  /** A successful try at `t` at management point `mp`: `received(deployment, t)` for each it delivers. */
  success(t: number, mp: number, received: (deployment: number, t: number) => void): void {
    const { pending, deployments } = this;
    for (let k = 0; k < pending.length;) {
      const i = pending[k] ?? 0;
      const deployment = deployments[i];
      if (deployment !== undefined && holds(deployment, mp, t)) {
        received(i, t);
        pending.splice(k, 1);
      } else k++;
    }
  }

  /**
   * Fast-forwarded first-try successes at `mp`, at `committedAt + offsets[k]` for k in [from, to): each
   * pending deployment is received at the first of them at or after its visibility.
   */
  okPolls(
    mp: number,
    committedAt: number,
    offsets: Float64Array,
    from: number,
    to: number,
    received: (deployment: number, t: number) => void,
  ): void {
    const { pending, deployments } = this;
    for (let k = 0; k < pending.length;) {
      const i = pending[k] ?? 0;
      const v = deployments[i]?.visible[mp] ?? Infinity;
      let j = from;
      while (j < to && !visibleFor(v, committedAt + (offsets[j] ?? Infinity))) j++;
      if (j < to) {
        received(i, committedAt + (offsets[j] ?? 0));
        pending.splice(k, 1);
      } else k++;
    }
  }
}
