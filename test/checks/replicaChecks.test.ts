// The replica entries: a DMP on a replica (with each assigned group's closed form), a management point on
// a replica that ConfigMgr clients use, Macs on it, clients' user deployments on it, and replicas at a
// secondary site.
import { describe, expect, it } from "vitest";
import {
  replicaAtSecondary,
  replicaEarlyFailures,
  replicaUnsupportedForMacos,
  replicaUserDeployments,
} from "../../src/checks/replicaChecks.js";
import { build, CM01, group, mpOnReplica, type Draft } from "../helpers/ruleScenarios.js";
import {
  buildClients,
  clientGroup,
  clientMpOnReplica,
  CM02,
  mpServer,
  withEnrollmentRoles,
} from "../helpers/clientScenarios.js";
import { checkInput } from "../helpers/checkInput.js";

const DATABASE = `site.servers.${CM01}.roles.managementPoint.database`;

describe("replica entries", () => {
  it("find nothing with the MP on the site database at a primary site", () => {
    const input = checkInput(build("windows"));
    for (const check of [replicaEarlyFailures, replicaUnsupportedForMacos, replicaAtSecondary])
      expect(check.hits(input)).toEqual([]);
  });

  it("replicaEarlyFailures: the window, its mean and each group's expected failures", () => {
    const [hit] = replicaEarlyFailures.hits(checkInput(build("windows", mpOnReplica)));
    expect(hit).toMatchObject({ path: DATABASE, severity: "warning" });
    expect(hit?.message).toMatch(
      /^management point .* reads replica "r1" \(sync every 5m, apply delay .*\): .* mean .*\. Expected \(exact for this scenario and seed\): the 2 devices of group "w" on this DMP: \d+\.\d\d failed tries, \d+ s to first success \(polling configmgr-assumed\)$/,
    );
  });

  it("replicaUnsupportedForMacos: a macOS group on the replica DMP", () => {
    // Candidate and fallback are the same MP: hits at one place, one finding.
    const found = replicaUnsupportedForMacos.hits(checkInput(build("macos", mpOnReplica)));
    expect(found[0]).toMatchObject({ path: DATABASE, severity: "error", group: "m" });
    expect(new Set(found.map((h) => h.path))).toEqual(new Set([DATABASE]));
  });

  it("replicaAtSecondary: names what a secondary site cannot have", () => {
    const s = build("windows", mpOnReplica, (d) => {
      d.site.type = "secondary";
    });
    expect(replicaAtSecondary.hits(checkInput(s))).toEqual([
      expect.objectContaining({
        path: "site.type",
        message:
          "the site is a secondary site and has database replicas, an enrollment point, an enrollment proxy point; these exist only at primary sites",
      }),
    ]);
  });
});

describe("replica-early-failures lists the groups the assignment rule gives the DMP", () => {
  // Two DMPs: cm01 on the replica serves the HQ range, cm02 on the site database the branch range.
  const twoSites = () =>
    build("windows", mpOnReplica, (d) => {
      d.site.servers.push({
        name: "cm02.corp.contoso.com",
        roles: { managementPoint: { https: true, allowMobileDevicesAndMacs: true, database: "site" } },
      });
      d.site.boundaries = [
        { name: "HQ", type: "ipv4Range", value: "10.1.0.0/16" },
        { name: "Branch", type: "ipv4Range", value: "10.2.0.0/16" },
      ];
      d.site.boundaryGroups = [
        { name: "HQ", boundaries: ["HQ"], servers: [CM01] },
        { name: "Branch", boundaries: ["Branch"], servers: ["cm02.corp.contoso.com"] },
      ];
      const hq = d.devices[0];
      if (hq) d.devices.push({ ...hq, name: "branch", addresses: "10.2.0.0/24" });
    });

  it("leaves out a branch group whose boundary group prefers the other DMP", () => {
    const [hit] = replicaEarlyFailures.hits(checkInput(twoSites()));
    expect(hit?.estimates?.map((e) => e.group)).toEqual(["w"]);
    expect(hit?.message).not.toContain('"branch"');
  });

  it("names a group it refuses, with the reason, and gives it no estimate", () => {
    const s = build("windows", mpOnReplica, (d) => {
      const hq = d.devices[0];
      if (hq)
        d.devices.push({
          name: "macs",
          platform: "macos",
          count: 3,
          trustedRoots: hq.trustedRoots,
          managementPoint: CM01,
        });
    });
    const [hit] = replicaEarlyFailures.hits(checkInput(s));
    expect(hit?.estimates?.map((e) => e.group)).toEqual(["w"]);
    expect(hit?.message).toContain('group "macs" is refused here (');
  });
});

