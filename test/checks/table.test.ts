// The table has one entry per id, and the catalogue view is plain, stable data for the documentation.
import { describe, expect, it } from "vitest";
import { CHECK_IDS } from "../../src/checks/catalogue.js";
import { CHECKS, checkCatalogue } from "../../src/checks/table.js";

describe("CHECKS", () => {
  it("has an entry for every id and no other", () => {
    expect(Object.keys(CHECKS).sort()).toEqual([...CHECK_IDS].sort());
  });
});

describe("checkCatalogue", () => {
  const catalogue = checkCatalogue();

  it("lists every check in catalogue order with its documented fields", () => {
    expect(catalogue.map((c) => c.id)).toEqual([...CHECK_IDS]);
    for (const c of catalogue) {
      expect(Object.keys(c)).toEqual(["id", "severity", "severityNote", "scope", "source", "finding", "fix"]);
      expect(c.finding.length, c.id).toBeGreaterThan(10);
      expect(c.fix.length, c.id).toBeGreaterThan(10);
    }
  });

  it("is plain data (survives JSON) and notes each severity that varies", () => {
    expect(JSON.parse(JSON.stringify(catalogue))).toEqual(catalogue);
    const varying = catalogue.filter((c) => c.severityNote !== null).map((c) => c.id);
    expect(varying).toEqual([
      "not-a-device-management-point",
      "dp-mobile-not-allowed",
      "devices-outside-boundaries",
      "certificate-expires",
      "offered-load",
    ]);
  });
});
