// Management point fallback of a ConfigMgr client (docs/clients.md): after five failed tries in ten
// minutes at its management point it uses another one, and at its next refresh it goes back to one of its
// own boundary group. The rule is here once; the engines keep its state their own way.
import { pickUniform, type Rng } from "../random.js";
import { isConnectionLevel } from "./reasons.js";

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
 * A client whose try at `mp` (the management point it uses) failed at `t` with `reason`: a counting failure
 * goes in its window (`windowOf`: an engine may make it at the first one), and on the fifth in ten minutes
 * the management point it falls back to, drawn with `draw` from `others(mp)` (its `fallbackPool`, asked
 * only then); -1 when it stays (the engines' one fallback decision).
 */
export function fallbackAfter(
  windowOf: () => FailureWindow,
  others: (mp: number) => readonly number[],
  mp: number,
  t: number,
  reason: number,
  draw: Rng,
): number {
  if (mp < 0 || !countsTowardFallback(reason)) return -1;
  const window = windowOf();
  if (!window.failed(t)) return -1;
  window.reset();
  const pool = others(mp);
  return pool.length === 0 ? -1 : (pickUniform(pool, draw) ?? -1);
}
