// The loaded engine's ConfigMgr clients and deployments: a client's refreshes (applied before anything it
// does at or after their instant, since only its own tries read them), its fallback after five failed tries
// in ten minutes at the MP it uses, and the deployments a successful try brings (docs/clients.md).
import { refreshedBy } from "../../kernel/ties.js";
import { pickUniform } from "../../random.js";
import { deviceAddress, fallbackPool } from "../assignment.js";
import { holds } from "../deployments.js";
import { fallbackAfter, FailureWindow } from "../fallback.js";
import { EnrollmentFlow } from "./enrollmentFlow.js";
import type { GroupContext } from "./loadedGroups.js";

/** Clients' management point changes and deployments, on top of the devices and their enrollment. */
export abstract class ClientFlow extends EnrollmentFlow {
  /** A client's draw from its fallback stream. */
  private fallbackDraw(d: number, gc: GroupContext): number {
    return this.devices.draw(d, gc.keys.fallback, this.devices.fallbackDraws);
  }

  /**
   * The client whose failed try `clientFailed` is deciding, and the three questions `fallbackAfter` may ask
   * about it: made once, so a failed try allocates nothing.
   */
  private readonly failing = { d: 0, gc: undefined as GroupContext | undefined };
  private readonly failingWindow = () => this.failureWindow(this.failing.d);
  private readonly failingPool = (from: number): readonly number[] => {
    const { d, gc } = this.failing;
    if (gc === undefined) return [];
    const address = deviceAddress(gc.model.addresses, this.devices.index[d] ?? 0);
    return fallbackPool(gc.model, gc.candidates, address, from);
  };
  private readonly failingDraw = () =>
    this.failing.gc === undefined ? 0 : this.fallbackDraw(this.failing.d, this.failing.gc);

  /** Client `d` committed now: its refreshes start. */
  protected clientCommitted(d: number, gc: GroupContext): void {
    this.devices.nextRefresh[d] = this.now + gc.g.mpRefresh;
  }

  /**
   * Applies client `d`'s refreshes at or before `t` (`inclusive`) or before it: one that fell back draws again
   * from its own pool.
   */
  protected refreshes(d: number, gc: GroupContext, t: number, inclusive: boolean): void {
    const { devices } = this;
    const every = gc.g.mpRefresh;
    for (;;) {
      const at = devices.nextRefresh[d] ?? Infinity;
      // A try at `t` follows a refresh of its instant; the run's end (not inclusive) follows none.
      if (inclusive ? !refreshedBy(at, t) : at >= t) return;
      devices.nextRefresh[d] = at + every;
      if (devices.fellBack[d] !== 1) continue;
      devices.fellBack[d] = 0;
      devices.failures.get(d)?.reset();
      const from = devices.managementPoint[d] ?? -1;
      const pool = gc.pools.pool(deviceAddress(gc.model.addresses, devices.index[d] ?? 0));
      const to = pickUniform(pool, () => this.fallbackDraw(d, gc)) ?? from;
      devices.managementPoint[d] = to;
      // Drawing the one in use (when it is of its own pool too) is no return: nothing changes.
      if (to !== from) this.sinkOf(d).switched(at, from, to, true);
    }
  }

  /** Client `d`'s try at `mp` failed now with `reason`: the fifth in ten minutes at the MP it uses moves it. */
  protected clientFailed(d: number, gc: GroupContext, mp: number, reason: number): void {
    const { devices, now } = this;
    // A try answered after a refresh moved the client does not count toward the MP it uses now.
    if (mp !== devices.managementPoint[d]) return;
    this.failing.d = d;
    this.failing.gc = gc;
    const to = fallbackAfter(this.failingWindow, this.failingPool, mp, now, reason, this.failingDraw);
    if (to < 0) return;
    devices.managementPoint[d] = to;
    devices.fellBack[d] = 1;
    this.sinkOf(d).switched(now, mp, to, false);
  }

  /** Client `d`'s failure window, made at its first counting failure. */
  private failureWindow(d: number): FailureWindow {
    const { failures } = this.devices;
    let window = failures.get(d);
    if (window === undefined) {
      window = new FailureWindow();
      failures.set(d, window);
    }
    return window;
  }

  /** Device `d`'s try at `mp` succeeded now: every deployment of its group that MP's database holds. */
  protected deliverDeployments(d: number, gc: GroupContext, mp: number): void {
    const { devices, now } = this;
    const deployments = this.site.deployments;
    const group = gc.model.position;
    const base = d * devices.deployments;
    for (let i = 0; i < deployments.length; i++) {
      const deployment = deployments[i];
      if (deployment?.targets[group] !== true || devices.received[base + i] === 1) continue;
      if (!holds(deployment, mp, now)) continue;
      devices.received[base + i] = 1;
      this.sinkOf(d).deployment(i, devices.index[d] ?? 0, now);
    }
  }
}
