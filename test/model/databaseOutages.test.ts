// Databases that go down: the site database's and a replica's SQL Server outages, timed by hand.
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/simulate.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { singleServer } from "../helpers/scenarios.js";

const HOUR_OUTAGE = [{ from: 1800, to: 5400 }];

/** The scenario with the site database's SQL Server down in [30m, 90m). */
function siteDatabaseDown(scenario: Scenario): Scenario {
  return { ...scenario, site: { ...scenario.site, database: { outages: HOUR_OUTAGE } } };
}

describe("a site database outage", () => {
  it("fails a poll and its retries at an MP on the site database with database-unavailable", () => {
    // Commit at 50 s; polls at 50, 230, …, 950, then hourly: 4550 s falls inside [1800, 5400) and its
    // retries at +16, +48, +112 s too; 8150 s is after it.
    const result = simulate(siteDatabaseDown(singleServer({ replica: null })), { trace: "w-1" });
    const tries = (result.trace ?? []).filter((e) => e.event === "poll" || e.event === "retry");
    expect(tries.map((e) => [e.time, e.outcome])).toEqual([
      [50, "ok"],
      [230, "ok"],
      [410, "ok"],
      [590, "ok"],
      [770, "ok"],
      [950, "ok"],
      [4550, "database-unavailable"],
      [4566, "database-unavailable"],
      [4598, "database-unavailable"],
      [4662, "database-unavailable"],
      [8150, "ok"],
    ]);
    expect(result.attempts.failedByReason).toEqual({ "database-unavailable": 4 });
  });

  it("leaves an MP on a replica serving the devices the replica already holds, and skips its syncs", () => {
    // Ticks at 100 + 300k s; those in [1800, 5400) (k = 6 … 17) are skipped. The 4550 s poll reads the replica.
    const result = simulate(siteDatabaseDown(singleServer({})));
    expect(result.attempts.failedByReason).toEqual({ "device-not-in-replica": 1 });
    expect(result.replicas[0]?.syncs).toBe(24);
    expect(result.replicas[0]?.skippedSyncs).toBe(12);
  });

  it("keeps a record committed just before it out of the replica until the first sync after it", () => {
    // Commit at 1750 s; the 1900 s tick and every one to 5200 s are skipped, so 5500 s carries it. Polls at
    // 1750, 1930, …, 2650 s fail (not in the replica); the hourly poll at 6250 s succeeds.
    const scenario = siteDatabaseDown(
      singleServer({ group: { enrollment: { pattern: "burst", at: "1750s" } } }),
    );
    const result = simulate(scenario, { perDevice: true });
    expect(result.perDevice?.[0]?.visibleAt).toBe(5500);
    expect(result.failedAttemptsBeforeSuccess.max).toBe(6);
    expect(result.timeToFirstSuccessSeconds.max).toBe(4500);
  });

  it("fails enrollment at the enrollment point while the site database is down", () => {
    // Tries at 2400, 3000 and 3600 s, every one inside the outage.
    const scenario = siteDatabaseDown(
      singleServer({ group: { enrollment: { pattern: "burst", at: "40m" } } }),
    );
    const result = simulate(scenario);
    expect(result.enrollmentFailedByReason).toEqual({ "database-unavailable": 1 });
    expect(result.devices.enrollmentFailed).toBe(1);
  });
});

describe("a replica's SQL Server outage", () => {
  it("fails its management point's tries with database-unavailable and skips its syncs", () => {
    const scenario = singleServer({ replica: { serverOutages: [{ from: "30m", to: "90m" }] } });
    const result = simulate(scenario);
    expect(result.attempts.failedByReason).toEqual({ "device-not-in-replica": 1, "database-unavailable": 4 });
    expect(result.replicas[0]?.skippedSyncs).toBe(12);
  });

  it("differs from a paused replication, which still answers with what the replica holds", () => {
    const scenario = singleServer({ replica: { outages: [{ from: "30m", to: "90m" }] } });
    const result = simulate(scenario);
    expect(result.attempts.failedByReason).toEqual({ "device-not-in-replica": 1 });
    expect(result.replicas[0]?.skippedSyncs).toBe(12);
  });
});
