// The scale and support entries: each MP's and DP's expected devices by the assignment rule and the content
// candidates, the site's totals and management points, the end of support (only with MDM devices).
import { describe, expect, it } from "vitest";
import {
  dpClientCapacity,
  mpCapacity,
  mpClientCapacity,
  outOfSupport,
  siteCapacity,
  siteMpCount,
} from "../../src/checks/capacityChecks.js";
import { build, CM01, group, type Draft, type GroupDraft } from "../helpers/ruleScenarios.js";
import { buildClients, clientGroup, CM02, dpServer, mpServer } from "../helpers/clientScenarios.js";
import { checkInput } from "../helpers/checkInput.js";

describe("capacity entries", () => {
  it("find nothing for a small site; out-of-support is always there", () => {
    const input = checkInput(build("windows"));
    expect(mpCapacity.hits(input)).toEqual([]);
    expect(siteCapacity.hits(input)).toEqual([]);
    expect(outOfSupport.hits(input)).toEqual([expect.objectContaining({ path: "site", severity: "info" })]);
  });

  it("mpCapacity: more than 10,000 MDM devices on one MP", () => {
    const s = build("windows", (d) => {
      group(d).count = 12_000;
      group(d).addresses = "10.1.0.0/16";
    });
    expect(mpCapacity.hits(checkInput(s))).toEqual([
      expect.objectContaining({
        path: `site.servers.${CM01}.roles.managementPoint`,
        severity: "warning",
        message: `management point ${CM01} is expected to serve 12000 on-prem MDM devices (supported: 10,000)`,
      }),
    ]);
  });

  it("siteCapacity: more than 50,000 MDM devices in a primary site", () => {
    const s = build("windows", (d) => {
      group(d).count = 60_000;
      group(d).addresses = "10.1.0.0/16";
    });
    expect(siteCapacity.hits(checkInput(s))).toEqual([
      expect.objectContaining({
        path: "devices",
        message:
          "the stand-alone primary site has 60000 on-prem MDM devices and 0 Macs (supported: 50,000 and 25,000)",
      }),
    ]);
  });
});

const MP = (server: string) => `site.servers.${server}.roles.managementPoint`;
const DP = (server: string) => `site.servers.${server}.roles.distributionPoint`;

const clients =
  (count: number, extra: Partial<GroupDraft> = {}) =>
  (d: Draft) => {
    d.devices = [clientGroup("c", count, extra)];
  };

