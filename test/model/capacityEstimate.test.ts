// The planner and the load model: a request at a finite server costs a service end and a deadline; a
// capacity whose events pass the limit is refused at its path before any work.
import { describe, expect, it } from "vitest";
import { capacityParts } from "../../src/model/capacityEstimate.js";
import { checkRunLimits, estimateRun } from "../../src/model/estimate.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { simulate } from "../../src/simulate.js";
import { runCli } from "../helpers/cli.js";
import { singleServer } from "../helpers/scenarios.js";

/**
 * 10 devices over 3 hours with the assumed schedule: 8 polls each (0, 3, 6, 9, 12, 15, 75, 135 minutes),
 * each with up to 1 + 3 tries (a Windows group's default connection retries): 320 DMP tries at most.
 */
const plain = (): Scenario =>
  singleServer({ replica: null, group: { count: 10, connectionRetries: { count: 3 } } });
const DMP_TRIES = 10 * 8 * 4;

function withCapacities(edit: (s: Scenario) => void): Scenario {
  const s = structuredClone(plain());
  edit(s);
  return s;
}

const mpCapacity = (s: Scenario) => {
  const mp = s.site.servers[0]?.roles.managementPoint;
  if (mp !== undefined) mp.capacity = { workers: 4, serviceTime: 0.1 };
};

describe("the planner and finite servers", () => {
  it("adds nothing without a capacity", () => {
    expect(capacityParts(plain())).toEqual({ memory: [], work: [] });
  });

  it("adds a service end and a deadline for every try at a management point with a capacity", () => {
    const before = estimateRun(plain()).events;
    expect(estimateRun(withCapacities(mpCapacity)).events - before).toBe(2 * DMP_TRIES);
  });

  it("adds the database's too when the management point's database has one, and each sync with a cost", () => {
    const before = estimateRun(plain()).events;
    const both = withCapacities((s) => {
      mpCapacity(s);
      s.site.database.capacity = { workers: 8, serviceTime: 0.01 };
    });
    expect(estimateRun(both).events - before).toBe(4 * DMP_TRIES);
    // A replica syncing every 5 minutes for 3 hours at 2 s a sync: 36 syncs on the site database, one event
    // each. The management point still reads the site database.
    const syncing = structuredClone(both);
    syncing.site.replicas.push({ ...singleServer({}).site.replicas[0]!, syncCost: 2 });
    const withReplica = structuredClone(plain());
    withReplica.site.replicas.push({ ...singleServer({}).site.replicas[0]!, syncCost: 2 });
    expect(estimateRun(syncing).events - estimateRun(withReplica).events).toBe(4 * DMP_TRIES + 36);
  });

  it("refuses a capacity whose events pass the limit, at its path, before any work", () => {
    const s = withCapacities(mpCapacity);
    const limit = estimateRun(s).events - 1;
    expect(() => checkRunLimits(plain(), { maxEvents: limit })).not.toThrow();
    expect(() => simulate(s, { maxEvents: limit })).toThrow(
      /^site\.servers\[0\]\.roles\.managementPoint\.capacity: the run would process about .* events \(the limit is .*; --max-events raises it\), most of them service ends and deadlines of about 3\.2e\+2 requests at the managementPoint role of cm01\.corp\.contoso\.com/,
    );
  });

  it("says so at the command line with exit 2", async () => {
    const s = withCapacities(mpCapacity);
    const limit = String(estimateRun(s).events - 1);
    const out = await runCli(["run", "s.json", "--max-events", limit], {
      files: { "s.json": JSON.stringify(s) },
    });
    expect(out.code).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr).toContain(
      "s.json: site.servers[0].roles.managementPoint.capacity: the run would process",
    );
  });
});
