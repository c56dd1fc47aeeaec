// The role entries: what each detects on a one-server site, at which path, with which severity and words.
import { describe, expect, it } from "vitest";
import type { Check } from "../../src/checks/catalogue.js";
import {
  connectionTypeNotAllowed,
  dpMobileNotAllowed,
  httpsRequired,
  macosRequiresInternetConnections,
  mdmInternetUnsupported,
  missingRole,
  nameNotFqdn,
  notADeviceManagementPoint,
} from "../../src/checks/roleChecks.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { build, CM01, group, renameServer, roles, server, type Draft } from "../helpers/ruleScenarios.js";
import { checkInput } from "../helpers/checkInput.js";
import { buildClients, withEnrollmentRoles } from "../helpers/clientScenarios.js";

const hits = (check: Check, s: Scenario) => check.hits(checkInput(s));
const ROLE = (role: string) => `site.servers.${CM01}.roles.${role}`;

describe("a correct site trips no role check", () => {
  for (const platform of ["windows", "macos"] as const) {
    it(platform, () => {
      const s = build(platform);
      for (const check of [
        missingRole,
        httpsRequired,
        nameNotFqdn,
        notADeviceManagementPoint,
        dpMobileNotAllowed,
      ])
        expect(hits(check, s)).toEqual([]);
    });
  }
});

describe("missingRole", () => {
  it("one hit per missing role, told apart by part, all at site.servers", () => {
    const s = build("windows", (d: Draft) => {
      delete server(d).roles.enrollmentPoint;
      delete server(d).roles.distributionPoint;
      roles(d).mp.allowMobileDevicesAndMacs = false;
    });
    const found = hits(missingRole, s);
    expect(found.map((h) => [h.path, h.part, h.message])).toEqual([
      [
        "site.servers",
        "managementPoint.allowMobileDevicesAndMacs",
        "the site has no device management point (no management point allows mobile devices and Macs)",
      ],
      ["site.servers", "distributionPoint", "the site has no distribution point"],
      ["site.servers", "enrollmentPoint", "the site has no enrollment point"],
    ]);
  });
});

describe("httpsRequired and nameNotFqdn", () => {
  it("find every HTTP role and every short name", () => {
    const s = build("windows", (d) => {
      roles(d).ep.https = false;
      roles(d).dp.https = false;
      renameServer(d, "cm01");
    });
    expect(hits(httpsRequired, s).map((h) => h.message)).toEqual([
      "enrollment point cm01 uses HTTP; on-prem MDM requires HTTPS",
      "distribution point cm01 uses HTTP; on-prem MDM requires HTTPS",
    ]);
    expect(hits(nameNotFqdn, s)).toMatchObject([{ path: "site.servers.cm01.name", severity: "error" }]);
  });
});

describe("notADeviceManagementPoint", () => {
  const twoMps = (d: Draft) => {
    d.site.servers.push({
      name: "mp2.corp.contoso.com",
      certificate: { ...server(d).certificate!, names: ["mp2.corp.contoso.com"] },
      roles: {
        managementPoint: {
          https: true,
          connections: "intranet",
          allowMobileDevicesAndMacs: false,
          database: "site",
        },
      },
    });
  };

  it("a warning for an MP without the flag beside a DMP", () => {
    expect(hits(notADeviceManagementPoint, build("windows", twoMps))).toEqual([
      expect.objectContaining({
        path: "site.servers.mp2.corp.contoso.com.roles.managementPoint",
        severity: "warning",
        message:
          "management point mp2.corp.contoso.com does not allow mobile devices and Macs; on-prem MDM devices use only the other management points",
      }),
    ]);
  });

  it("an error for a group pinned to it", () => {
    const s = build("windows", twoMps, (d) => {
      group(d).managementPoint = "mp2.corp.contoso.com";
    });
    const pinned = hits(notADeviceManagementPoint, s).find((h) => h.group === "w");
    expect(pinned).toMatchObject({
      severity: "error",
      message: expect.stringContaining('group "w" would use it') as unknown,
    });
  });

  it("an error for the group that uses the only MP when no MP is a DMP", () => {
    const s = build("windows", (d) => {
      roles(d).mp.allowMobileDevicesAndMacs = false;
    });
    expect(hits(notADeviceManagementPoint, s)).toEqual([
      expect.objectContaining({ severity: "error", group: "w" }),
    ]);
  });
});

describe("dpMobileNotAllowed", () => {
  it("an error when no DP allows mobile devices", () => {
    const s = build("windows", (d) => {
      roles(d).dp.allowMobileDevices = false;
    });
    expect(hits(dpMobileNotAllowed, s)).toContainEqual(
      expect.objectContaining({
        path: ROLE("distributionPoint"),
        severity: "error",
        message: `distribution point ${CM01} does not allow mobile devices, and no other distribution point does`,
      }),
    );
  });
});

