// The configuration difference between two loaded scenarios.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configurationDifferences } from "../../src/compare/configurationDifference.js";
import { loadScenario, parseScenarioText } from "../../src/scenario/load.js";
import { applyOverrides } from "../../src/scenario/overrides.js";

const baseline = loadScenario(parseScenarioText(readFileSync("scenarios/baseline.json", "utf8")));
const twoDmps = loadScenario(parseScenarioText(readFileSync("scenarios/two-dmps.json", "utf8")));

describe("configurationDifferences", () => {
  it("names each changed path by the names --set takes, with loaded values (seconds, defaults)", () => {
    const b = applyOverrides(baseline, [
      "site.replicas.replica1.syncInterval=10m",
      "devices.hq-windows.enrollment.delay=30s",
      "duration=4h",
    ]);
    expect(configurationDifferences(baseline, b)).toEqual([
      { path: "duration", a: 10800, b: 14400 },
      { path: "site.replicas.replica1.syncInterval", a: 300, b: 600 },
      { path: "devices.hq-windows.enrollment.delay", a: 0, b: 30 },
    ]);
    expect(configurationDifferences(baseline, baseline)).toEqual([]);
  });

  it("lists an element only one side has with null on the other, and compares value lists whole", () => {
    const diff = configurationDifferences(baseline, twoDmps);
    const paths = diff.map((d) => d.path);
    expect(paths).toContain("name");
    const added = diff.filter((d) => d.a === null);
    const removed = diff.filter((d) => d.b === null);
    expect(added.length + removed.length).toBeGreaterThan(0);
    for (const d of diff) expect(JSON.stringify(d.a)).not.toBe(JSON.stringify(d.b));
  });
});
