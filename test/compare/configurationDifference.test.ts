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

  it("shows a change of poll profile by the profiles' names, and any other polling change path by path", () => {
    const intune = applyOverrides(baseline, ["devices.hq-windows.polling=intune-estimate"]);
    expect(configurationDifferences(baseline, intune)).toEqual([
      { path: "devices.hq-windows.polling", a: "configmgr-assumed", b: "intune-estimate" },
    ]);
    expect(configurationDifferences(intune, baseline)).toEqual([
      { path: "devices.hq-windows.polling", a: "intune-estimate", b: "configmgr-assumed" },
    ]);
    // The same profile written as phases on one side and named on the other is no change.
    const written = applyOverrides(baseline, [
      'devices.hq-windows.polling=[{"every":"3m","until":"15m"},{"every":"60m"}]',
    ]);
    expect(
      configurationDifferences(written, applyOverrides(baseline, ["devices.0.polling=configmgr-assumed"])),
    ).toEqual([]);
    // A list that is no profile: the phases that differ, as before.
    const custom = applyOverrides(intune, ["devices.hq-windows.polling.0.every=2m"]);
    expect(configurationDifferences(intune, custom)).toEqual([
      { path: "devices.hq-windows.polling.0.every", a: 180, b: 120 },
    ]);
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
