// offered-load: the busiest 15 minutes of expected first tries, times the mean service time, over the workers
// of each role or database with a capacity. Every figure here is computed by hand.
import { describe, expect, it } from "vitest";
import { checkScenario } from "../../src/checks/checkScenario.js";
import { offeredLoads } from "../../src/checks/offeredLoad.js";
import { compileSite } from "../../src/model/site.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { singleServer } from "../helpers/scenarios.js";

const findings = (s: Scenario) => checkScenario(s).filter((f) => f.id === "offered-load");
const loads = (s: Scenario) => offeredLoads(compileSite(s, s.seed));

const MP_CAPACITY = "site.servers.cm01.corp.contoso.com.roles.managementPoint.capacity";
const EPP_CAPACITY = "site.servers.cm01.corp.contoso.com.roles.enrollmentProxyPoint.capacity";

/**
 * A steady site: 3,600 devices enrolling one a second over the first hour (`even`: at 0 s, 1 s, …), each
 * polling hourly from its commit. Every second of the run brings exactly one poll: 1 request/s in every
 * quarter hour, which is the hourly rate.
 */
const steady = (mp: Record<string, unknown>) =>
  singleServer({
    duration: "4h",
    replica: null,
    mp,
    group: {
      count: 3600,
      addresses: "10.1.0.0/16",
      enrollment: { pattern: "even", from: "0s", to: "1h" },
      polling: [{ every: "1h" }],
    },
  });

