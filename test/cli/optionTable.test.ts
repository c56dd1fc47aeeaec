// Each kind of table entry: what it accepts, what it gives when absent, and the one-line message otherwise.
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import {
  argumentLabel,
  choice,
  decodeArguments,
  flag,
  flagName,
  integer,
  list,
  optionalPositional,
  requiredPositional,
  requiredText,
  text,
  textWithDefault,
  variadicPositional,
  type OptionTable,
} from "../../src/cli/optionTable.js";

const describe_ = { describe: "x" };

describe("names", () => {
  it("spells property names as flags and positionals as <name>", () => {
    expect(flagName("printScenario")).toBe("print-scenario");
    expect(flagName("seed")).toBe("seed");
    expect(argumentLabel("printScenario", { positional: false })).toBe("--print-scenario");
    expect(argumentLabel("scenario", { positional: true })).toBe("<scenario>");
  });
});

describe("flag", () => {
  it("is true when given, false when absent or negated", () => {
    const f = flag(describe_);
    expect(f.decode(true, "--q")).toBe(true);
    expect(f.decode(undefined, "--q")).toBe(false);
    expect(f.decode(false, "--q")).toBe(false);
    expect(f.decode([false, true], "--q")).toBe(true);
  });
});

describe("integer", () => {
  const seed = integer({ min: 0, ...describe_ });
  const jobs = integer({ min: 1, max: 8, ...describe_ });

  it("takes whole numbers in range, the last of several, and nothing as undefined", () => {
    expect(seed.decode("42", "--seed")).toBe(42);
    expect(seed.decode(" 7 ", "--seed")).toBe(7);
    expect(seed.decode(["1", "2"], "--seed")).toBe(2);
    expect(seed.decode(undefined, "--seed")).toBeUndefined();
    expect(jobs.decode("8", "--jobs")).toBe(8);
  });

  it.each([
    ["abc", '--seed: expected an integer >= 0, got "abc"'],
    ["1.5", '--seed: expected an integer >= 0, got "1.5"'],
    ["-1", '--seed: expected an integer >= 0, got "-1"'],
    ["", '--seed: expected an integer >= 0, got ""'],
    ["1e3", '--seed: expected an integer >= 0, got "1e3"'],
    ["99999999999999999999", '--seed: expected an integer >= 0, got "99999999999999999999"'],
  ])("refuses %j in one line naming the option and the text given (never NaN)", (raw, message) => {
    expect(() => seed.decode(raw, "--seed")).toThrow(new UsageError(message));
  });

  it("names the range when there is a maximum", () => {
    expect(() => jobs.decode("9", "--jobs")).toThrow('--jobs: expected an integer from 1 to 8, got "9"');
  });
});

describe("choice", () => {
  const format = choice({ choices: ["table", "json", "csv"], default: "table", describe: "output format" });

  it("takes one of its values, the default when absent", () => {
    expect(format.decode("csv", "--format")).toBe("csv");
    expect(format.decode(undefined, "--format")).toBe("table");
    expect(format.describe).toBe("output format: table, json or csv");
  });

  it("refuses anything else in one line, with the nearest value for a typo", () => {
    expect(() => format.decode("xml", "--format")).toThrow(
      new UsageError('--format: expected table, json or csv, got "xml"'),
    );
    expect(() => format.decode("jsn", "--format")).toThrow('got "jsn"; did you mean "json"?');
  });
});

describe("text and lists", () => {
  it("gives text as given, or undefined, or the default", () => {
    expect(text(describe_).decode("hq-1", "--trace")).toBe("hq-1");
    expect(text(describe_).decode(undefined, "--trace")).toBeUndefined();
    expect(text(describe_).decode(12, "--trace")).toBe("12");
    expect(textWithDefault({ default: "5s", ...describe_ }).decode(undefined, "--timeout")).toBe("5s");
    expect(requiredText(describe_).decode("a.html", "--out")).toBe("a.html");
    expect(() => requiredText(describe_).decode(undefined, "--out")).toThrow("--out: missing");
  });

  it("gives lists as arrays of strings, [] when absent", () => {
    expect(list(describe_).decode(undefined, "--set")).toEqual([]);
    expect(list(describe_).decode("a=1", "--set")).toEqual(["a=1"]);
    expect(list(describe_).decode(["a=1", 2], "--set")).toEqual(["a=1", "2"]);
  });

  it("marks positionals", () => {
    expect(requiredPositional(describe_)).toMatchObject({ positional: true, required: true });
    expect(optionalPositional(describe_)).toMatchObject({ positional: true, required: false });
    expect(variadicPositional(describe_)).toMatchObject({ positional: true, required: true, kind: "list" });
    expect(() => requiredPositional(describe_).decode(undefined, "<scenario>")).toThrow(
      "<scenario>: missing",
    );
  });
});

describe("decodeArguments", () => {
  interface Args {
    readonly scenario: string | undefined;
    readonly seed: number | undefined;
    readonly printScenario: boolean;
    readonly set: string[];
  }
  const table: OptionTable<Args> = {
    scenario: optionalPositional(describe_),
    seed: integer({ min: 0, ...describe_ }),
    printScenario: flag(describe_),
    set: list(describe_),
  };

  it("gives every key of the table, decoded", () => {
    expect(
      decodeArguments(table, { scenario: "a.json", seed: "3", printScenario: true, _: ["run"] }),
    ).toEqual({
      scenario: "a.json",
      seed: 3,
      printScenario: true,
      set: [],
    });
  });

  it("names the flag of a bad value as the command line spells it", () => {
    expect(() => decodeArguments(table, { seed: "x" })).toThrow(/^--seed: /);
  });
});
