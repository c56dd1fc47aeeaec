// The library's entry points accept a scenario as a file holds it, and refuse bad input with ScenarioError.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScenarioError, UsageError } from "../src/errors.js";
import { checkScenario, reachability, simulate } from "../src/library.js";
import { loadScenario } from "../src/scenario/load.js";
import { scenarioArbitrary } from "../src/testing/scenarioArbitrary.js";

const BASELINE = readFileSync(new URL("../scenarios/baseline.json", import.meta.url), "utf8");

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("a scenario as a file holds it", () => {
  it("gives simulate, checkScenario and reachability the same answers as the loaded scenario", () => {
    let runs = 0;
    fc.assert(
      fc.property(scenarioArbitrary({ maxDevicesPerGroup: 5, maxGroups: 2 }), (raw) => {
        const loaded = loadScenario(raw);
        expect(simulate(raw)).toEqual(simulate(loaded));
        expect(checkScenario(raw)).toEqual(checkScenario(loaded));
        expect(reachability(raw)).toEqual(reachability(loaded));
        runs++;
      }),
      { numRuns: 25 },
    );
    expect(runs).toBe(25);
  });

  it("accepts JSON.parse of a bundled file", () => {
    const raw: unknown = JSON.parse(BASELINE);
    expect(simulate(raw as never).scenario).toBe("baseline");
  });

  it.each<[string, unknown]>([
    ["null", null],
    ["undefined", undefined],
    ["a number", 42],
    ["an empty object", {}],
    ["an array", []],
    ["a scenario without devices", { ...(JSON.parse(BASELINE) as object), devices: undefined }],
  ])("refuses %s with a ScenarioError, never a TypeError", (_what, input) => {
    for (const call of [
      () => simulate(input as never),
      () => checkScenario(input as never),
      () => reachability(input as never),
    ]) {
      expect(thrown(call)).toBeInstanceOf(ScenarioError);
    }
  });

  it("refuses fc.anything() with a ScenarioError only", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const error = thrown(() => simulate(input as never));
        expect(error).toBeInstanceOf(ScenarioError);
      }),
      { numRuns: 300 },
    );
  });
});

describe("the seed option", () => {
  it.each([Number.NaN, 1.5, -1, Infinity])("refuses %s", (seed) => {
    const error = thrown(() => simulate(JSON.parse(BASELINE) as never, { seed }));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(`seed: expected an integer >= 0, got ${seed}`);
  });
});
