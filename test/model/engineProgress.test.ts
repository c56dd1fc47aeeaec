// simulate's onProgress: the devices done, every PROGRESS_DEVICES devices and at each group's end, in
// order, ending at the total; the result is the same with or without it.
import { describe, expect, it } from "vitest";
import { PROGRESS_DEVICES } from "../../src/model/engine.js";
import { loadScenario } from "../../src/scenario/load.js";
import { simulate } from "../../src/simulate.js";
import { BASELINE_TEXT } from "../helpers/cli.js";

describe("simulate's onProgress", () => {
  it("counts devices across groups up to the total, and changes nothing", () => {
    const base = JSON.parse(BASELINE_TEXT) as { devices: { name: string; count: number }[] };
    const first = base.devices[0];
    if (first === undefined) throw new Error("the baseline has a device group");
    const data = {
      ...base,
      devices: [
        { ...first, count: 2 * PROGRESS_DEVICES + 5 },
        { ...first, name: "second", count: 3 },
      ],
    };
    const scenario = loadScenario(data);
    const total = 2 * PROGRESS_DEVICES + 8;
    const calls: [number, number][] = [];
    const withProgress = simulate(scenario, { onProgress: (done, all) => calls.push([done, all]) });
    expect(calls).toEqual([
      [PROGRESS_DEVICES, total],
      [2 * PROGRESS_DEVICES, total],
      [2 * PROGRESS_DEVICES + 5, total],
      [total, total],
    ]);
    expect(withProgress).toEqual(simulate(scenario));
  });
});
