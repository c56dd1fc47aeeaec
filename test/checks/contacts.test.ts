// The contacts `check` judges are the ones `run` makes: each group's EPPs (only when all fail), its MP
// candidates or fallback DMPs, its content DPs; each with the first rule that fails it.
import { describe, expect, it } from "vitest";
import { failingContacts } from "../../src/checks/contacts.js";
import { isDmp, isMobileDp } from "../../src/model/rules.js";
import { compileSite } from "../../src/model/site.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { build, CM01, group, roles, server } from "../helpers/ruleScenarios.js";

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
