// The fixed order of events at the same instant. The semantics of model.md decide it:
// - an outage covers [from, to): its edges come first, so a try at `from` is down and one at `to` is up;
// - an enrollment try at t succeeds before its commit at t (delay 0) is written;
// - a sync tick at s carries commits at times ≤ s, so commits precede ticks;
// - a record visible at exactly t counts for a try at t, so visibility precedes tries;
// - a device's content request follows the management point try of the same poll.

/** Priorities of event kinds at equal times; lower runs first. */
export const Priority = {
  OUTAGE_EDGE: 0,
  ENROLLMENT_TRY: 1,
  COMMIT: 2,
  SYNC_TICK: 3,
  VISIBLE: 4,
  MP_TRY: 5,
  CONTENT_TRY: 6,
} as const;

/** One of the `Priority` values. */
export type PriorityValue = (typeof Priority)[keyof typeof Priority];
