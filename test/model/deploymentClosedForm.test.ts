// A deployment's closed form: the visibility delay at each targeted device's management point plus the wait
// for its next poll, weighed by the assignment rule's shares; and the same with the run's own syncs.
import { describe, expect, it } from "vitest";
import { deploymentClosedForm, nextPollWait } from "../../src/model/deploymentClosedForm.js";
import { visibleAt } from "../../src/model/replica.js";
import { compileSite } from "../../src/model/site.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { buildClients, clientGroup, clientMpOnReplica, CM02, mpServer } from "../helpers/clientScenarios.js";
import { build, CM01, type Draft } from "../helpers/ruleScenarios.js";

const deploy =
  (at: string, groups?: string[]) =>
  (d: Draft): void => {
    d.deployments = [{ name: "d1", at, ...(groups ? { groups } : {}) }];
  };

function form(s: Scenario) {
  const deployment = s.deployments[0];
  if (deployment === undefined) throw new Error("no deployment");
  return deploymentClosedForm(compileSite(s, s.seed), deployment);
}

const figures = (f: { meanSeconds: number; minSeconds: number; maxSeconds: number } | null | undefined) =>
  f ? [f.meanSeconds, f.minSeconds, f.maxSeconds] : f;

describe("nextPollWait", () => {
  it("is half the interval without jitter, from 0 to the interval", () => {
    expect(nextPollWait(3600, 0)).toEqual({ meanSeconds: 1800, minSeconds: 0, maxSeconds: 3600 });
  });

  it("with jitter, the residual time of the renewal process: E[X²] / 2E[X]", () => {
    // X = 3600 + U[0, 600): E[X] = 3900, E[X²] = 3600² + 3600·600 + 600²/3.
    const w = nextPollWait(3600, 600);
    expect(w.meanSeconds).toBeCloseTo((3600 * 3600 + 3600 * 600 + 120_000) / 7800, 9);
    expect(w.maxSeconds).toBe(4200);
    // Longer than half the mean gap: a random instant falls in long gaps more often.
    expect(w.meanSeconds).toBeGreaterThan(3900 / 2);
  });
});

describe("deploymentClosedForm", () => {
  it("on the site database: half the 60-minute policy interval, from 0 to a full one", () => {
    const f = form(buildClients(deploy("1h")));
    expect(figures(f)).toEqual([1800, 0, 3600]);
    expect(figures(f?.thisRun)).toEqual([1800, 0, 3600]);
    expect(f?.devices).toBe(2);
    expect(f?.parts).toEqual([
      expect.objectContaining({
        group: "c",
        managementPoint: CM01,
        database: "site",
        visibleAfterSeconds: 0,
      }),
    ]);
  });

  it("behind a 5-minute replica: the mean visibility delay P/2 plus half the interval; this run's sync", () => {
    // Syncs at 100 s + k·300 s: a deployment at 3600 s is carried by the sync at 3700 s.
    const f = form(buildClients(clientMpOnReplica, deploy("1h")));
    expect(figures(f)).toEqual([150 + 1800, 0, 300 + 3600]);
    expect(f?.parts[0]?.visibleAfterSeconds).toBe(100);
    expect(figures(f?.thisRun)).toEqual([100 + 1800, 100, 100 + 3600]);
  });

  it("counts the apply delay in both the mean and the range", () => {
    const f = form(
      buildClients(clientMpOnReplica, deploy("1h"), (d) => {
        d.site.replicas![0]!.applyDelay = "30s";
      }),
    );
    expect(figures(f)).toEqual([180 + 1800, 30, 330 + 3600]);
    expect(f?.parts[0]?.visibleAfterSeconds).toBe(130);
  });

  it("this run's visibility is the compiled site's (drawn apply delays included)", () => {
    const s = buildClients(clientMpOnReplica, deploy("1h"), (d) => {
      d.site.replicas![0]!.applyDelay = { mean: "30s", distribution: "exponential" };
    });
    const site = compileSite(s, s.seed);
    const replica = site.replicas[0]!;
    expect(form(s)?.parts[0]?.visibleAfterSeconds).toBe(visibleAt(replica, 3600) - 3600);
  });

  it("weighs the management points by the assignment rule's shares", () => {
    // Two MPs in the clients' boundary group, one on the replica: one client each.
    const f = form(
      buildClients(clientMpOnReplica, deploy("1h"), (d) => {
        d.site.servers.push(mpServer(CM02));
        d.site.boundaryGroups![0]!.servers!.push(CM02);
      }),
    );
    expect(f?.parts.map((p) => [p.managementPoint, p.database, p.devices])).toEqual([
      [CM01, "r1", 1],
      [CM02, "site", 1],
    ]);
    expect(figures(f)).toEqual([(1950 + 1800) / 2, 0, 3900]);
  });

  it("takes only the targeted groups, each at its own steady interval (MDM devices: their last phase)", () => {
    const mixed = (d: Draft) => {
      d.devices.push(clientGroup("c", 2, { addresses: "10.1.3.0/24", polling: [{ every: "30m" }] }));
    };
    const both = form(build("windows", mixed, deploy("1h")));
    expect(both?.parts.map((p) => [p.group, p.pollInterval])).toEqual([
      ["w", 3600],
      ["c", 1800],
    ]);
    expect(figures(both)).toEqual([(1800 + 900) / 2, 0, 3600]);
    const clientsOnly = form(build("windows", mixed, deploy("1h", ["c"])));
    expect(figures(clientsOnly)).toEqual([900, 0, 1800]);
  });

  it("this run's figures are null when no sync of the run carries the deployment", () => {
    // The run lasts 3 h; the last sync starts at 10,600 s.
    const f = form(buildClients(clientMpOnReplica, deploy("10700s")));
    expect(f?.parts[0]?.visibleAfterSeconds).toBeNull();
    expect(f?.thisRun).toBeNull();
    expect(figures(f)).toEqual([1950, 0, 3900]);
  });

  it("is null when no targeted device has a management point", () => {
    const s = buildClients(deploy("1h"), (d) => {
      delete d.site.servers[0]!.roles.managementPoint;
    });
    expect(form(s)).toBeNull();
  });
});