describe("connection checks", () => {
  it("macOS and an intranet-only DMP", () => {
    const s = build("macos", (d) => {
      roles(d).mp.connections = "intranet";
    });
    expect(hits(macosRequiresInternetConnections, s)).toContainEqual(
      expect.objectContaining({ path: ROLE("managementPoint"), severity: "error", group: "m" }),
    );
  });

  it("a Windows group on the internet", () => {
    const s = build("windows", (d) => {
      group(d).location = "internet";
      delete group(d).addresses;
    });
    expect(hits(mdmInternetUnsupported, s)).toEqual([
      expect.objectContaining({ path: "devices.w.location", severity: "error" }),
    ]);
  });

  it("an intranet group and an internet-only role", () => {
    const s = build("windows", (d) => {
      roles(d).mp.connections = "internet";
    });
    // The group's only MP is its candidate and, none being eligible, its fallback too: one place.
    const found = hits(connectionTypeNotAllowed, s);
    expect(new Set(found.map((h) => h.path))).toEqual(new Set([ROLE("managementPoint")]));
    expect(found[0]?.message).toBe(
      `management point ${CM01} allows "Allow internet-only connections", and group "w" connects from the intranet`,
    );
  });
});

describe("role entries on a site of ConfigMgr clients", () => {
  it("a correct client site (an MP without the mobile flag, a DP without it, no enrollment roles) trips none", () => {
    const s = buildClients();
    for (const check of [
      missingRole,
      httpsRequired,
      nameNotFqdn,
      notADeviceManagementPoint,
      dpMobileNotAllowed,
    ])
      expect(hits(check, s)).toEqual([]);
  });

  it("missingRole: a client site needs a management point, and not the mobile flag", () => {
    const s = buildClients((d) => {
      delete d.site.servers[0]!.roles.managementPoint;
    });
    expect(hits(missingRole, s).map((h) => [h.path, h.part, h.message, h.fix])).toEqual([
      [
        "site.servers",
        "managementPoint",
        "the site has no management point",
        'Add the "Management point" site system role (Administration > Site Configuration > Servers and Site System Roles > Add Site System Roles)',
      ],
    ]);
  });

  it("missingRole: a client site needs a distribution point only when a group fetches content", () => {
    const noDp = (d: Draft) => {
      delete d.site.servers[0]!.roles.distributionPoint;
    };
    expect(hits(missingRole, buildClients(noDp))).toEqual([]);
    const content = buildClients(noDp, (d) => {
      group(d).content = true;
    });
    expect(hits(missingRole, content).map((h) => h.message)).toEqual(["the site has no distribution point"]);
  });

  it("missingRole: clients beside MDM devices: the MDM roles are needed again", () => {
    const s = buildClients((d) => {
      d.devices.push({ name: "w", platform: "windows", count: 1, addresses: "10.1.2.0/24" });
    });
    expect(hits(missingRole, s).map((h) => h.part)).toEqual([
      "managementPoint.allowMobileDevicesAndMacs",
      "enrollmentPoint",
      "enrollmentProxyPoint",
    ]);
  });

  it("httpsRequired: says why clients need HTTPS, and leaves the enrollment roles clients never use", () => {
    const s = buildClients(withEnrollmentRoles, (d) => {
      const r = d.site.servers[0]!.roles;
      r.managementPoint!.https = false;
      r.enrollmentProxyPoint!.https = false;
    });
    expect(hits(httpsRequired, s).map((h) => [h.path, h.message])).toEqual([
      [
        ROLE("managementPoint"),
        `management point ${CM01} uses HTTP; ConfigMgr clients need HTTPS since version 2403 removed HTTP-only client communication (enhanced HTTP is not modelled)`,
      ],
    ]);
  });

  it("httpsRequired: with MDM devices and clients, both reasons", () => {
    const s = build("windows", (d) => {
      roles(d).mp.https = false;
      d.devices.push({ name: "c", platform: "configmgr-client", count: 1, addresses: "10.1.2.0/24" });
    });
    expect(hits(httpsRequired, s)[0]?.message).toBe(
      `management point ${CM01} uses HTTP; on-prem MDM requires HTTPS, and ConfigMgr clients need it since version 2403 removed HTTP-only client communication (enhanced HTTP is not modelled)`,
    );
  });

  it("notADeviceManagementPoint and dpMobileNotAllowed: no word on plain roles when only clients use them", () => {
    const s = buildClients((d) => {
      d.site.servers.push({
        name: "cm02.corp.contoso.com",
        roles: {
          managementPoint: { https: true, allowMobileDevicesAndMacs: true },
          distributionPoint: { https: true, allowMobileDevices: true },
        },
      });
    });
    expect(hits(notADeviceManagementPoint, s)).toEqual([]);
    expect(hits(dpMobileNotAllowed, s)).toEqual([]);
  });
});
