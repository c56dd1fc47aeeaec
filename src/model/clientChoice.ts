// A ConfigMgr client's management point over its life, for the fast engines (docs/clients.md): the one it
// was assigned at its commit, the one it falls back to after five failed tries in ten minutes, and the one
// of its own boundary group it goes back to at a refresh. Reused from device to device.
import { pickUniform, type Rng } from "../random.js";
import { fallbackPool, type PoolTable } from "./assignment.js";
import { fallbackAfter, FailureWindow } from "./fallback.js";
import type { WalkSink } from "./sink.js";
import type { GroupModel } from "./site.js";
import { refreshedBy } from "../kernel/ties.js";

export class ClientChoice {
  /** The management point in use (a position), or -1 for none. */
  mp = -1;
  /** Whether the client uses an MP it fell back to (until its next refresh). */
  fellBack = false;
  /** The next refresh instant. */
  nextRefresh = Infinity;
  private address = -1;
  private readonly window = new FailureWindow();
  // Made once: a failed try allocates nothing.
  private readonly windowOf = () => this.window;
  private readonly others = (from: number) => fallbackPool(this.model, this.candidates, this.address, from);

  constructor(
    private readonly model: GroupModel,
    private readonly candidates: readonly number[],
    private readonly pools: PoolTable,
    private readonly rng: Rng,
  ) {}

  /** A client committed at `committedAt` at `address`, assigned `mp`. */
  start(mp: number, committedAt: number, address: number): void {
    this.mp = mp;
    this.fellBack = false;
    this.address = address;
    this.nextRefresh = committedAt + this.model.group.mpRefresh;
    this.window.reset();
  }

  /** Applies every refresh at or before `t` (before a try at `t`); returns whether the MP changed. */
  refreshUntil(t: number, sink: WalkSink): boolean {
    let changed = false;
    while (refreshedBy(this.nextRefresh, t)) changed = this.refresh(sink) || changed;
    return changed;
  }

  /** Applies every refresh before the run's `end` (after the client's last try). */
  refreshBefore(end: number, sink: WalkSink): void {
    while (this.nextRefresh < end) this.refresh(sink);
  }

  /** The refresh at `nextRefresh`: a client that fell back draws again from its own pool. */
  private refresh(sink: WalkSink): boolean {
    const at = this.nextRefresh;
    this.nextRefresh += this.model.group.mpRefresh;
    if (!this.fellBack) return false;
    const from = this.mp;
    this.mp = pickUniform(this.pools.pool(this.address), this.rng) ?? from;
    this.fellBack = false;
    this.window.reset();
    // Drawing the one in use (when it is of its own pool too) is no return: nothing changes.
    if (this.mp === from) return false;
    sink.switched(at, from, this.mp, true);
    return true;
  }

  /** A failed try at `t` with `reason`; returns whether the client fell back to another management point. */
  failed(t: number, reason: number, sink: WalkSink): boolean {
    const to = fallbackAfter(this.windowOf, this.others, this.mp, t, reason, this.rng);
    if (to < 0) return false;
    const from = this.mp;
    this.mp = to;
    this.fellBack = true;
    sink.switched(t, from, this.mp, false);
    return true;
  }
}
