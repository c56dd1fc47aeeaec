// Management point fallback of a ConfigMgr client (docs/clients.md): after five failed tries in ten
// minutes at its management point it uses another one, and at its next refresh it goes back to one of its
// own boundary group. The rule is here once; the engines keep its state their own way.
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

/** The refreshes of a client committed at `committedAt`: at commit + k × `every`, k ≥ 1. */
export function firstRefresh(committedAt: number, every: number): number {
  return committedAt + every;
}
