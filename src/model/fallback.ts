// Management point fallback of a ConfigMgr client (docs/clients.md): after five failed tries in ten
// minutes at its management point it uses another one, and at its next refresh it goes back to one of its
// own boundary group. The rule is here once; the engines keep its state their own way.
import { pickUniform, type Rng } from "../random.js";
import { fallbackPool } from "./assignment.js";
import { isConnectionLevel } from "./reasons.js";
import type { GroupModel } from "./site.js";

/** Failed tries that make a client fall back, and the window they must fall in (seconds, inclusive). */
export const FALLBACK_FAILURES = 5;
export const FALLBACK_WINDOW = 600;

/** Whether a failed try's reason counts toward fallback: connection-level ones (not device-not-in-replica). */
export function countsTowardFallback(reason: number): boolean {
  return isConnectionLevel(reason, "connection");
}

/** A client's failed tries at its current management point: the last five times. */
export class FailureWindow {
  private readonly times = new Float64Array(FALLBACK_FAILURES);
  private count = 0;

  /** Forgets every failure (a switch to another management point, or back at a refresh). */
  reset(): void {
    this.count = 0;
  }

  /** Records a counting failure at `t`; true when it is the fifth within ten minutes (the client switches). */
  failed(t: number): boolean {
    const n = FALLBACK_FAILURES;
    this.times[this.count % n] = t;
    this.count++;
    return this.count >= n && t - (this.times[this.count % n] ?? -Infinity) <= FALLBACK_WINDOW;
  }
}

/**
 * A client at `address` whose try at `mp` (the management point it uses) failed at `t` with `reason`: counted
 * in its `window`, and on the fifth failure in ten minutes the management point it falls back to, drawn from
 * `fallbackPool` with `draw`; -1 when it stays (the engines' one fallback decision).
 */
export function fallbackAfter(
  window: FailureWindow,
  client: { readonly model: GroupModel; readonly candidates: readonly number[]; readonly address: number },
  mp: number,
  t: number,
  reason: number,
  draw: Rng,
): number {
  if (mp < 0 || !countsTowardFallback(reason) || !window.failed(t)) return -1;
  window.reset();
  const others = fallbackPool(client.model, client.candidates, client.address, mp);
  return others.length === 0 ? -1 : (pickUniform(others, draw) ?? -1);
}
