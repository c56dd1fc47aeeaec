// The library's option objects: a caller's null, wrong kind, value out of range or typo is a UsageError
// naming the function and the option, before any work (it was a TypeError from inside the run, silently
// ignored, or a ScenarioError for maxEvents).
import { describe, expect, it } from "vitest";
import * as mdmsim from "../src/index.js";
import { usageError } from "./helpers/usageError.js";
import { BASELINE_TEXT } from "./scenario/helpers.js";

const scenario = mdmsim.loadScenario(BASELINE_TEXT);
const data = JSON.parse(BASELINE_TEXT) as mdmsim.ScenarioInput;
const side = { scenario: "baseline", file: "baseline.json", with: {} };

describe("simulate's options", () => {
  it.each([
    [null, "options: expected an object of options, got null"],
    [5, "options: expected an object of options, got 5"],
    [{ trace: null }, 'trace: expected a device name, like "hq-windows-1", got null'],
    [{ onProgress: 5 }, "onProgress: expected a function (done, total), got 5"],
    [{ perDevice: "yes" }, 'perDevice: expected true or false, got "yes"'],
    [{ expectations: "devices.enrolled > 0" }, "expectations: expected a list of expectation strings"],
    [{ expectations: [1] }, "expectations: expected a list of expectation strings"],
    [{ maxEvents: "1e9" }, 'maxEvents: expected a number >= 1, got "1e9"'],
    [{ maxEvents: -1 }, "simulate: maxEvents: expected a number >= 1, got -1"],
    [{ maxEvents: Number.NaN }, "simulate: maxEvents: expected a number >= 1, got NaN"],
    [{ seed: "7" }, 'seed: expected an integer >= 0, got "7"'],
    [{ sed: 7 }, 'sed: no such option (did you mean "seed"?)'],
  ])("refuses %j naming the option", (options, message) => {
    const error = usageError(() => mdmsim.simulate(scenario, options as never));
    expect(error.message).toContain(message);
  });

  it("refuses them for a scenario as a file holds it too, and accepts undefined fields", () => {
    expect(usageError(() => mdmsim.simulate(data, { trace: null } as never)).about).toEqual({
      argument: "trace",
      function: "simulate",
    });
    expect(mdmsim.simulate(data, { seed: undefined, trace: undefined }).seed).toBe(scenario.seed);
  });
});

describe("runSweep's, runCompare's and mergeShards' arguments", () => {
  it("runSweep refuses options that are not an object, a missing vary, a vary of the wrong kind", () => {
    expect(usageError(() => mdmsim.runSweep(scenario, null as never)).message).toBe(
      "runSweep: options: expected an object of options, got null",
    );
    expect(usageError(() => mdmsim.runSweep(scenario, {} as never)).message).toContain(
      "vary: expected a list of",
    );
    expect(
      usageError(() => mdmsim.runSweep(scenario, { vary: "devices.0.count=1,2" } as never)).message,
    ).toContain('vary: expected a list of "PATH=V1,V2,…" strings');
    expect(
      usageError(() => mdmsim.runSweep(data, { vary: ["devices.0.count=1,2"], run: 2 } as never)).message,
    ).toContain('run: no such option (did you mean "runs"?)');
  });

  it("runCompare refuses bad sides and options, and takes a scenario as a file holds it", () => {
    expect(usageError(() => mdmsim.runCompare(scenario, scenario, null as never)).message).toContain(
      "sides: expected { a, b }",
    );
    expect(
      usageError(() =>
        mdmsim.runCompare(scenario, scenario, { a: side, b: { ...side, with: null } } as never),
      ).message,
    ).toContain("sides.b.with: expected the overrides applied to it");
    expect(
      usageError(() => mdmsim.runCompare(scenario, scenario, { a: side, b: side }, { runs: "3" } as never))
        .message,
    ).toBe('runCompare: runs: expected an integer >= 1, got "3"');
    const small = { ...data, devices: data.devices.map((g) => ({ ...g, count: 5 })) };
    expect(mdmsim.runCompare(small, small, { a: side, b: side }, { runs: 2 }).runs).toBe(2);
  });

  it("mergeShards refuses a list that is not one, and reachability a time that is not one", () => {
    expect(usageError(() => mdmsim.mergeShards(null as never)).message).toContain("files: expected a list");
    expect(usageError(() => mdmsim.reachability(scenario, Number.NaN)).message).toContain(
      "time: expected seconds from the start",
    );
    expect(usageError(() => mdmsim.reachability(scenario, "0" as never)).message).toContain("time:");
  });
});

describe("applyOverrides' and renderRunTable's arguments", () => {
  it("applyOverrides refuses a list of overrides that is not one, and a scenario that is not an object", () => {
    expect(usageError(() => mdmsim.applyOverrides(scenario, null as never)).message).toContain(
      'overrides: expected a list of "PATH=VALUE" strings',
    );
    expect(usageError(() => mdmsim.applyOverrides(scenario, [5] as never)).about).toEqual({
      argument: "overrides",
    });
    expect(() => mdmsim.applyOverrides(null as never, ["devices.0.count=3"])).toThrow(mdmsim.ScenarioError);
  });

  it("applyOverrides loads a file's data first: a path may name a default the file leaves out", () => {
    // The baseline's group says no polling: its platform's default phases are there once loaded.
    expect(data).not.toHaveProperty(["devices", 0, "polling"]);
    expect(mdmsim.applyOverrides(data, ["devices.0.polling.0.every=1m"]).devices[0]?.polling[0]?.every).toBe(
      60,
    );
  });

  it("renderRunTable refuses options that are not an object of known options", () => {
    const small = { ...data, devices: data.devices.map((g) => ({ ...g, count: 3 })) };
    const result = mdmsim.simulate(small);
    expect(usageError(() => mdmsim.renderRunTable(result, null as never)).message).toBe(
      "renderRunTable: options: expected an object of options, got null",
    );
    expect(usageError(() => mdmsim.renderRunTable(result, { columns: "80" } as never)).message).toBe(
      'renderRunTable: columns: expected a whole number of columns >= 10 (or Infinity), got "80"',
    );
    expect(usageError(() => mdmsim.renderRunTable(result, { colour: true } as never)).message).toContain(
      'colour: no such option (did you mean "color"?)',
    );
    expect(mdmsim.renderRunTable(result, { columns: 100 })).toContain("mdmsim run:");
  });
});
