// The words and paths findings share, and an entry for a reachability rule's failing contacts.
import { describe, expect, it } from "vitest";
import { SOURCES } from "../../src/checks/catalogue.js";
import { contactCheck, groupLabel, roleLabel, rolePath, serverPath } from "../../src/checks/labels.js";
import { build, CM01, contactOf, server } from "../helpers/ruleScenarios.js";
import { checkInput } from "../helpers/checkInput.js";

describe("labels", () => {
  it("name servers, roles and groups as the console and override paths do", () => {
    const c = contactOf(build("windows"), "managementPoint");
    expect(serverPath(CM01, "certificate")).toBe(`site.servers.${CM01}.certificate`);
    expect(rolePath(c)).toBe(`site.servers.${CM01}.roles.managementPoint`);
    expect(roleLabel(c)).toBe(`management point ${CM01}`);
    expect(groupLabel(c)).toBe('group "w"');
  });
});

describe("contactCheck", () => {
  it("detects the contacts failing with its reason, as errors naming the group", () => {
    const entry = contactCheck("no-certificate", {
      scope: "certificate",
      source: SOURCES.certificates,
      summary: "",
      fixSummary: "",
      path: (c) => serverPath(c.server.name, "certificate"),
      message: (c) => `${groupLabel(c)} ${c.role}`,
      fix: () => "bind one",
    });
    const s = build("windows", (d) => {
      server(d).certificate = null;
    });
    const hits = entry.hits(checkInput(s));
    expect(hits[0]).toEqual({
      path: `site.servers.${CM01}.certificate`,
      severity: "error",
      message: 'group "w" enrollmentProxyPoint',
      fix: "bind one",
      group: "w",
    });
    expect(entry.hits(checkInput(build("windows")))).toEqual([]);
  });
});
