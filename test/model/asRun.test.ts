// The scenario as a run uses it: drawn values written in, and loading it back runs the same.
import { describe, expect, it } from "vitest";
import { scenarioAsRun } from "../../src/model/asRun.js";
import { syncOffset } from "../../src/model/replica.js";
import { loadScenario } from "../../src/scenario/load.js";
import { simulate } from "../../src/simulate.js";
import { build, mpOnReplica } from "../helpers/ruleScenarios.js";

describe("scenarioAsRun", () => {
  const scenario = build("windows", mpOnReplica, (d) => {
    d.site.replicas = [{ name: "r1", syncInterval: "5m" }];
  });

  it("writes in the seed and each replica's drawn syncOffset", () => {
    expect(scenario.site.replicas[0]?.syncOffset).toBeUndefined();
    const asRun = scenarioAsRun(scenario, 77);
    expect(asRun.seed).toBe(77);
    const offset = asRun.site.replicas[0]?.syncOffset;
    expect(offset).toBe(syncOffset(scenario.site.replicas[0]!, 77));
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThan(300);
  });

  it("is a scenario file: loaded back, it runs to the same result, and other seeds leave the offset alone", () => {
    const asRun = scenarioAsRun(scenario, 77);
    const reloaded = loadScenario(JSON.parse(JSON.stringify(asRun)) as unknown);
    expect(JSON.stringify(simulate(reloaded))).toBe(JSON.stringify(simulate(scenario, { seed: 77 })));
    expect(reloaded.site.replicas[0]?.syncOffset).toBe(asRun.site.replicas[0]?.syncOffset);
  });

  it("leaves out `$schema`, a path relative to the file the scenario came from", () => {
    const withSchema = { ...scenario, $schema: "../scenario.schema.json" };
    expect(Object.keys(scenarioAsRun(withSchema, 1))).not.toContain("$schema");
  });

  it("keeps a syncOffset the scenario gives", () => {
    const given = build("windows", mpOnReplica);
    expect(scenarioAsRun(given, 5).site.replicas[0]?.syncOffset).toBe(100);
  });
});

describe("drawn offsets", () => {
  it("are whole milliseconds, so the printed scenario reads as a person writes it and runs the same", () => {
    for (const seed of [1, 2, 3, 77, 12345]) {
      const offset =
        scenarioAsRun(
          build("windows", mpOnReplica, (d) => {
            d.site.replicas = [{ name: "r1", syncInterval: "5m" }];
          }),
          seed,
        ).site.replicas[0]?.syncOffset ?? Number.NaN;
      expect(Math.round(offset * 1000) / 1000).toBe(offset);
      expect(String(offset)).toMatch(/^\d+(\.\d{1,3})?$/);
    }
  });
});