describe("replica-early-failures says what its figures leave out", () => {
  it("names jitter left out when a group it estimates polls with jitter", () => {
    const [hit] = replicaEarlyFailures.hits(
      checkInput(
        build("windows", mpOnReplica, (d) => {
          const g = d.devices[0];
          if (g) g.jitter = "30s";
        }),
      ),
    );
    expect(hit?.message).toContain("(exact for this scenario and seed, jitter left out)");
  });
});

const CLIENT_DATABASE = `site.servers.${CM01}.roles.managementPoint.database`;

describe("replica-early-failures for ConfigMgr clients (any management point)", () => {
  it("a client behind a 5-minute replica waits one full 60-minute policy cycle, with one failed try", () => {
    const s = buildClients(withEnrollmentRoles, clientMpOnReplica);
    expect(replicaEarlyFailures.hits(checkInput(s))).toEqual([
      {
        path: CLIENT_DATABASE,
        severity: "warning",
        message: `management point ${CM01} reads replica "r1" (sync every 5m, apply delay 0s): a newly registered client's policy requests fail until the next sync, 0s to 5m after commit, mean 2m30s. Expected (exact for this scenario and seed): the 2 clients of group "c" on this management point: 1.00 failed policy requests, 3600 s from registration to first policy, 1.00 policy cycles of 1h (polling configmgr-client)`,
        fix: expect.stringContaining("Use the site database") as string,
        estimates: [
          { group: "c", devices: 2, connected: 2, failedTries: 1, timeToFirstSuccessSeconds: 3600 },
        ],
      },
    ]);
  });

  it("the same over an hour of registrations: every client waits exactly one cycle", () => {
    const s = buildClients(withEnrollmentRoles, clientMpOnReplica, (d) => {
      d.devices = [clientGroup("c", 1_000, { registration: { pattern: "uniform", from: "0s", to: "1h" } })];
    });
    const [hit] = replicaEarlyFailures.hits(checkInput(s));
    expect(hit?.estimates).toEqual([
      { group: "c", devices: 1000, connected: 1000, failedTries: 1, timeToFirstSuccessSeconds: 3600 },
    ]);
  });

  it("none on the site database: a client gets its policy at its first poll", () => {
    expect(replicaEarlyFailures.hits(checkInput(buildClients(withEnrollmentRoles)))).toEqual([]);
  });

  it("a DMP on a replica serving MDM devices and clients names both", () => {
    const s = build("windows", mpOnReplica, (d) => {
      d.devices.push(clientGroup("c", 2, { addresses: "10.1.3.0/24" }));
    });
    const [hit] = replicaEarlyFailures.hits(checkInput(s));
    expect(hit?.estimates?.map((e) => e.group)).toEqual(["w", "c"]);
    expect(hit?.message).toContain(
      "a newly enrolled device, and a newly registered client's policy requests, fail until the next sync",
    );
    expect(hit?.message).toContain('the 2 devices of group "w" on this DMP: ');
    expect(hit?.message).toContain('the 2 clients of group "c" on this DMP: ');
  });

  it("a plain management point on a replica is found only when clients use it", () => {
    // cm02, without the mobile flag, reads the replica; the MDM group uses the DMP cm01 on the site database.
    const plainOnReplica = (d: Draft) => {
      d.site.replicas = [{ name: "r1", syncInterval: "5m", syncOffset: "100s" }];
      d.site.servers.push(mpServer(CM02, "r1"));
      d.site.boundaryGroups![0]!.servers!.push(CM02);
    };
    expect(replicaEarlyFailures.hits(checkInput(build("windows", plainOnReplica)))).toEqual([]);
    const withClients = build("windows", plainOnReplica, (d) => {
      d.devices.push(clientGroup("c", 2, { addresses: "10.1.3.0/24" }));
    });
    const hits = replicaEarlyFailures.hits(checkInput(withClients));
    expect(hits.map((h) => h.path)).toEqual([`site.servers.${CM02}.roles.managementPoint.database`]);
    expect(hits[0]?.estimates?.map((e) => [e.group, e.devices])).toEqual([["c", 1]]);
    expect(hits[0]?.message).toContain('the 1 client of group "c" on this management point: ');
  });
});

