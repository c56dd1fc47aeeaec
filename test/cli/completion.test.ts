// TAB as the shell asks for it: the script `mdmsim completion` prints runs `mdmsim --get-yargs-completions
// mdmsim WORDS…` (the word being completed last). No error text ever; an option's values are offered.
import { describe, expect, it } from "vitest";
import { runBin } from "../helpers/cli.js";

function tab(...words: string[]): string[] {
  const outcome = runBin(["--get-yargs-completions", "mdmsim", ...words]);
  expect(outcome.code, outcome.stderr).toBe(0);
  expect(outcome.stderr).toBe("");
  return outcome.stdout.split("\n").filter((l) => l !== "");
}

describe("completion", () => {
  it("the script asks mdmsim for its words", () => {
    expect(runBin(["completion"]).stdout).toContain("--get-yargs-completions");
  });

  it("offers the commands at the start", () => {
    expect(tab("")).toEqual(expect.arrayContaining(["run", "check", "sweep", "compare", "completion"]));
    expect(tab("ru")).toContain("run");
  });

  it("offers an option's values: --format's choices, compare's markdown too, after `--format=` as well", () => {
    expect(tab("run", "--format", "")).toEqual(["table", "json", "csv"]);
    expect(tab("check", "baseline", "--format", "j")).toEqual(["table", "json", "csv"]);
    expect(tab("compare", "a.json", "--format", "")).toEqual(["table", "json", "csv", "markdown"]);
    expect(tab("run", "--format", "=", "")).toEqual(["table", "json", "csv"]);
  });

  it("after a file or a free value: nothing, quietly, so the shell completes file names", () => {
    expect(tab("run", "scenarios/baseline.json")).toEqual([]);
    expect(tab("check", "sc")).toEqual([]);
    expect(tab("run", "scenarios/baseline.json", "")).toEqual([]);
    expect(tab("run", "--seed", "")).toEqual([]);
    expect(tab("report", "baseline", "--out", "")).toEqual([]);
    expect(tab("nonsense", "")).toEqual([]);
  });

  it("offers a command's options when a dash is typed", () => {
    const options = tab("sweep", "baseline", "--");
    expect(options).toEqual(expect.arrayContaining(["--vary", "--runs", "--json", "--format", "--help"]));
    expect(tab("run", "--")).toEqual(expect.arrayContaining(["--records", "--print-scenario"]));
  });
});
