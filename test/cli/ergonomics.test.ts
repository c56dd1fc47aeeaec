// The command line for a person typing it: suggestions for typos, -h and -v, one clean line for a bad
// value, a scenario on standard input.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { BASELINE_TEXT, expectBadInput, parseJson, REPO_ROOT, runCli } from "../helpers/cli.js";

const PACKAGE_VERSION = (JSON.parse(readFileSync(`${REPO_ROOT}package.json`, "utf8")) as { version: string })
  .version;

describe("did you mean", () => {
  it.each([
    [["swep"], 'unknown command "swep"; did you mean "sweep"?'],
    [["chek", "x.json"], 'unknown command "chek"; did you mean "check"?'],
    [["reprot"], 'did you mean "report"?'],
  ])("suggests the command for %j", async (args, message) => {
    expectBadInput(await runCli(args), message);
  });

  it("says only that a word far from every command is unknown", async () => {
    const outcome = await runCli(["deploy"]);
    expectBadInput(outcome, 'unknown command "deploy"', "mdmsim run is the place to start");
    expect(outcome.stderr).not.toContain("did you mean");
  });

  it.each([
    [["run", "--sed", "3"], "run: unknown option --sed; did you mean --seed?"],
    [["run", "--frmat", "json"], "run: unknown option --frmat; did you mean --format?"],
    [["check", "scenarios/baseline.json", "--quite"], "check: unknown option --quite; did you mean --quiet?"],
    [["sweep", "scenarios/baseline.json", "--vray", "x=1"], "did you mean --vary?"],
  ])("suggests the option for %j", async (args, message) => {
    expectBadInput(await runCli(args), message);
  });

  it("suggests a --format value", async () => {
    expectBadInput(
      await runCli(["run", "--format", "jsn"]),
      '--format: expected table, json or csv, got "jsn"; did you mean "json"?',
    );
  });

  it("says where options go when one comes before the command", async () => {
    expectBadInput(await runCli(["--seed", "3", "run"]), "--seed: options go after the command");
  });
});

describe("-h and -v", () => {
  it("-h is --help, at the top and for a command", async () => {
    for (const args of [["-h"], ["run", "-h"], ["sweep", "-h"]]) {
      const short = await runCli(args);
      const long = await runCli(args.map((a) => (a === "-h" ? "--help" : a)));
      expect(short.code, short.stderr).toBe(0);
      expect(short.stdout).toBe(long.stdout);
      expect(short.stdout).toContain("mdmsim");
    }
  });

  it("-v prints the version", async () => {
    const outcome = await runCli(["-v"]);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout.trim()).toBe(PACKAGE_VERSION);
  });
});

describe("bad values in one clean line", () => {
  it.each([
    [["run", "--seed", "abc"], '--seed: expected an integer >= 0, got "abc"'],
    [["run", "--seed", "-1"], '--seed: expected an integer >= 0, got "-1"'],
    [["run", "--seed", "1.5"], '--seed: expected an integer >= 0, got "1.5"'],
    [["run", "--format", "xml"], '--format: expected table, json or csv, got "xml"'],
    [
      ["sweep", "scenarios/baseline.json", "--vary", "devices.0.count=1,2", "--runs", "many"],
      '--runs: expected an integer from 1 to 100000, got "many"',
    ],
    [
      ["sweep", "scenarios/baseline.json", "--vary", "devices.0.count=1,2", "--jobs", "0"],
      '--jobs: expected an integer from 1 to 1024, got "0"',
    ],
    [["run", "--seed"], "--seed: expected a value"],
    [["check"], "check: missing <scenario>"],
    [["merge"], "merge: missing <files..>"],
  ])("%j", async (args, message) => {
    const outcome = await runCli(args);
    expectBadInput(outcome, message);
    expect(outcome.stderr).not.toMatch(/NaN|Invalid values|Argument:/);
  });

  it("names the flag for a library argument: --trace, --runs", async () => {
    expectBadInput(await runCli(["run", "--trace", "nobody-1"]), "mdmsim: --trace nobody-1: no such device");
  });
});

describe("- reads the scenario from standard input", () => {
  it("runs what standard input holds, the same as the file", async () => {
    const piped = await runCli(["run", "-", "--format", "json"], { stdin: BASELINE_TEXT });
    const file = await runCli(["run", "scenarios/baseline.json", "--format", "json"]);
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout).toBe(file.stdout);
    expect(parseJson(piped.stdout).scenario).toBe("baseline");
  });

  it("names standard input in a message about its content", async () => {
    expectBadInput(await runCli(["check", "-"], { stdin: "{ nope" }), "(standard input)");
  });

  it("reads YAML too", async () => {
    const yaml = stringify(JSON.parse(BASELINE_TEXT));
    const piped = await runCli(["check", "-", "--format", "json"], { stdin: yaml });
    const file = await runCli(["check", "scenarios/baseline.json", "--format", "json"]);
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout).toBe(file.stdout);
  });
});

describe("a variant refused only when its runs are priced", () => {
  // Each value is within the limits alone; together 5,000,000 devices over 300 days are not.
  const vary = ["--vary", "devices.hq-windows.count=1000,5000000", "--vary", "duration=1h,300d"];
  const message =
    "baseline, --vary devices.hq-windows.count=5000000 --vary duration=300d: duration: the run would process about";

  it("is named with the file and its values by sweep and by report alike", async () => {
    expectBadInput(await runCli(["sweep", "baseline", ...vary]), message);
    expectBadInput(await runCli(["report", "baseline", ...vary, "--out", "never-written.html"]), message);
  });
});
