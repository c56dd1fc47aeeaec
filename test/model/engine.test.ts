import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runEngine } from "../../src/model/engine.js";
import { runReference } from "../../src/model/reference/run.js";
import { compileSite } from "../../src/model/site.js";
import { counterDraw, counterKey } from "../../src/random.js";
import { loadScenario } from "../../src/scenario/load.js";
import { singleServer } from "../helpers/scenarios.js";

const scenario = singleServer({
  group: { count: 5, jitter: "10s", enrollment: { pattern: "even", from: 0, to: "1h" } },
});
const site = compileSite(scenario, scenario.seed);

describe("runEngine", () => {
  it("keeps counters only, unless records or a trace are asked for", () => {
    const plain = runEngine(site);
    expect(plain.perDevice).toBeNull();
    expect(plain.trace).toBeNull();
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

  it("gives device i the same draws whatever the group's count (a what-if on one count moves no other device)", () => {
    // Two DMPs (an assignment draw each), jitter, content and a uniform pattern (a time drawn per device): every
    // purpose draws. The first min(a, b) devices of a group of a and of b live the same lives.
    const file = JSON.parse(readFileSync("scenarios/two-dmps.json", "utf8")) as {
      devices: Record<string, unknown>[];
    };
    const records = (count: number, seed: number) => {
      const input = structuredClone(file);
      input.devices[0] = { ...input.devices[0], count, jitter: "90s", content: true };
      const scenario = loadScenario({ ...input, seed });
      return runEngine(compileSite(scenario, seed), { perDevice: true }).perDevice ?? [];
    };
    const seen = { assigned: new Set<string>() };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.nat(1000),
        (a, b, seed) => {
          const small = records(Math.min(a, b), seed);
          const large = records(Math.max(a, b), seed);
          for (const r of small) seen.assigned.add(r.managementPoint ?? "none");
          expect(large.slice(0, small.length)).toEqual(small);
        },
      ),
      { numRuns: 40 },
    );
    // Both DMPs were drawn: the assignment stream moved.
    expect(seen.assigned.size).toBeGreaterThanOrEqual(2);
  });

  it("draws device i's jitter from its own stream: the k-th gap is 180 s + draw k of (seed, group, i, jitter)", () => {
    // Device 3 (index 2) commits at 24 min and polls every 3 minutes plus up to 10 s of jitter.
    const run = runEngine(site, { trace: { group: 0, index: 2 } });
    const polls = (run.trace ?? []).filter((e) => e.event === "poll").map((e) => e.time);
    const key = counterKey(scenario.seed, "w", "jitter");
    // The schedule's rule: the next offset is u + every + jitter, the poll at the commit plus the offset.
    let u = 0;
    const expected = [1440];
    for (let k = 0; k < 5; k++) {
      u = u + 180 + counterDraw(key, 2, k) * 10;
      expected.push(1440 + u);
    }
    expect(polls.slice(0, 6)).toEqual(expected);
  });

  it("needs no draw tape: the reference engine reads each device's streams on its own", () => {
    const plain = runEngine(site, { perDevice: true });
    const reference = runReference(site, { perDevice: true });
    expect(reference.perDevice).toEqual(plain.perDevice);
    expect(reference.groups).toEqual(plain.groups);
  });
});
