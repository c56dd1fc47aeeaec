import { describe, expect, it } from "vitest";
import { Environment } from "../../src/kernel/environment.js";
import { Priority } from "../../src/kernel/priority.js";

describe("Environment", () => {
  it("runs events in time order and stops before `until`", () => {
    const env = new Environment();
    const log: [number, string][] = [];
    const every = (name: string, period: number) => (e: Environment) => {
      log.push([e.now, name]);
      e.schedule(e.now + period, Priority.SYNC_TICK, every(name, period));
    };
    env.schedule(0, Priority.SYNC_TICK, every("a", 3));
    env.schedule(1, Priority.SYNC_TICK, every("b", 5));
    env.run(10);
    expect(log).toEqual([
      [0, "a"],
      [1, "b"],
      [3, "a"],
      // b scheduled its 6 s event (at 1 s) before a did (at 3 s): FIFO among equals.
      [6, "b"],
      [6, "a"],
      [9, "a"],
    ]);
    expect(env.now).toBe(10);
    expect(env.events).toBe(6);
  });

  it("runs equal-time events by priority, then in schedule order", () => {
    const env = new Environment();
    const log: string[] = [];
    env.schedule(5, Priority.MP_TRY, () => log.push("try"));
    env.schedule(5, Priority.SYNC_TICK, () => log.push("tick"));
    env.schedule(5, Priority.COMMIT, () => log.push("commit 1"));
    env.schedule(5, Priority.COMMIT, () => log.push("commit 2"));
    env.schedule(5, Priority.VISIBLE, () => log.push("visible"));
    env.run(6);
    expect(log).toEqual(["commit 1", "commit 2", "tick", "visible", "try"]);
  });

  it("refuses to schedule in the past", () => {
    const env = new Environment();
    env.schedule(2, 0, () => undefined);
    env.run(3);
    expect(() => {
      env.schedule(1, 0, () => undefined);
    }).toThrow(RangeError);
  });
});

describe("Environment.process", () => {
  it("resumes a generator at each instant it yields, in the queue's order, until `run` stops", () => {
    const env = new Environment();
    const log: string[] = [];
    function* walker(name: string, step: number, priority: number) {
      for (let t = 0; ; t += step) {
        yield { time: t, priority };
        log.push(`${env.now}:${name}`);
      }
    }
    env.process(walker("slow", 4, Priority.MP_TRY));
    env.process(walker("fast", 2, Priority.COMMIT));
    env.run(5);
    // At 0 and 4 both wake: COMMIT before MP_TRY whatever the start order.
    expect(log).toEqual(["0:fast", "0:slow", "2:fast", "4:fast", "4:slow"]);
  });
});
