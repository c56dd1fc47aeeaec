// Errors in the library's words: a UsageError names the library argument; the CLI swaps in the flag.
import { describe, expect, it } from "vitest";
import { ScenarioError, UsageError } from "../src/errors.js";
import { loadScenario } from "../src/scenario/load.js";
import { simulate } from "../src/simulate.js";
import { planSweep } from "../src/sweep/sweep.js";
import { BASELINE_TEXT } from "./helpers/cli.js";

const baseline = () => loadScenario(JSON.parse(BASELINE_TEXT) as unknown);

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("UsageError", () => {
  it("starts its message with the argument (and value) it is about", () => {
    const e = new UsageError("expected an integer", { argument: "runs" });
    expect(e.message).toBe("runs: expected an integer");
    expect(e.detail).toBe("expected an integer");
    expect(new UsageError("bad", { argument: "vary", value: "a=1" }).message).toBe("vary a=1: bad");
    expect(new UsageError("plain").message).toBe("plain");
    expect(new UsageError("plain").about).toBeUndefined();
  });

  it("refuses its own bad arguments in the words every argument check uses", () => {
    const e = thrown(() => new UsageError(5 as never));
    expect(e).toBeInstanceOf(UsageError);
    expect(e instanceof Error && e.message).toBe("UsageError: detail: expected a string, got 5");
    expect(thrown(() => new ScenarioError("x", [true as never]))).toMatchObject({
      message: "ScenarioError: path: expected a list of keys and indexes, got an array",
    });
    expect(thrown(() => new ScenarioError("x", [], "x".repeat(80) as never, null as never))).toMatchObject({
      message: "ScenarioError: more: expected a list of { path, detail }, got null",
    });
    expect(thrown(() => new UsageError("x", { argument: "y".repeat(80), value: 5 } as never))).toMatchObject({
      message: "UsageError: about: expected { argument, value?, function? }, strings, got an object",
    });
  });

  it("is what simulate throws for an unknown trace device, in the library's words", () => {
    const e = thrown(() => simulate(baseline(), { trace: "nobody-1" }));
    expect(e).toBeInstanceOf(UsageError);
    expect(e instanceof UsageError && e.about).toEqual({ argument: "trace", value: "nobody-1" });
    expect(e instanceof Error && e.message).toMatch(/^trace nobody-1: no such device/);
    expect(e instanceof Error && e.message).not.toContain("--");
  });

  it("is what planSweep throws for bad runs and seed", () => {
    const vary = ["devices.0.count=1,2"];
    const runs = thrown(() => planSweep(baseline(), { vary, runs: 0 }));
    expect(runs instanceof UsageError && runs.about?.argument).toBe("runs");
    const seed = thrown(() => planSweep(baseline(), { vary, seed: -1 }));
    expect(seed instanceof UsageError && seed.message).toBe("seed: expected an integer >= 0, got -1");
  });
});

describe("ScenarioError", () => {
  it("names source and path before the detail", () => {
    const e = new ScenarioError("expected an integer", ["devices", 0, "count"], "a.json");
    expect(e.message).toBe("a.json: devices[0].count: expected an integer");
    expect(e.withSource("b.json").message).toBe("b.json: devices[0].count: expected an integer");
  });
});