describe("offered-load", () => {
  it("judges a steady hourly site by its hourly rate: 1 request/s × 2 s / 2 workers is 1.00, an error", () => {
    const [f] = findings(steady({ capacity: { workers: 2, serviceTime: "2s" } }));
    expect(f).toMatchObject({ id: "offered-load", severity: "error", path: MP_CAPACITY });
    expect(f?.message).toBe(
      "offered load 1.00 at cm01.corp.contoso.com's management point: 1 requests/s in the busiest 15 minutes (0s to 15m) × 2s / 2 workers; the queue grows without bound (first tries only: retries would add more)",
    );
    expect(f?.fix).toBe(
      `Raise ${MP_CAPACITY}.workers to 3 or more (offered load 0.8 or less), shorten its serviceTime, spread the enrollments over a longer window, or move devices to other servers`,
    );
  });

  it("draws the lines exactly: 0.8 is no finding, just above it a warning, 1 an error", () => {
    // 1 request/s × 4 s / 5 workers = 0.8 exactly.
    expect(findings(steady({ capacity: { workers: 5, serviceTime: "4s" } }))).toEqual([]);
    const [warning] = findings(steady({ capacity: { workers: 5, serviceTime: "4001ms" } }));
    expect(warning).toMatchObject({ severity: "warning", path: MP_CAPACITY });
    expect(warning?.message).toMatch(/^offered load 0\.80 at .* × 4.001s \/ 5 workers \(first tries only/);
    expect(findings(steady({ capacity: { workers: 4, serviceTime: "4s" } }))[0]?.severity).toBe("error");
    // The figure is the ratio itself, not a rounded one.
    expect(loads(steady({ capacity: { workers: 5, serviceTime: "4s" } }))[0]?.load).toBe(0.8);
    expect(loads(steady({ capacity: { workers: 4, serviceTime: "4s" } }))[0]?.load).toBe(1);
  });

  it("judges a burst morning by its busiest quarter hour, not the run's mean", () => {
    // 450 devices at 30m: their enrollment tries all arrive in the minute at 30m; 450 / 900 s = 0.5 request/s
    // × 1.8 s = 0.9 for that quarter hour, though the 3-hour run averages 0.075.
    const s = singleServer({
      replica: null,
      group: { count: 450, enrollment: { pattern: "burst", at: "30m" }, polling: [{ every: "1h" }] },
    });
    const withEpp = structuredClone(s);
    const epp = withEpp.site.servers[0]?.roles.enrollmentProxyPoint;
    if (epp !== undefined) epp.capacity = { workers: 1, serviceTime: 1.8 };
    const [f] = findings(withEpp);
    expect(f).toMatchObject({ severity: "warning", path: EPP_CAPACITY });
    expect(f?.message).toBe(
      "offered load 0.90 at cm01.corp.contoso.com's enrollment proxy point: 0.5 requests/s in the busiest 15 minutes (30m to 45m) × 1.8s / 1 worker (first tries only: retries would add more)",
    );
  });

  it("charges a DMP try to its management point and then to the database it reads", () => {
    // The MP reads the site database: 1 query/s × 500 ms / 1 worker = 0.5 there, nothing at the replica.
    const site = steady({ capacity: { workers: 1, serviceTime: "100ms" } });
    const withDb = {
      ...site,
      site: { ...site.site, database: { ...site.site.database, capacity: { workers: 1, serviceTime: 0.5 } } },
    };
    const [mp, db] = loads(withDb);
    expect([mp?.path, mp?.requestsPerSecond, db?.path, db?.requestsPerSecond]).toEqual([
      MP_CAPACITY,
      1,
      "site.database.capacity",
      1,
    ]);
    expect(mp?.load).toBeCloseTo(0.1, 12);
    expect(db?.load).toBe(0.5);
  });

  it("charges each replica sync's syncCost to the site database", () => {
    // A replica syncing every minute from 0 s, each sync 50 s of site-database work: 15 syncs in a quarter
    // hour, 750 s of work in 900 s on one worker. The MP reads the replica: no device query reaches the site
    // database, and the enrollment point's write is its own service.
    const base = singleServer({
      replica: { syncInterval: "1m", syncOffset: "0s", syncCost: "50s" },
      group: { count: 100 },
    });
    const s = {
      ...base,
      site: { ...base.site, database: { ...base.site.database, capacity: { workers: 1, serviceTime: 0.1 } } },
    };
    const [f] = findings(s);
    expect(f).toMatchObject({ severity: "warning", path: "site.database.capacity" });
    expect(f?.message).toBe(
      "offered load 0.83 at the site database: (0 requests/s in the busiest 15 minutes (0s to 15m) × 100ms + 0.0167 replica syncs/s × 50s) / 1 worker (first tries only: retries would add more)",
    );
    // Without a capacity on the site database a sync costs nothing anywhere.
    expect(findings(base)).toEqual([]);
  });

  it("reads a Poisson group's arrivals from its pattern: 60 a minute is 1 request/s long before the last", () => {
    const s = singleServer({
      replica: null,
      group: { count: 100_000, enrollment: { pattern: "poisson", from: "0s", ratePerMinute: 60 } },
    });
    const withEpp = structuredClone(s);
    const epp = withEpp.site.servers[0]?.roles.enrollmentProxyPoint;
    if (epp !== undefined) epp.capacity = { workers: 1, serviceTime: 0.5 };
    const [l] = loads(withEpp);
    expect(l?.requestsPerSecond).toBeCloseTo(1, 6);
    expect(l?.load).toBeCloseTo(0.5, 6);
  });

  it("charges content once per device, at its first success: on a replica, the first poll after the sync", () => {
    // 600 devices commit at 50 s; the replica syncs at 100 s, so the poll at 50 s fails and the one at 3m50s
    // (the assumed schedule's second) succeeds and asks for content: 600 requests in the minute from 3m,
    // 600 / 900 s × 1.5 s = 1.00. On the site database the first poll, at 50 s, succeeds.
    const dpLoad = (replica: Record<string, unknown> | null) => {
      const s = structuredClone(singleServer({ replica, group: { count: 600, content: true } }));
      const dp = s.site.servers[0]?.roles.distributionPoint;
      if (dp !== undefined) dp.capacity = { workers: 1, serviceTime: 1.5 };
      return findings(s)[0];
    };
    const onReplica = dpLoad({});
    expect(onReplica).toMatchObject({
      severity: "error",
      path: "site.servers.cm01.corp.contoso.com.roles.distributionPoint.capacity",
    });
    expect(onReplica?.message).toContain("0.667 requests/s in the busiest 15 minutes (3m to 18m) × 1.5s");
    expect(dpLoad(null)?.message).toContain("0.667 requests/s in the busiest 15 minutes (0s to 15m) × 1.5s");
  });

  it("counts only tries the rules let through: an MP on HTTP takes no capacity", () => {
    expect(loads(steady({ https: false, capacity: { workers: 1, serviceTime: "2s" } }))[0]?.load).toBe(0);
  });

  it("leaves a scenario without any capacity alone", () => {
    expect(loads(steady({}))).toEqual([]);
  });
});

describe("offered-load for ConfigMgr clients", () => {
  // 3,600 clients registering one a second over the first hour at the one management point, which has a
  // capacity; each registration takes one service there, and each client polls hourly from its commit
  // (2 minutes later): in the busiest quarter hour, one registration and one poll a second.
  const clients = (platform: "configmgr-client") =>
    singleServer({
      duration: "4h",
      replica: null,
      mp: { capacity: { workers: 4, serviceTime: "1s" } },
      group: {
        platform,
        count: 3600,
        addresses: "10.1.0.0/16",
        enrollment: undefined,
        registration: { pattern: "even", from: "0s", to: "1h" },
        polling: [{ every: "1h" }],
      },
    });

  it("charges a client's registration to its management point, not to an enrollment role", () => {
    const [mp] = loads(clients("configmgr-client"));
    expect(mp?.path).toBe(MP_CAPACITY);
    expect(mp?.requestsPerSecond).toBeCloseTo(2, 2);
    expect(mp?.load).toBeCloseTo(0.5, 3);
  });
});
