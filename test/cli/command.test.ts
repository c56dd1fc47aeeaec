// A command from its table: the usage line yargs gets, what it refuses before running, the exit code it returns.
import { describe, expect, it } from "vitest";
import yargs from "yargs";
import { defineCommand, libraryFlag } from "../../src/cli/command.js";
import {
  flag,
  integer,
  optionalPositional,
  requiredPositional,
  variadicPositional,
} from "../../src/cli/optionTable.js";
import { captureIo } from "../helpers/cli.js";

interface EchoArgs {
  readonly scenario: string;
  readonly seed: number | undefined;
  readonly dryRun: boolean;
}

const seen: EchoArgs[] = [];
const echo = defineCommand<EchoArgs>({
  name: "echo",
  examples: [["mdmsim echo s.json", "echo a scenario"]],
  describe: "test command",
  options: {
    scenario: requiredPositional({ describe: "file" }),
    seed: integer({ min: 0, describe: "seed" }),
    dryRun: flag({ describe: "do nothing" }),
  },
  run: (args) => {
    seen.push(args);
    return args.dryRun ? 0 : 1;
  },
});

const env = () => ({ io: captureIo().io, context: { seed: undefined, scenario: undefined } });

describe("defineCommand", () => {
  it("writes the usage line from the positionals: <required>, [optional], <rest..>", () => {
    expect(echo.usage).toBe("echo <scenario>");
    const two = defineCommand<{ readonly a: string | undefined; readonly files: string[] }>({
      name: "two",
      examples: [],
      describe: "",
      options: { a: optionalPositional({ describe: "" }), files: variadicPositional({ describe: "" }) },
      run: () => 0,
    });
    expect(two.usage).toBe("two [a] <files..>");
  });

  it("runs with the typed arguments and returns the handler's exit code", async () => {
    seen.length = 0;
    const code = await echo.execute(
      { _: ["echo"], $0: "mdmsim", scenario: "a.json", seed: "5", dryRun: true },
      ["echo", "a.json"],
      env(),
    );
    expect(code).toBe(0);
    expect(seen).toEqual([{ scenario: "a.json", seed: 5, dryRun: true }]);
    expect(await echo.execute({ _: ["echo"], scenario: "a.json" }, [], env())).toBe(1);
  });

  it("refuses an unknown option as typed, with the nearest flag", async () => {
    await expect(
      echo.execute({ _: ["echo"], scenario: "a", sed: "1" }, ["echo", "a", "--sed", "1"], env()),
    ).rejects.toThrow("echo: unknown option --sed; did you mean --seed?");
    await expect(
      echo.execute({ _: ["echo"], scenario: "a", dryRn: true }, ["--dry-rn"], env()),
    ).rejects.toThrow("echo: unknown option --dry-rn; did you mean --dry-run?");
    await expect(
      echo.execute({ _: ["echo"], scenario: "a", verify: false }, ["--no-verify"], env()),
    ).rejects.toThrow(/^echo: unknown option --no-verify$/);
  });

  it("refuses a word after the last positional", async () => {
    await expect(echo.execute({ _: ["echo", "b.json"], scenario: "a" }, [], env())).rejects.toThrow(
      'echo: unexpected argument "b.json"',
    );
  });

  it("declares every option to yargs, which parses them as text for the table to check", async () => {
    const parsed = await yargs()
      .command(echo.usage, echo.describe, (y) => echo.declare(y))
      .parseAsync(["echo", "x.json", "--seed", "007", "--dry-run"]);
    expect(parsed).toMatchObject({ scenario: "x.json", seed: "007", dryRun: true });
  });
});

describe("libraryFlag", () => {
  it("names a library argument by its flag", () => {
    expect(libraryFlag("runs")).toBe("--runs");
    expect(libraryFlag("metrics")).toBe("--metric");
    expect(libraryFlag("expectations")).toBe("--expect");
  });
});
