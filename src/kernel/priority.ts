// The fixed order of events at the same instant. The semantics of model.md decide it:
// - an outage covers [from, to): its edges come first, so a try at `from` is down and one at `to` is up;
// - an enrollment try at t succeeds before its commit at t (delay 0) is written;
// - a sync tick at s carries commits at times ≤ s, so commits precede ticks;
// - a record visible at exactly t counts for a try at t, so visibility precedes tries;
// - a device's content request follows the management point try of the same poll;
// - under load (docs/model.md, "The load model"), services end after every arrival of the instant (an
//   arrival when a worker frees waits behind the queue), and deadlines come last (a service ending exactly
//   at its deadline is answered).
// Events of one kind at one instant run in entity order (`eventKey`): the site's first, then devices in
// group order and, inside a group, by index.

/** Priorities of event kinds at equal times; lower runs first. */
export const Priority = {
  OUTAGE_EDGE: 0,
  ENROLLMENT_TRY: 1,
  COMMIT: 2,
  SYNC_TICK: 3,
  VISIBLE: 4,
  MP_TRY: 5,
  CONTENT_TRY: 6,
  SERVICE_END: 7,
  DEADLINE: 8,
} as const;

/** Site entities (finite servers, sync ticks) come before devices among events of one kind. */
export const SITE_ENTITIES = 16_777_216;

/**
 * The order key of an event of kind `priority` for `entity`, with `sub` (below 65,536) telling apart events
 * of one entity at one instant (a device's requests, by their try's number): kind, then entity, then sub.
 * Exact as a double: below 9 × 2^48.
 */
export function orderKey(priority: number, entity: number, sub = 0): number {
  return (priority * 4_294_967_296 + entity) * 65_536 + sub;
}

/** The kind (priority) of an order key. */
export function kindOf(key: number): number {
  return Math.floor(key / 281_474_976_710_656);
}

/** Device `device` (its number over every group, in order) with request `kind` (0: its try, 1: content). */
export function deviceEntity(device: number, kind: 0 | 1): number {
  return SITE_ENTITIES + device * 2 + kind;
}

/** The entity of a replica's sync request: its tick's number among the ticks that happened, then the replica. */
export function syncEntity(replica: number, tick: number, replicas: number): number {
  return tick * replicas + replica;
}
