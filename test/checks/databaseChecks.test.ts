import { describe, expect, it } from "vitest";
import { checkScenario } from "../../src/checks/checkScenario.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { singleServer } from "../helpers/scenarios.js";

const withSiteDatabaseDown = (s: Scenario): Scenario => ({
  ...s,
  site: { ...s.site, database: { outages: [{ from: 1800, to: 5400 }] } },
});

const found = (s: Scenario) => checkScenario(s).filter((f) => f.id === "database-unavailable");

describe("database-unavailable", () => {
  it("warns for a group whose only management point reads the site database while it goes down", () => {
    const findings = found(withSiteDatabaseDown(singleServer({ replica: null })));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "warning", path: "devices.w" });
    expect(findings[0]?.message).toContain("cm01.corp.contoso.com reads the site database (down 30m–1h30m)");
  });

  it("says nothing when the management point reads a replica whose server stays up", () => {
    expect(found(withSiteDatabaseDown(singleServer({})))).toEqual([]);
  });

  it("warns when the replica's own server goes down", () => {
    const s = singleServer({ replica: { serverOutages: [{ from: "1h", to: "2h" }] } });
    expect(found(s)[0]?.message).toContain('reads replica "r1" (down 1h–2h)');
  });

  it("ignores an outage that starts after the run", () => {
    const s = singleServer({ duration: "1h", replica: { serverOutages: [{ from: "1h", to: "2h" }] } });
    expect(found(s)).toEqual([]);
  });
});
