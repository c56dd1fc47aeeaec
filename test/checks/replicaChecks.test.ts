// The replica entries: a DMP on a replica (with each assigned group's closed form), Macs on it, and
// replicas at a secondary site.
import { describe, expect, it } from "vitest";
import {
  replicaAtSecondary,
  replicaEarlyFailures,
  replicaUnsupportedForMacos,
} from "../../src/checks/replicaChecks.js";
import { build, CM01, mpOnReplica } from "../helpers/ruleScenarios.js";
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
