// The fast engine's comparisons of times are the kernel's order at one instant: each predicate of ties.ts
// answers what the reference's event queue does with the two events.
import { describe, expect, it } from "vitest";
import { Environment } from "../../src/kernel/environment.js";
import { orderKey, Priority } from "../../src/kernel/priority.js";
import { carries, downAt, happenedBy, inForce, refreshedBy, visibleFor } from "../../src/kernel/ties.js";

/** Whether, on the kernel's queue, an event of kind `a` at `s` has run when one of kind `b` at `t` runs. */
function queued(s: number, a: number, t: number, b: number): boolean {
  const env = new Environment();
  let ran = false;
  let seen = false;
  env.schedule(s, orderKey(a, 0), () => (ran = true));
  env.schedule(t, orderKey(b, 0), () => (seen = ran));
  env.run(Infinity);
  return seen;
}

const TIMES = [9, 10, 11];

describe("ties", () => {
  it.each([
    [
      "inForce: an outage edge or validity instant before a try",
      inForce,
      Priority.OUTAGE_EDGE,
      Priority.MP_TRY,
    ],
    ["inForce: before an enrollment try", inForce, Priority.OUTAGE_EDGE, Priority.ENROLLMENT_TRY],
    ["visibleFor: a record visible before a DMP try", visibleFor, Priority.VISIBLE, Priority.MP_TRY],
    ["refreshedBy: a client's refresh before its try", refreshedBy, Priority.COMMIT, Priority.MP_TRY],
  ] as const)("%s, as the kernel orders them", (_, predicate, a, b) => {
    for (const s of TIMES) for (const t of TIMES) expect(predicate(s, t)).toBe(queued(s, a, t, b));
  });

  it("happenedBy: for every two kinds, what the kernel's queue runs first", () => {
    // (Events of one kind at one instant run in entity order, which no kind decides.)
    const kinds = Object.values(Priority);
    for (const a of kinds)
      for (const b of kinds.filter((k) => k !== a))
        for (const s of TIMES) for (const t of TIMES) expect(happenedBy(s, a, t, b)).toBe(queued(s, a, t, b));
  });

  it("carries: a tick carries a commit of its instant, as the kernel runs commits before ticks", () => {
    for (const tick of TIMES)
      for (const c of TIMES)
        expect(carries(tick, c)).toBe(queued(c, Priority.COMMIT, tick, Priority.SYNC_TICK));
  });

  it("downAt: an outage [from, to) holds at its start edge and not at its end edge", () => {
    expect([9, 10, 11, 19, 20, 21].map((t) => downAt(10, 20, t))).toEqual([
      false,
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(downAt(-Infinity, Infinity, 0)).toBe(true);
  });
});