describe("capacity entries with ConfigMgr clients", () => {
  it("a small site of clients: nothing, and no out-of-support (clients are supported)", () => {
    const input = checkInput(buildClients());
    for (const check of [
      mpCapacity,
      mpClientCapacity,
      siteMpCount,
      dpClientCapacity,
      siteCapacity,
      outOfSupport,
    ])
      expect(check.hits(input)).toEqual([]);
  });

  it("out-of-support once MDM devices are in the scenario beside the clients", () => {
    const s = build("windows", (d) => {
      d.devices.push(clientGroup("c"));
    });
    expect(outOfSupport.hits(checkInput(s))).toHaveLength(1);
  });

  it("mpClientCapacity: more than 25,000 clients on one management point, not 25,000", () => {
    expect(mpClientCapacity.hits(checkInput(buildClients(clients(25_001))))).toEqual([
      {
        path: MP(CM01),
        severity: "warning",
        message: `management point ${CM01} is expected to serve 25001 ConfigMgr clients (supported: 25,000)`,
        fix: expect.stringContaining("Add management points to the boundary groups") as string,
      },
    ]);
    expect(mpClientCapacity.hits(checkInput(buildClients(clients(25_000))))).toEqual([]);
  });

  it("mpClientCapacity: by the assignment rule's shares (two MPs of one boundary group split the clients)", () => {
    const twoMps = (d: Draft) => {
      d.site.servers.push(mpServer(CM02));
      d.site.boundaryGroups![0]!.servers!.push(CM02);
    };
    expect(mpClientCapacity.hits(checkInput(buildClients(clients(50_000), twoMps)))).toEqual([]);
    const over = mpClientCapacity.hits(checkInput(buildClients(clients(50_002), twoMps)));
    expect(over.map((h) => h.path)).toEqual([MP(CM01), MP(CM02)]);
    expect(over[0]?.message).toContain("25001 ConfigMgr clients");
  });

  it("mpClientCapacity: clients outside every boundary group count at the default boundary group's MPs", () => {
    const s = buildClients(clients(30_000, { addresses: "10.9.0.0/16" }), (d) => {
      d.site.servers.push(mpServer(CM02));
      d.site.boundaryGroups!.push({ name: "Default", boundaries: [], servers: [CM02] });
      d.site.defaultBoundaryGroup = "Default";
    });
    expect(mpClientCapacity.hits(checkInput(s)).map((h) => h.path)).toEqual([MP(CM02)]);
  });

  it("mpCapacity leaves clients alone to mpClientCapacity (clients are not counted as Macs)", () => {
    expect(mpCapacity.hits(checkInput(buildClients(clients(30_000))))).toEqual([]);
  });

  it("mpCapacity: the mix limit, clients beside MDM devices, 25,000 in all", () => {
    const mixed = (n: number) =>
      build("windows", (d) => {
        group(d).count = 6_000;
        group(d).addresses = "10.1.0.0/16";
        d.devices.push(clientGroup("c", n));
      });
    expect(mpCapacity.hits(checkInput(mixed(19_000)))).toEqual([]);
    expect(mpCapacity.hits(checkInput(mixed(19_001)))).toEqual([
      expect.objectContaining({
        path: MP(CM01),
        severity: "warning",
        message: `management point ${CM01} is expected to serve 25001 devices in all: 19001 ConfigMgr clients beside 6000 on-prem MDM devices and 0 Macs (supported: 25,000 in all)`,
      }),
    ]);
    // The clients alone are within their own limit.
    expect(mpClientCapacity.hits(checkInput(mixed(19_001)))).toEqual([]);
  });

  it("siteCapacity counts no clients", () => {
    expect(siteCapacity.hits(checkInput(buildClients(clients(60_000))))).toEqual([]);
  });

  it("siteMpCount: more than 15 management points in a primary site, not 15, not at a secondary site", () => {
    const mps = (n: number) => (d: Draft) => {
      for (let i = 2; i <= n; i++) d.site.servers.push(mpServer(`mp${i}.corp.contoso.com`));
    };
    expect(siteMpCount.hits(checkInput(buildClients(mps(16))))).toEqual([
      {
        path: "site.servers",
        severity: "warning",
        message: "the primary site has 16 management points (supported: 15)",
        fix: expect.stringContaining("a primary site supports 15") as string,
      },
    ]);
    expect(siteMpCount.hits(checkInput(buildClients(mps(15))))).toEqual([]);
    const secondary = buildClients(mps(16), (d) => {
      d.site.type = "secondary";
    });
    expect(siteMpCount.hits(checkInput(secondary))).toEqual([]);
  });

  it("dpClientCapacity: more than 4,000 clients on one DP, not 4,000; every client counts, content or not", () => {
    expect(dpClientCapacity.hits(checkInput(buildClients(clients(4_001))))).toEqual([
      {
        path: DP(CM01),
        severity: "warning",
        message: `distribution point ${CM01} is expected to serve 4001 clients (supported: 4,000): 4001 ConfigMgr clients`,
        fix: expect.stringContaining("Add distribution points") as string,
      },
    ]);
    expect(dpClientCapacity.hits(checkInput(buildClients(clients(4_000))))).toEqual([]);
    expect(dpClientCapacity.hits(checkInput(buildClients(clients(4_001, { content: true }))))).toHaveLength(
      1,
    );
  });

  it("dpClientCapacity: MDM devices count only when their group fetches content", () => {
    const windows = (content: boolean) =>
      build("windows", (d) => {
        group(d).count = 4_001;
        group(d).addresses = "10.1.0.0/16";
        group(d).content = content;
      });
    expect(dpClientCapacity.hits(checkInput(windows(false)))).toEqual([]);
    expect(dpClientCapacity.hits(checkInput(windows(true)))).toEqual([
      expect.objectContaining({
        message: `distribution point ${CM01} is expected to serve 4001 clients (supported: 4,000): 4001 on-prem MDM devices and Macs that fetch content`,
      }),
    ]);
  });

  it("dpClientCapacity: by the content candidates (the boundary group's DPs, else the default group's)", () => {
    const twoDps = (d: Draft) => {
      d.site.servers.push(dpServer(CM02));
      d.site.boundaryGroups![0]!.servers!.push(CM02);
    };
    expect(dpClientCapacity.hits(checkInput(buildClients(clients(8_000), twoDps)))).toEqual([]);
    expect(
      dpClientCapacity.hits(checkInput(buildClients(clients(8_002), twoDps))).map((h) => h.path),
    ).toEqual([DP(CM01), DP(CM02)]);
    // Outside every boundary group: the default boundary group's DP.
    const outside = buildClients(clients(5_000, { addresses: "10.9.0.0/16" }), (d) => {
      d.site.servers.push(dpServer(CM02));
      d.site.boundaryGroups!.push({ name: "Default", boundaries: [], servers: [CM02] });
      d.site.defaultBoundaryGroup = "Default";
    });
    expect(dpClientCapacity.hits(checkInput(outside)).map((h) => h.path)).toEqual([DP(CM02)]);
  });

  it("dpClientCapacity: internet clients at the DPs that accept internet connections", () => {
    const s = buildClients(clients(4_001, { location: "internet", addresses: undefined }), (d) => {
      const cm01 = d.site.servers[0]!.roles;
      cm01.managementPoint!.connections = "intranetAndInternet";
      d.site.servers.push({
        name: CM02,
        roles: { distributionPoint: { https: true, connections: "internet" } },
      });
    });
    expect(dpClientCapacity.hits(checkInput(s)).map((h) => h.path)).toEqual([DP(CM02)]);
  });
});
