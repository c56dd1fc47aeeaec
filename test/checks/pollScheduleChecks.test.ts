// poll-schedule-cliff: when a replica's lag or an outage outlasts a group's first polling phase, the figure
// depends on the unpublished phase after it; the finding gives it under the assumed schedule and Intune's.
import { describe, expect, it } from "vitest";
import { checkScenario } from "../../src/checks/checkScenario.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { simulate } from "../../src/simulate.js";
import { singleServer } from "../helpers/scenarios.js";

const cliffs = (s: Scenario) => checkScenario(s).filter((f) => f.id === "poll-schedule-cliff");

/** Many devices over many sync intervals: the closed form's setting. */
const spread = { count: 20, enrollment: { pattern: "uniform", from: "0s", to: "20h" } };

describe("poll-schedule-cliff", () => {
  it("gives 1530 s under configmgr-assumed beside 855 s under intune-estimate for a 20-minute replica", () => {
    const s = singleServer({
      duration: "1d",
      replica: { syncInterval: "20m", syncOffset: "0s" },
      group: spread,
    });
    const [f] = cliffs(s);
    expect(f).toMatchObject({ severity: "info", path: "devices.w.polling" });
    expect(f?.message).toContain(
      'replica "r1" syncs every 20m, longer than its first polling phase (every 3m until 15m)',
    );
    expect(f?.message).toContain("1530 s under configmgr-assumed, 855 s under intune-estimate");
  });

  it("says nothing while the replica's lag fits in the first phase (a 15-minute replica: exactly 15 minutes)", () => {
    expect(cliffs(singleServer({ replica: { syncInterval: "15m" } }))).toEqual([]);
    expect(cliffs(singleServer({}))).toEqual([]);
  });

  it("counts an outage that outlasts the first phase, and names the group's own schedule when it is neither", () => {
    const s = singleServer({
      duration: "1d",
      replica: { outages: [{ from: "1h", to: "1h40m" }] },
      group: { ...spread, polling: [{ every: "2m", until: "10m" }, { every: "30m" }] },
    });
    const [f] = cliffs(s);
    // The syncs as they happened: the last before the outage at 56m40s, the first after it at 1h41m40s.
    expect(f?.message).toContain('replica "r1" does not sync from 56m40s to 1h41m40s (45m)');
    expect(f?.message).toMatch(
      /\d+ s under its own schedule, \d+ s under configmgr-assumed, \d+ s under intune-estimate/,
    );
  });

  it("says nothing when the outage catches no device still failing (every schedule gives one figure)", () => {
    // The site database is down an hour after the last enrollment: every record is in the replica by then.
    const base = singleServer({
      duration: "5h",
      group: { count: 50, enrollment: { pattern: "uniform", from: "0s", to: "1h" } },
    });
    const s = { ...base, site: { ...base.site, database: { outages: [{ from: 7200, to: 10_800 }] } } };
    expect(cliffs(s)).toEqual([]);
  });

  it("says nothing for a refusal that lasts to the end: no device waits for a next phase there", () => {
    const s = singleServer({ duration: "1d", replica: null, mp: { https: false }, group: spread });
    expect(cliffs(s)).toEqual([]);
  });

  it("says nothing for a single-phase schedule: there is no next phase to wait for", () => {
    const s = singleServer({ replica: { syncInterval: "20m" }, group: { polling: "configmgr-client" } });
    expect(cliffs(s)).toEqual([]);
  });

  it("quotes figures run reproduces: the assumed schedule's mean on the same site", () => {
    const s = singleServer({
      duration: "1d",
      replica: { syncInterval: "20m", syncOffset: "0s" },
      group: { count: 20_000, enrollment: { pattern: "uniform", from: "0s", to: "20h" } },
    });
    const figure = Number(/(\d+) s under configmgr-assumed/.exec(cliffs(s)[0]?.message ?? "")?.[1]);
    const measured = simulate(s).timeToFirstSuccessSeconds.mean ?? NaN;
    // Standard deviation of the time to first success under 1,700 s; 20,000 devices: a standard error of 12 s.
    expect(Math.abs(measured - figure)).toBeLessThan(60);
  });
});
