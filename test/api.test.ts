// The public surface, pinned: a change to it shows in review. And the README's example cannot rot.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("public API", () => {
  it("exports exactly these names from mdmsim", async () => {
    const api = await import("../src/index.js");
    expect(Object.keys(api).sort()).toEqual([
      "DEFAULT_METRICS",
      "DEFAULT_RUNS",
      "REASONS",
      "RUN_LIMITS",
      "ScenarioError",
      "UsageError",
      "applyOverrides",
      "checkScenario",
      "evaluateExpectations",
      "expectedVisibilityDelay",
      "formatDuration",
      "loadScenario",
      "mergeShards",
      "parseDuration",
      "parseExpectation",
      "parseOverride",
      "parseScenarioText",
      "parseVary",
      "reachability",
      "renderRunTable",
      "replicaClosedForm",
      "runCompare",
      "runSweep",
      "scenarioJsonSchema",
      "simulate",
      "studentTQuantile",
    ]);
  });

  it("exports exactly these names from mdmsim/testing", async () => {
    const api = await import("../src/testing/index.js");
    expect(Object.keys(api).sort()).toEqual([
      "expectedVisibilityDelay",
      "firstPollAfterVisibilitySucceeds",
      "noMacOnReplicaDmp",
      "scenarioArbitrary",
      "successAfterVisibility",
      "visibilityWithinSyncWindow",
    ]);
  });

  it("shows the property-test example in the README exactly as the suite runs it", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const example = readFileSync(new URL("../examples/site.property.test.ts", import.meta.url), "utf8");
    expect(readme).toContain("```ts\n" + example + "```");
  });
});
