import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventQueue } from "../../src/kernel/eventQueue.js";

describe("EventQueue", () => {
  it("pops in (time, priority, insertion) order, as a naive sort of everything does", () => {
    const event = fc.record({
      time: fc.integer({ min: 0, max: 20 }),
      priority: fc.integer({ min: 0, max: 6 }),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 200 }), (events) => {
        const queue = new EventQueue<number>();
        events.forEach((e, i) => queue.push(e.time, e.priority, i));
        const popped: number[] = [];
        for (let e = queue.pop(); e !== undefined; e = queue.pop()) popped.push(e.payload);
        // The oracle: a stable sort by (time, priority) keeps insertion order for ties.
        const oracle = events
          .map((e, i) => ({ ...e, i }))
          .sort((a, b) => a.time - b.time || a.priority - b.priority)
          .map((e) => e.i);
        expect(popped).toEqual(oracle);
      }),
    );
  });

  it("interleaves pushes and pops without losing order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(-1)), { maxLength: 300 }),
        (ops) => {
          const queue = new EventQueue<number>();
          const shadow: { time: number; seq: number }[] = [];
          let seq = 0;
          for (const op of ops) {
            if (op >= 0) {
              queue.push(op, 0, seq);
              shadow.push({ time: op, seq: seq++ });
            } else {
              shadow.sort((a, b) => a.time - b.time || a.seq - b.seq);
              expect(queue.pop()?.payload).toBe(shadow.shift()?.seq);
            }
            expect(queue.size).toBe(shadow.length);
          }
        },
      ),
    );
  });

  it("peeks without removing", () => {
    const queue = new EventQueue<string>();
    queue.push(5, 1, "b");
    queue.push(5, 0, "a");
    expect(queue.peek()?.payload).toBe("a");
    expect(queue.size).toBe(2);
  });
});
