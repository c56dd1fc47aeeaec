// The per-minute series of each finite server: busy workers, utilisation and the outages that explain them.
import { describe, expect, it } from "vitest";
import { compileSite } from "../../src/model/site.js";
import { loadSeries } from "../../src/results/loadSeries.js";
import { runSeries } from "../../src/results/runSeries.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { handTally, loadTestScenario, plainRun, runWithLoad } from "../helpers/loadTallies.js";

// 150 s: two whole minutes and a last one of 30 s.
const base = loadTestScenario({
  duration: "150s",
  server: { outages: [{ from: "60s", to: "90s" }] },
  replica: { serverOutages: [{ from: "10s", to: "20s" }] },
});
const scenario: Scenario = {
  ...base,
  site: { ...base.site, database: { ...base.site.database, outages: [{ from: 100, to: 120 }] } },
};
const site = compileSite(scenario, scenario.seed);

describe("loadSeries", () => {
  const mp = handTally("managementPoint", "cm01.corp.contoso.com", 4, 150, {
    minutes: {
      arrivals: [10, 20, 5],
      served: [9, 18, 6],
      refused: [0, 2, 0],
      timedOut: [1, 0, 0],
      queueAtEnd: [1, 3, 0],
      busySeconds: [120, 240, 60],
    },
  });

  it("gives mean busy workers per minute (the last over its 30 s in the run) and their share of the workers", () => {
    const [series] = loadSeries(site, [mp]);
    expect(Array.from(series?.busyWorkers ?? [])).toEqual([2, 4, 2]);
    expect(Array.from(series?.utilisation ?? [])).toEqual([0.5, 1, 0.5]);
    expect(series).toMatchObject({ kind: "managementPoint", name: "cm01.corp.contoso.com", workers: 4 });
    expect(Array.from(series?.arrivals ?? [])).toEqual([10, 20, 5]);
    expect(Array.from(series?.served ?? [])).toEqual([9, 18, 6]);
    expect(Array.from(series?.refused ?? [])).toEqual([0, 2, 0]);
    expect(Array.from(series?.timedOut ?? [])).toEqual([1, 0, 0]);
    expect(Array.from(series?.queueAtEnd ?? [])).toEqual([1, 3, 0]);
  });

  it("takes a role's outages from its server, a database's from the site database or the replica's SQL Server", () => {
    const series = loadSeries(site, [
      mp,
      handTally("database", "site", 2, 150),
      handTally("database", "r1", 2, 150),
    ]);
    expect(series.map((s) => s.outages)).toEqual([
      [{ from: 60, to: 90 }],
      [{ from: 100, to: 120 }],
      [{ from: 10, to: 20 }],
    ]);
  });

  it("is empty without load, and runSeries carries it", () => {
    expect(loadSeries(site, null)).toEqual([]);
    expect(runSeries(plainRun(scenario)).load).toEqual([]);
    expect(runSeries(runWithLoad([mp], scenario)).load.map((s) => s.name)).toEqual(["cm01.corp.contoso.com"]);
  });
});
