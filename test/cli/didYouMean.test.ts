// "Did you mean" for commands, options and values: only for a typo.
import { describe, expect, it } from "vitest";
import { didYouMean } from "../../src/cli/didYouMean.js";

const COMMANDS = ["run", "check", "reach", "sweep", "merge", "probe", "report", "schema"];

describe("didYouMean", () => {
  it.each([
    ["swep", "sweep"],
    ["chek", "check"],
    ["raech", "reach"],
    ["REPORT", "report"],
    ["schma", "schema"],
  ])("suggests %s → %s", (typed, expected) => {
    expect(didYouMean(typed, COMMANDS)).toBe(`; did you mean "${expected}"?`);
  });

  it("says nothing for a word that is not near any name", () => {
    expect(didYouMean("deploy", COMMANDS)).toBe("");
    expect(didYouMean("x", ["run"])).toBe("");
    expect(didYouMean("yaml", ["table", "json", "csv"])).toBe("");
  });

  it("shows the name as the caller spells it", () => {
    expect(didYouMean("--sed", ["--seed", "--set"], (n) => n)).toBe("; did you mean --seed?");
    expect(didYouMean("jsn", ["table", "json", "csv"])).toBe('; did you mean "json"?');
  });
});
