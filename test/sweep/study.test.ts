// Study files: validation with the file and place named, zipped axes, skipped combinations, the grid.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { parseScenarioText } from "../../src/scenario/load.js";
import { parseVary } from "../../src/sweep/grid.js";
import { parseStudy, studyGrid } from "../../src/sweep/study.js";
import { planSweep } from "../../src/sweep/sweep.js";
import { singleServer } from "../helpers/scenarios.js";

const INTERVAL = "site.replicas.r1.syncInterval";
const DELAY = "site.replicas.r1.applyDelay";
const COUNT = "devices.0.count";

const study = (data: unknown) => parseStudy(data, "study.yaml");
const bad = (data: unknown) => {
  try {
    studyGrid(study(data), "study.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("no error");
};

describe("study files", () => {
  it("zips axes (value i with value i), multiplies the rest, first axis slowest", () => {
    const grid = studyGrid(
      study({
        axes: [
          {
            zip: [
              { path: INTERVAL, values: ["5m", "10m"] },
              { path: DELAY, values: ["0s", "30s"] },
            ],
          },
          { path: COUNT, values: "10,20" },
        ],
      }),
      "study.yaml",
    );
    expect(grid.map((v) => v.set)).toEqual([
      { [INTERVAL]: "5m", [DELAY]: "0s", [COUNT]: 10 },
      { [INTERVAL]: "5m", [DELAY]: "0s", [COUNT]: 20 },
      { [INTERVAL]: "10m", [DELAY]: "30s", [COUNT]: 10 },
      { [INTERVAL]: "10m", [DELAY]: "30s", [COUNT]: 20 },
    ]);
    expect(grid[3]?.overrides.map((o) => o.text)).toEqual([`${INTERVAL}=10m`, `${DELAY}=30s`, `${COUNT}=20`]);
  });

  it("skips the combinations a skip entry matches (a list means any of its values), and adds --vary after", () => {
    const grid = studyGrid(
      study({
        axes: [{ path: INTERVAL, values: "1m..3m:1m" }],
        skip: [{ [INTERVAL]: ["1m", "3m"], [COUNT]: 20 }],
      }),
      "study.yaml",
      [parseVary(`${COUNT}=10,20`)],
    );
    expect(grid.map((v) => `${String(v.set[INTERVAL])}/${String(v.set[COUNT])}`)).toEqual([
      "1m/10",
      "2m/10",
      "2m/20",
      "3m/10",
    ]);
  });

  it("names the file and the place of every mistake", () => {
    expect(bad({ axes: [] })).toBe("study.yaml: axes: expected at least one axis");
    expect(bad({ axes: [{ path: INTERVAL }] })).toBe(
      'study.yaml: axes[0].values: missing (a list of values, or values as --vary writes them, like "1m..15m:1m")',
    );
    expect(bad({ axes: [{ path: INTERVAL, valus: ["1m"] }] })).toMatch(
      /^study\.yaml: axes\[0\]: unknown field "valus"/,
    );
    expect(bad({ axes: [{ zip: [{ path: INTERVAL, values: ["1m"] }] }] })).toBe(
      "study.yaml: axes[0].zip: expected at least two axes to zip together",
    );
    expect(bad({ axes: [3] })).toBe(
      "study.yaml: axes[0]: expected { path, values } or { zip: [ { path, values }, … ] }",
    );
    expect(bad({ axes: [{ path: INTERVAL, values: [] }] })).toMatch(/^study\.yaml: axes\[0\]/);
    expect(bad({ axes: [{ path: INTERVAL, values: ["1m"] }], skipp: [] })).toBe(
      'study.yaml: (top level): unknown field "skipp" (a study has description, axes, skip; an axis { path, values } or { zip: [axes] })',
    );
    expect(
      bad({
        axes: [
          {
            zip: [
              { path: INTERVAL, values: ["1m", "2m"] },
              { path: DELAY, values: ["0s"] },
            ],
          },
        ],
      }),
    ).toBe(`study.yaml: axes[0].zip: zipped axes need as many values each (${INTERVAL}: 2, ${DELAY}: 1)`);
    expect(
      bad({
        axes: [
          { path: INTERVAL, values: ["1m"] },
          { path: INTERVAL, values: ["2m"] },
        ],
      }),
    ).toBe(`study.yaml: axes[1]: "${INTERVAL}" is already varied (by axes[0])`);
    expect(bad({ axes: [{ path: INTERVAL, values: ["1m"] }], skip: [{ [DELAY]: "0s" }] })).toBe(
      `study.yaml: skip[0]: "${DELAY}" is not a varied path (varied: ${INTERVAL})`,
    );
    expect(bad({ axes: [{ path: INTERVAL, values: ["1m"] }], skip: [{ [INTERVAL]: "1m" }] })).toBe(
      "study.yaml: skip: every combination is skipped; nothing to run",
    );
    expect(bad({ axes: [{ path: INTERVAL, values: "1m..x:1m" }] })).toMatch(
      /^study\.yaml: axes\[0\]\.values: /,
    );
  });

  it("plans a sweep from a study, naming the file when a value breaks the scenario", () => {
    const scenario = singleServer({
      duration: "2h",
      replica: { syncOffset: undefined },
      group: { count: 10 },
    });
    const plan = planSweep(scenario, {
      vary: [],
      runs: 1,
      study: { study: study({ axes: [{ path: INTERVAL, values: ["1m", "2m"] }] }), source: "s.yaml" },
    });
    expect(plan.variants.map((v) => v.set)).toEqual([{ [INTERVAL]: "1m" }, { [INTERVAL]: "2m" }]);
    expect(() =>
      planSweep(scenario, {
        vary: [],
        study: { study: study({ axes: [{ path: INTERVAL, values: ["soon"] }] }), source: "s.yaml" },
      }),
    ).toThrow(/^s\.yaml \(site\.replicas\.r1\.syncInterval=soon\): /);
  });

  it("reads the bundled example", () => {
    const text = readFileSync("examples/baseline-study.yaml", "utf8");
    const grid = studyGrid(parseStudy(parseScenarioText(text, "yaml"), "examples/baseline-study.yaml"), "x");
    expect(grid).toHaveLength(5);
  });
});
