// The contacts `check` judges are the ones `run` makes: each group's EPPs (only when all fail), its MP
// candidates or fallback DMPs, its content DPs; each with the first rule that fails it.
import { describe, expect, it } from "vitest";
import { failingContacts } from "../../src/checks/contacts.js";
import { isDmp, isMobileDp } from "../../src/model/rules.js";
import { compileSite } from "../../src/model/site.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { build, CM01, group, roles, server } from "../helpers/ruleScenarios.js";
import { buildClients, CM02, withEnrollmentRoles } from "../helpers/clientScenarios.js";

const contacts = (s: Scenario) =>
  failingContacts(compileSite(s, s.seed)).map(
    (c) => `${c.contact.group.name} ${c.contact.role} ${c.reason}${c.pinned ? " pinned" : ""}`,
  );

describe("failingContacts", () => {
  it("is empty for a correct site", () => {
    expect(contacts(build("windows"))).toEqual([]);
    expect(contacts(build("macos"))).toEqual([]);
  });

  it("reports the first failing rule of each contact a group would make", () => {
    const s = build("windows", (d) => {
      roles(d).mp.allowMobileDevicesAndMacs = false;
      roles(d).mp.https = false;
    });
    expect(contacts(s)).toEqual(["w managementPoint not-a-device-management-point"]);
    const http = build("windows", (d) => {
      roles(d).dp.https = false;
    });
    expect(contacts(http)).toEqual(["w distributionPoint https-required"]);
  });

  it("marks a group pinned to its MP", () => {
    const s = build("windows", (d) => {
      roles(d).mp.allowMobileDevicesAndMacs = false;
      group(d).managementPoint = CM01;
    });
    expect(contacts(s)).toContain("w managementPoint not-a-device-management-point pinned");
  });

  it("reports the EPP only when the group can reach no EPP", () => {
    const s = build("windows", (d) => {
      server(d).certificate = null;
    });
    expect(contacts(s)[0]).toBe("w enrollmentProxyPoint no-certificate");
  });

  it("skips content DPs for a group without content", () => {
    const s = build("windows", (d) => {
      roles(d).dp.allowMobileDevices = false;
      group(d).content = false;
    });
    expect(contacts(s)).toEqual([]);
  });
});

describe("isDmp and isMobileDp", () => {
  it("read the mobile flags", () => {
    const s = build("windows", (d) => {
      roles(d).dp.allowMobileDevices = false;
    });
    const cm01 = s.site.servers[0]!;
    expect(isDmp(cm01)).toBe(true);
    expect(isMobileDp(cm01)).toBe(false);
  });
});

describe("failingContacts of ConfigMgr clients", () => {
  it("none for a correct client site; a client never contacts an EPP", () => {
    expect(contacts(buildClients())).toEqual([]);
    const brokenEpp = buildClients(withEnrollmentRoles, (d) => {
      d.site.servers[0]!.roles.enrollmentProxyPoint!.https = false;
    });
    expect(contacts(brokenEpp)).toEqual([]);
  });

  it("no eligible management point: what keeps each MP out, not only the DMPs", () => {
    const s = buildClients((d) => {
      d.site.servers[0]!.roles.managementPoint!.connections = "internet";
      d.site.servers.push({
        name: CM02,
        roles: { managementPoint: { https: false, connections: "intranet" } },
      });
    });
    // The first MP twice: as the fallback candidate, and among every MP (findings keep one per place).
    expect(new Set(contacts(s))).toEqual(
      new Set(["c managementPoint connection-type-not-allowed", "c managementPoint https-required"]),
    );
  });

  it("an internet client group that fetches content and no DP accepts internet connections", () => {
    const s = buildClients((d) => {
      d.site.servers[0]!.roles.managementPoint!.connections = "intranetAndInternet";
      group(d).location = "internet";
      delete group(d).addresses;
      group(d).content = true;
    });
    expect(contacts(s)).toEqual(["c distributionPoint connection-type-not-allowed"]);
  });

  it("clients outside every boundary group: the default boundary group's DPs", () => {
    const s = buildClients((d) => {
      group(d).addresses = "10.9.0.0/24";
      group(d).content = true;
      d.site.servers.push({ name: CM02, roles: { distributionPoint: { https: false } } });
      d.site.boundaryGroups!.push({ name: "Default", boundaries: [], servers: [CM02] });
      d.site.defaultBoundaryGroup = "Default";
    });
    expect(contacts(s)).toEqual(["c distributionPoint https-required"]);
  });
});
