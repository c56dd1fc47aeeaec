import { describe, expect, it } from "vitest";
import { REASON_ID } from "../../src/model/reasons.js";
import { boundaryEntries, compileSite } from "../../src/model/site.js";
import { timelineAt } from "../../src/model/timeline.js";
import { bundled } from "../report/helpers.js";
import { singleServer } from "../helpers/scenarios.js";

describe("compileSite", () => {
  it("runs the replicas' ticks, and samples each contact's rules into a timeline", () => {
    const scenario = singleServer({ duration: "1h", server: { outages: [{ from: "10m", to: "20m" }] } });
    const site = compileSite(scenario, 1);
    expect([...(site.replicas[0]?.ticks ?? [])].slice(0, 2)).toEqual([100, 400]);
    expect(site.siteEvents).toBe(12); // ticks at 100, 400, …, 3400
    expect([...site.mpReplica]).toEqual([0]);
    const mp = site.groups[0]!.mpTimelines[0]!;
    expect([0, 600, 1199, 1200].map((t) => timelineAt(mp, t))).toEqual([
      -1,
      REASON_ID["server-down"],
      REASON_ID["server-down"],
      -1,
    ]);
    expect(site.groups[0]!.eligible).toEqual([0]);
  });

  it("maps boundary groups to their IPv4 ranges and servers", () => {
    const entries = boundaryEntries(bundled("two-dmps"));
    expect(entries).toHaveLength(1);
    expect([...(entries[0]?.servers ?? [])]).toEqual(["cm01.corp.contoso.com", "cm02.corp.contoso.com"]);
    expect(entries[0]?.ranges).toHaveLength(1);
  });
});
