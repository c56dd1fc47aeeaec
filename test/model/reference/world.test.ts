import { describe, expect, it } from "vitest";
import { Environment } from "../../../src/kernel/environment.js";
import { Priority } from "../../../src/kernel/priority.js";
import { Availability, ReplicaProcess } from "../../../src/model/reference/world.js";

describe("Availability", () => {
  it("is down from an outage's start to its end, overlapping outages included", () => {
    const env = new Environment();
    const a = new Availability(env, [
      { from: 10, to: 30 },
      { from: 20, to: 40 },
    ]);
    const seen: [number, boolean][] = [];
    for (const t of [0, 10, 25, 30, 40])
      env.schedule(t, Priority.ENROLLMENT_TRY, () => seen.push([t, a.down]));
    env.run(100);
    expect(seen).toEqual([
      [0, false],
      [10, true],
      [25, true],
      [30, true],
      [40, false],
    ]);
  });
});

describe("ReplicaProcess", () => {
  it("carries the records committed up to a tick, skips ticks inside outages, shows records D later", () => {
    const env = new Environment();
    const log: string[] = [];
    const replica = new ReplicaProcess<string>(
      env,
      {
        name: "r",
        syncInterval: 100,
        applyDelay: 5,
        outages: [{ from: 150, to: 250 }],
        serverOutages: [],
        syncCost: 0,
      },
      50,
      new Availability(env, []),
      () => 5,
      (record, tick) => log.push(`${record} carried at ${tick}`),
      (record) => log.push(`${record} visible at ${env.now}`),
      () => log.push(`tick ${env.now}`),
      () => log.push(`skipped ${env.now}`),
    );
    env.process(replica.life());
    // A commit at a tick's instant goes with it (commits come before ticks).
    env.schedule(50, Priority.COMMIT, () => {
      replica.commit("a");
    });
    env.schedule(120, Priority.COMMIT, () => {
      replica.commit("b");
    });
    env.run(400);
    expect(log).toEqual([
      "tick 50",
      "a carried at 50",
      "a visible at 55",
      "tick 150",
      "skipped 150",
      "tick 250",
      "b carried at 250",
      "b visible at 255",
      "tick 350",
    ]);
    expect(replica.ticks).toEqual([50, 250, 350]);
    expect(replica.skipped).toBe(1);
    expect([...replica.database]).toEqual(["a", "b"]);
  });
});
