// Bad options and bad expectations inside a file: exit 2, one line, naming the file or option and the place.
import { describe, expect, it } from "vitest";
import { BASELINE_TEXT, expectBadInput, runCli } from "../helpers/cli.js";

const withExpectations = (expectations: string[]) =>
  JSON.stringify({ ...(JSON.parse(BASELINE_TEXT) as Record<string, unknown>), expectations });

describe("expectations written in the scenario", () => {
  it("name the file and expectations[i] when a path names nothing", async () => {
    const outcome = await runCli(["run", "x.json"], {
      files: { "x.json": withExpectations(["devices.total > 0", "devices.bogus == 0"]) },
    });
    expectBadInput(
      outcome,
      'x.json: expectations[1]: expectation "devices.bogus == 0": "devices.bogus" names nothing in the result',
    );
  });

  it("whose path names nothing are refused by check as by run: exit 2, the same line, with the nearest path", async () => {
    const files = { "x.json": withExpectations(["devices.total > 0", "timeToFirstSuccess.p99 <= 6m"]) };
    const line =
      'mdmsim: x.json: expectations[1]: expectation "timeToFirstSuccess.p99 <= 6m": "timeToFirstSuccess" names nothing in the result; did you mean "timeToFirstSuccessSeconds.p99"?\n';
    for (const command of ["check", "run"]) {
      const outcome = await runCli([command, "x.json"], { files });
      expectBadInput(outcome);
      expect(outcome.stderr, command).toBe(line);
    }
  });

  it("are checked for syntax by every command, check included", async () => {
    const outcome = await runCli(["check", "x.json"], {
      files: { "x.json": withExpectations(["nonsense"]) },
    });
    expectBadInput(outcome, 'x.json: expectations[0]: expectation "nonsense": expected PATH OP VALUE');
  });
});

describe("options that need a value", () => {
  for (const option of ["--seed", "--expect", "--set", "--format", "--trace"]) {
    it(`refuses ${option} without one`, async () => {
      expectBadInput(await runCli(["run", option]), option.slice(2));
    });
  }

  it("refuses an unknown --format choice in one line", async () => {
    expectBadInput(await runCli(["run", "--format", "xml"]), "format", "xml");
  });

  it("takes the last of a repeated single-valued option", async () => {
    const outcome = await runCli(["run", "--format", "json", "--format", "csv"]);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout.startsWith("path,value\n")).toBe(true);
  });
});
