// The order of events at one instant (priority.ts) as the comparisons of times the fast engine makes
// without a queue: whether an event of one kind has happened when an event of another kind at the same
// instant runs. Every comparison between times of events of different kinds goes through here, so the
// order has one home in the fast engine, as it has in the reference's event queue (kernel/priority.ts).
/**
 * Whether an event of kind `a` (a priority) at `s` has run when an event of kind `b` at `t` runs: earlier,
 * or at the same instant and of a kind that runs first.
 */
export function happenedBy(s: number, a: number, t: number, b: number): boolean {
  return s < t || (s === t && a < b);
}

// Each predicate below is `happenedBy` for its two kinds of priority.ts, written as the one comparison
// that order gives (a bare `<=`: these run in the walk's innermost loops, where a small body inlines
// surely); test/kernel/ties.test.ts checks each against the kernel's queue.

/**
 * Whether a change of the rules at `at` (an outage edge, a certificate's validity instant: a reason
 * timeline's change point) holds for a try at `t`: edges run before every try of their instant.
 */
export function inForce(at: number, t: number): boolean {
  return at <= t;
}

/** Whether an outage `[from, to)` holds for an event at `t`: from its start edge to its end edge. */
export function downAt(from: number, to: number, t: number): boolean {
  return inForce(from, t) && !inForce(to, t);
}

/** Whether a sync tick at `tick` carries a record committed at `committedAt`: commits run before ticks. */
export function carries(tick: number, committedAt: number): boolean {
  return committedAt <= tick;
}

/** Whether a record visible from `visibleAt` is there for a try at `t`: visibility runs before tries. */
export function visibleFor(visibleAt: number, t: number): boolean {
  return visibleAt <= t;
}

/**
 * Whether a client's refresh due at `refreshAt` has moved it before its try at `t`: refreshes run with
 * commits, before tries.
 */
export function refreshedBy(refreshAt: number, t: number): boolean {
  return refreshAt <= t;
}
