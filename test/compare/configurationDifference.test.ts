// The configuration difference between two loaded scenarios.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configurationDifferences } from "../../src/compare/configurationDifference.js";
import { loadScenario, parseScenarioText } from "../../src/scenario/load.js";
import { applyOverrides } from "../../src/scenario/overrides.js";

const baseline = loadScenario(parseScenarioText(readFileSync("scenarios/baseline.json", "utf8")));
const twoDmps = loadScenario(parseScenarioText(readFileSync("scenarios/two-dmps.json", "utf8")));

describe("configurationDifferences", () => {
  it("names each changed path by the names --set takes, with loaded values (defaults) and durations as written", () => {
    const b = applyOverrides(baseline, [
      "site.replicas.replica1.syncInterval=10m",
      "devices.hq-windows.enrollment.delay=30s",
      "duration=4h",
    ]);
    expect(configurationDifferences(baseline, b)).toEqual([
      { path: "duration", a: "3h", b: "4h" },
      { path: "site.replicas.replica1.syncInterval", a: "5m", b: "10m" },
      { path: "devices.hq-windows.enrollment.delay", a: "0s", b: "30s" },
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
      { path: "devices.hq-windows.polling.0.every", a: "3m", b: "2m" },
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

  it("lists a whole new server and a new group field by field, durations as written", () => {
    const b = applyOverrides(baseline, [
      'site.servers=[{"name":"cm01.corp.contoso.com","certificate":{"issuer":"Contoso Root CA","notBefore":"2025-06-01T00:00:00Z","notAfter":"2027-06-01T00:00:00Z"},"roles":{"enrollmentPoint":{"https":true},"enrollmentProxyPoint":{"https":true},"distributionPoint":{"https":true,"allowMobileDevices":true},"managementPoint":{"https":true,"allowMobileDevicesAndMacs":true,"database":"replica1"}}},{"name":"cm02.corp.contoso.com","outages":[{"from":"1h","to":"90m"}],"roles":{"managementPoint":{"https":true,"allowMobileDevicesAndMacs":true}}}]',
    ]);
    const diff = configurationDifferences(baseline, b);
    const server = "site.servers.cm02.corp.contoso.com";
    expect(diff).toContainEqual({ path: `${server}.name`, a: null, b: "cm02.corp.contoso.com" });
    expect(diff).toContainEqual({ path: `${server}.outages.0.from`, a: null, b: "1h" });
    expect(diff).toContainEqual({ path: `${server}.outages.0.to`, a: null, b: "1h30m" });
    expect(diff).toContainEqual({ path: `${server}.roles.managementPoint.database`, a: null, b: "site" });
    expect(diff).toContainEqual({
      path: `${server}.roles.managementPoint.connections`,
      a: null,
      b: "intranet",
    });
    // No row carries a whole object: every value is a field's.
    for (const d of diff) expect(typeof d.b === "object" && d.b !== null && !Array.isArray(d.b)).toBe(false);
    // Removed the other way round, field by field too.
    expect(configurationDifferences(b, baseline)).toContainEqual({
      path: `${server}.name`,
      a: "cm02.corp.contoso.com",
      b: null,
    });
  });
});