describe("replicaUserDeployments", () => {
  const userDeployments = (d: Draft) => {
    group(d).userDeployments = true;
  };

  it("an error when every management point of a client group with user deployments reads a replica", () => {
    expect(replicaUserDeployments.hits(checkInput(buildClients(clientMpOnReplica, userDeployments)))).toEqual(
      [
        {
          path: "devices.c.userDeployments",
          severity: "error",
          group: "c",
          message: `every management point group "c" uses reads a replica (${CM01} reads replica "r1"), and the group uses user-available deployments (userDeployments: true): user deployments in Software Center do not work against a management point that uses a SQL Server replica`,
          fix: expect.stringContaining("deploy the applications to devices rather than users") as string,
        },
      ],
    );
  });

  it("none without user deployments, or on the site database", () => {
    expect(replicaUserDeployments.hits(checkInput(buildClients(clientMpOnReplica)))).toEqual([]);
    expect(replicaUserDeployments.hits(checkInput(buildClients(userDeployments)))).toEqual([]);
  });

  it("nothing when only some of its management points read a replica (checks.md: every one must)", () => {
    const s = buildClients(clientMpOnReplica, userDeployments, (d) => {
      d.site.servers.push(mpServer(CM02));
      d.site.boundaryGroups![0]!.servers!.push(CM02);
    });
    expect(replicaUserDeployments.hits(checkInput(s))).toEqual([]);
  });

  it("the pool is the boundary group's: a site-database MP elsewhere does not help", () => {
    const s = buildClients(clientMpOnReplica, userDeployments, (d) => {
      d.site.servers.push(mpServer(CM02));
      d.site.boundaryGroups!.push({ name: "Other", boundaries: [], servers: [CM02] });
    });
    expect(replicaUserDeployments.hits(checkInput(s)).map((h) => h.severity)).toEqual(["error"]);
  });
});

describe("replica-early-failures' message does not grow with the groups (each group's figures stay in estimates)", () => {
  /** `n` Windows groups on the replica DMP, the i-th enrolling at 50 + 37·i s, and `macs` Mac groups pinned to it. */
  const many = (n: number, macs = 0) =>
    build("windows", mpOnReplica, (d) => {
      const w = d.devices[0]!;
      d.devices = [
        ...Array.from({ length: n }, (_, i) => ({
          ...w,
          name: `w${i}`,
          count: 1 + (i % 3),
          enrollment: { pattern: "burst" as const, at: `${50 + 37 * i}s` },
        })),
        ...Array.from({ length: macs }, (_, i) => ({
          name: `macs${i}`,
          platform: "macos" as const,
          count: 1,
          trustedRoots: w.trustedRoots,
          managementPoint: CM01,
        })),
      ];
    });

  it("three groups are spelled out one by one, as before", () => {
    const [hit] = replicaEarlyFailures.hits(checkInput(many(3)));
    expect(hit?.message).toContain('the 1 device of group "w0" on this DMP: ');
    expect(hit?.message).toContain('the 3 devices of group "w2" on this DMP: ');
  });

  it("200 groups: how many groups and devices, each figure's range and device mean, in a message as long as for 20", () => {
    const [few] = replicaEarlyFailures.hits(checkInput(many(20)));
    const [hit] = replicaEarlyFailures.hits(checkInput(many(200)));
    expect(hit?.estimates).toHaveLength(200);
    expect(hit?.estimates?.[199]).toMatchObject({ group: "w199", devices: 2 });
    const devices = (hit?.estimates ?? []).reduce((n, e) => n + e.devices, 0);
    expect(hit?.message).toContain(
      `Expected (exact for this scenario and seed): 200 groups, ${devices} devices on this DMP: `,
    );
    expect(hit?.message).toMatch(
      /: \d+\.\d\d to \d+\.\d\d failed tries by group, \d+\.\d\d on average per device; /,
    );
    expect(hit?.message).toMatch(/; \d+ to \d+ s to first success by group, \d+ s on average per device; /);
    expect(hit?.message).toContain("each group's figures are in the finding's estimates (--format json)");
    expect(hit?.message).not.toContain('"w1"');
    expect(hit?.message.length).toBeLessThan(600);
    // Only digits differ: the length does not depend on the number of groups.
    expect(Math.abs((hit?.message.length ?? 0) - (few?.message.length ?? 0))).toBeLessThan(10);
  });

  it("the device mean weighs each group by its devices that succeed; the range spans the groups", () => {
    const [hit] = replicaEarlyFailures.hits(checkInput(many(10)));
    const figured = (hit?.estimates ?? []).filter((e) => e.failedTries !== null);
    const weight = figured.reduce((n, e) => n + e.connected, 0);
    const mean = figured.reduce((n, e) => n + e.connected * (e.failedTries ?? 0), 0) / weight;
    const tries = figured.map((e) => e.failedTries ?? 0);
    const lo = tries.reduce((a, b) => Math.min(a, b));
    const hi = tries.reduce((a, b) => Math.max(a, b));
    expect(lo).toBeLessThan(hi);
    expect(hit?.message).toContain(
      `${lo.toFixed(2)} to ${hi.toFixed(2)} failed tries by group, ${mean.toFixed(2)} on average per device`,
    );
  });

  it("many refused groups: how many, and the first three with their reasons", () => {
    const [hit] = replicaEarlyFailures.hits(checkInput(many(1, 50)));
    expect(hit?.estimates?.map((e) => e.group)).toEqual(["w0"]);
    expect(hit?.message).toContain('50 groups are refused here and get no estimate, among them "macs0" (');
    expect(hit?.message).toContain("and 47 more");
    expect(hit?.message).not.toContain('"macs3"');
  });
});
