// The replica decision priced from both sides (the load model): on the bundled morning-enrollment site
// with two DMPs, moving them from the site database to a replica costs every device the replica's lag and
// takes their queries off the site database, whose load is then only the syncs.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCompare, type CompareSide } from "../../src/compare/compare.js";
import { loadScenario, parseScenarioText } from "../../src/scenario/load.js";
import { applyOverrides } from "../../src/scenario/overrides.js";

const morning = applyOverrides(
  loadScenario(parseScenarioText(readFileSync("scenarios/morning-enrollment.json", "utf8"))),
  [
    // A smaller morning: 8,000 devices over an hour, the same rate of arrivals per DMP as 40,000 over five.
    "devices.hq-windows.count=8000",
    "devices.hq-windows.enrollment.to=1h",
    "duration=3h",
    'site.replicas.replica1.capacity={"workers":8,"serviceTime":{"mean":"40ms","distribution":"exponential"}}',
  ],
);
const ON_REPLICA = [
  "site.servers.dmp01.corp.contoso.com.roles.managementPoint.database=replica1",
  "site.servers.dmp02.corp.contoso.com.roles.managementPoint.database=replica1",
];
const side = (withs: Record<string, unknown>): CompareSide => ({
  scenario: "morning-enrollment",
  file: "morning-enrollment.json",
  with: withs,
});

describe("the replica trade-off", () => {
  it("takes the DMPs' queries off the site database, for the replica's lag at every new device", () => {
    const result = runCompare(
      morning,
      applyOverrides(morning, ON_REPLICA),
      { a: side({}), b: side({ replica: "both DMPs" }) },
      { runs: 3 },
    );
    const metric = (path: string) => result.metrics[path];
    const site = metric("load.databases.site.utilisation");
    const replica = metric("load.databases.replica1.utilisation");
    const ttfs = metric("timeToFirstSuccessSeconds.mean");
    console.log(
      `site database utilisation: DMPs on it ${JSON.stringify(site?.a)}, on the replica ${JSON.stringify(site?.b)}\n` +
        `replica utilisation: ${JSON.stringify(replica?.a)} → ${JSON.stringify(replica?.b)}\n` +
        `time to first success, mean: ${JSON.stringify(ttfs?.a)} → ${JSON.stringify(ttfs?.b)}`,
    );
    // compare reports every finite server's utilisation and response without being asked.
    expect(Object.keys(result.metrics)).toEqual(
      expect.arrayContaining([
        "load.databases.site.utilisation",
        "load.databases.site.responseSeconds.p99",
        "load.databases.replica1.utilisation",
        "load.managementPoints.dmp01.corp.contoso.com.utilisation",
      ]),
    );
    // The site database: about 8 polls a device in 3 hours (6 in the first 15 minutes, then hourly), so
    // 64,000 queries × 40 ms / (8 workers × 10,800 s) ≈ 0.030. On a replica only the syncs remain: a 3 s
    // sync every 5 minutes on one of 8 workers, 3 / 300 / 8 ≈ 0.001.
    expect(site?.a.mean).toBeGreaterThanOrEqual(0.028);
    expect(site?.a.mean).toBeLessThanOrEqual(0.032);
    expect(site?.b.mean).toBeLessThanOrEqual(0.0015);
    expect(site?.verdict).toBe("better");
    // The replica takes the queries the site database sheds, and every device waits for the next sync.
    expect(replica?.b.mean).toBeGreaterThanOrEqual(0.027);
    expect(replica?.verdict).toBe("worse");
    expect(ttfs?.a.mean).toBeLessThan(2);
    expect(ttfs?.b.mean).toBeGreaterThan(100);
    expect(ttfs?.verdict).toBe("worse");
  });
});
