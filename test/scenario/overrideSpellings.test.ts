// One field under two spellings (`devices.0.count` and `devices.hq-windows.count`) is refused: which value
// wins would depend on the order of the options.
import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/errors.js";
import { loadScenario } from "../../src/scenario/load.js";
import { applyOverrides } from "../../src/scenario/overrides.js";
import { expectBadInput, runBin, runCli } from "../helpers/cli.js";
import { BASELINE_TEXT } from "./helpers.js";

const baseline = loadScenario(BASELINE_TEXT);
const BOTH = '"devices.hq-windows.count" and "devices.0.count" name the same field, devices[0].count';

describe("applyOverrides: one field, two spellings", () => {
  // Issue 27: the last one given won, silently.
  it("refuses an index and a name for the same element, naming both spellings", () => {
    expect(() => applyOverrides(baseline, ["devices.0.count=5", "devices.hq-windows.count=6"])).toThrow(
      new ScenarioError(`${BOTH}: give it once`, [], "--set devices.hq-windows.count=6"),
    );
  });

  it("refuses it in either order and under any two names of one server", () => {
    expect(() => applyOverrides(baseline, ["devices.hq-windows.count=6", "devices.0.count=5"])).toThrow(
      '"devices.0.count" and "devices.hq-windows.count" name the same field',
    );
    expect(() =>
      applyOverrides(baseline, ["site.replicas.replica1.syncInterval=1m", "site.replicas.0.syncInterval=2m"]),
    ).toThrow('"site.replicas.0.syncInterval" and "site.replicas.replica1.syncInterval" name the same field');
  });

  it("still lets different fields of one element and one spelling twice through", () => {
    const s = applyOverrides(baseline, ["devices.0.count=5", "devices.hq-windows.firstPollDelay=1m"]);
    expect(s.devices[0]?.count).toBe(5);
    expect(applyOverrides(baseline, ["devices.0.count=5", "devices.0.count=7"]).devices[0]?.count).toBe(7);
  });
});

describe("--set and --vary under two spellings", () => {
  it("run --set exits 2 naming both", async () => {
    expectBadInput(
      await runCli(["run", "--set", "devices.0.count=5", "--set", "devices.hq-windows.count=6"]),
      "--set devices.hq-windows.count=6",
      BOTH,
    );
  });

  it("sweep --vary exits 2 naming both, through bin/mdmsim", () => {
    expectBadInput(
      runBin([
        "sweep",
        "scenarios/baseline.json",
        "--vary",
        "devices.0.count=5,6",
        "--vary",
        "devices.hq-windows.count=7,8",
        "--runs",
        "1",
      ]),
      "--vary devices.hq-windows.count=7",
      BOTH,
    );
  });
});
