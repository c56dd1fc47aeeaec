// One field under two spellings (`devices.0.count` and `devices.hq-windows.count`) is refused: which value
// wins would depend on the order of the options.
import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/errors.js";
import { loadScenario } from "../../src/scenario/load.js";
import { applyOverrides, checkSpellings, parseOverride } from "../../src/scenario/overrides.js";
import { expectBadInput, runBin, runCli } from "../helpers/cli.js";
import { BASELINE_TEXT } from "./helpers.js";

const baseline = loadScenario(BASELINE_TEXT);
const BOTH = '"devices.hq-windows.count" and "devices.0.count" name the same field, devices[0].count';
/** A sweep of the baseline varying one field under both spellings: refused naming BOTH. */
const TWO_VARIED = [
  "sweep",
  "scenarios/baseline.json",
  "--vary",
  "devices.0.count=5,6",
  "--vary",
  "devices.hq-windows.count=7,8",
];

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
    expectBadInput(runBin([...TWO_VARIED, "--runs", "1"]), "--vary devices.hq-windows.count=7", BOTH);
  });
});

// Issue 27, round 3: the rule held within --set and within --vary, not across them: `--set` then `--vary`
// under two spellings was accepted (--vary silently winning), and `--list` showed a grid the run refuses.
describe("checkSpellings: across options applied apart", () => {
  it("refuses the later option's spelling of a field an earlier option named otherwise", () => {
    const set = parseOverride("devices.hq-windows.count=3");
    const varied = parseOverride("devices.0.count=1");
    expect(() => {
      checkSpellings(baseline, [
        { override: set, source: "--set devices.hq-windows.count=3" },
        { override: varied, source: "--vary devices.0.count=1" },
      ]);
    }).toThrow(
      new ScenarioError(
        '"devices.0.count" and "devices.hq-windows.count" name the same field, devices[0].count: give it once',
        [],
        "--vary devices.0.count=1",
      ),
    );
  });

  it("lets one spelling twice and different fields through, and leaves a path naming nothing to its option", () => {
    expect(() => {
      checkSpellings(baseline, [
        { override: parseOverride("devices.0.count=3"), source: "--set" },
        { override: parseOverride("devices.0.count=4"), source: "--vary" },
        { override: parseOverride("devices.hq-windows.firstPollDelay=1m"), source: "--vary" },
        { override: parseOverride("devices.nope.count=1"), source: "--set" },
      ]);
    }).not.toThrow();
  });
});

describe("--set against --vary and --with under two spellings", () => {
  const SET_FIRST = '"devices.0.count" and "devices.hq-windows.count" name the same field, devices[0].count';
  const sweep = ["sweep", "scenarios/baseline.json", "--set", "devices.hq-windows.count=3"];

  it("sweep exits 2 naming both, the --vary option to blame", async () => {
    expectBadInput(
      await runCli([...sweep, "--vary", "devices.0.count=1,2", "--runs", "1"]),
      "--vary devices.0.count=1",
      SET_FIRST,
    );
  });

  it("sweep --list refuses the grid the run refuses, across --set and --vary and within --vary", async () => {
    expectBadInput(
      await runCli([...sweep, "--vary", "devices.0.count=1,2", "--list"]),
      "--vary devices.0.count=1",
      SET_FIRST,
    );
    expectBadInput(await runCli([...TWO_VARIED, "--list"]), "--vary devices.hq-windows.count=7", BOTH);
  });

  it("report --vary exits 2 naming both", async () => {
    expectBadInput(
      await runCli([
        "report",
        "scenarios/baseline.json",
        "--set",
        "devices.hq-windows.count=3",
        "--vary",
        "devices.0.count=1,2",
        "--out",
        "never-written.html",
      ]),
      SET_FIRST,
    );
  });

  it("compare exits 2 when --with names a field --set named otherwise", async () => {
    expectBadInput(
      await runCli([
        "compare",
        "scenarios/baseline.json",
        "--set",
        "devices.hq-windows.count=3",
        "--with",
        "devices.0.count=5",
        "--runs",
        "1",
      ]),
      "--with devices.0.count=5",
      SET_FIRST,
    );
  });

  it("still runs one spelling in --set and --vary, --vary taking the field", async () => {
    const outcome = await runCli([
      "sweep",
      "scenarios/baseline.json",
      "--set",
      "devices.0.count=3",
      "--vary",
      "devices.0.count=1,2",
      "--list",
      "--format",
      "csv",
    ]);
    expect(outcome.code, outcome.stderr).toBe(0);
  });
});
