import { describe, expect, it } from "vitest";
import { runEngine } from "../../src/model/engine.js";
import { compileSite } from "../../src/model/site.js";
import { singleServer } from "../helpers/scenarios.js";

const scenario = singleServer({
  group: { count: 5, jitter: "10s", enrollment: { pattern: "even", from: 0, to: "1h" } },
});
const site = compileSite(scenario, scenario.seed);

describe("runEngine", () => {
  it("keeps counters only, unless records, a trace or draw counts are asked for", () => {
    const plain = runEngine(site);
    expect(plain.perDevice).toBeNull();
    expect(plain.trace).toBeNull();
    expect(plain.draws).toBeNull();
    expect(plain.groups[0]?.total).toBe(5);
  });

  it("adds a record per device and one device's trace without changing any counter", () => {
    const plain = runEngine(site);
    const full = runEngine(site, { perDevice: true, trace: { group: 0, index: 2 } });
    expect(full.groups).toEqual(plain.groups);
    expect(full.managementPoints).toEqual(plain.managementPoints);
    expect(full.events).toBe(plain.events);
    expect(full.perDevice?.map((d) => d.name)).toEqual(["w-1", "w-2", "w-3", "w-4", "w-5"]);
    // Device 3 enrolls at 24 min: the trace starts there.
    expect(full.trace?.[0]).toMatchObject({ event: "enrollment-try", time: 1440 });
  });

  it("counts each device's draws: one jitter draw per poll", () => {
    const run = runEngine(site, { countDraws: true });
    const jitter = run.draws?.[0]?.jitter;
    expect(jitter?.reduce((a, b) => a + b, 0)).toBe(run.groups[0]?.attempts);
    expect([...(run.draws?.[0]?.epp ?? [])]).toEqual([0, 0, 0, 0, 0]); // one EPP: no choice, no draw
  });
});
