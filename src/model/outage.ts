// The one outage test: an outage covers [from, to), so a try at `from` is down and a try at `to` is up.
import { downAt } from "../kernel/ties.js";

/** A window during which a server or a replica does nothing. Seconds. */
export interface Outage {
  readonly from: number;
  readonly to: number;
}

/** Whether `t` falls inside one of `outages`. */
export function inOutage(outages: readonly Outage[], t: number): boolean {
  for (const o of outages) if (downAt(o.from, o.to, t)) return true;
  return false;
}

/** Every outage edge (`from` and `to`), unordered and possibly repeated: where `inOutage` may change. */
export function outageEdges(outages: readonly Outage[]): number[] {
  return outages.flatMap((o) => [o.from, o.to]);
}
