// Short names of varied paths and the labels of series made of their values.
import { describe, expect, it } from "vitest";
import { mergedLabel, shortNames, valuesText } from "../../../src/report/html/variedNames.js";

describe("shortNames", () => {
  it("takes the last segment where it is unique, more of the path where it is not", () => {
    const names = shortNames([
      "site.servers.cm01.corp.contoso.com.roles.managementPoint.database",
      "site.replicas.replica1.syncInterval",
      "site.replicas.replica2.syncInterval",
    ]);
    expect([...names.values()]).toEqual(["database", "replica1.syncInterval", "replica2.syncInterval"]);
  });
});

describe("valuesText and mergedLabel", () => {
  const names = shortNames(["a.database", "b.count"]);
  it("writes `name = value`", () => {
    expect(valuesText({ "a.database": "site", "b.count": 100 }, ["a.database", "b.count"], names)).toBe(
      "database = site, count = 100",
    );
  });
  it("names merged series by the one value they differ in, else joins them", () => {
    // The label of series with these values of the two paths.
    const label = (...sets: Record<string, unknown>[]) => mergedLabel(sets, ["a.database", "b.count"], names);
    expect(
      label({ "a.database": "site", "b.count": 100 }, { "a.database": "replica1", "b.count": 100 }),
    ).toBe("count = 100, database = site or replica1");
    expect(
      label({ "a.database": "site", "b.count": 100 }, { "a.database": "replica1", "b.count": 200 }),
    ).toBe("database = site, count = 100 and database = replica1, count = 200");
  });
});
