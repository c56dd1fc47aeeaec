// The mapping of a site export to a scenario: the fixtures' golden scenarios, each rule of the mapping, the
// notes on what the export cannot tell, and the inputs it refuses.
import { describe, expect, it } from "vitest";
import { checkScenario } from "../../src/checks/checkScenario.js";
import { ScenarioError } from "../../src/errors.js";
import { EXPORT_FORMAT, importSite } from "../../src/import/importSite.js";
import type { ImportNote } from "../../src/import/notes.js";
import { loadScenario } from "../../src/scenario/load.js";
import { EXPORTS, golden, goldenScenarioName, readExport } from "./helpers.js";

const notesAt = (notes: readonly ImportNote[], path: string) => notes.filter((n) => n.path === path);

/** The findings `check` gives on an imported scenario, as `id path` lines. */
function findings(name: string): string[] {
  const scenario = loadScenario(importSite(readExport(name)).scenario);
  return checkScenario(scenario).map((f) => `${f.severity} ${f.id} ${f.path}`);
}

function rowOf(data: Record<string, unknown>, key: string, index: number): Record<string, unknown> {
  const rows = data[key] as Record<string, unknown>[];
  const row = rows[index];
  if (row === undefined) throw new Error(`no ${key}[${index}]`);
  return row;
}

function roleRowIndex(data: Record<string, unknown>, role: string, server: string): number {
  const rows = data.siteRoles as { RoleName: string; NetworkOSPath: string }[];
  const index = rows.findIndex(
    (r) => r.RoleName === role && r.NetworkOSPath.toLowerCase() === `\\\\${server}`,
  );
  if (index < 0) throw new Error(`no ${role} row for ${server}`);
  return index;
}

describe("importSite on the fixtures", () => {
  for (const name of EXPORTS) {
    it(`${name}: the expected scenario, which loads`, () => {
      const result = importSite(readExport(name));
      golden(goldenScenarioName(name), `${JSON.stringify(result.scenario, null, 2)}\n`);
      expect(() => loadScenario(result.scenario)).not.toThrow();
      expect(result.skipped).toEqual([]);
    });
  }

  it("the AdminService answers give the same scenario and notes as the cmdlets' output", () => {
    const cmdlets = importSite(readExport("large-site"));
    const admin = importSite(readExport("large-site-adminservice"));
    expect(admin).toEqual(cmdlets);
  });

  it("lab site: check finds nothing to fix (the supported lab layout)", () => {
    expect(findings("lab-site")).toEqual(["info out-of-support site"]);
  });

  it("large site: check finds the HTTP MP, the DP without mobile devices, the boundaries MDM ignores, the replica DMP", () => {
    const S = "site.servers";
    expect(findings("large-site")).toEqual([
      `error https-required ${S}.mp03.corp.contoso.com.roles.managementPoint`,
      `warning not-a-device-management-point ${S}.mp03.corp.contoso.com.roles.managementPoint`,
      `warning dp-mobile-not-allowed ${S}.dp02.corp.contoso.com.roles.distributionPoint`,
      // One finding per boundary group, naming each boundary MDM ignores.
      "warning unsupported-boundary-type site.boundaryGroups.Branch.boundaries",
      "warning unsupported-boundary-type site.boundaryGroups.HQ.boundaries",
      `warning replica-early-failures ${S}.mp01.corp.contoso.com.roles.managementPoint.database`,
      "info out-of-support site",
    ]);
    const scenario = loadScenario(importSite(readExport("large-site")).scenario);
    for (const f of checkScenario(scenario).filter((x) => x.id === "unsupported-boundary-type"))
      expect(f.message).toMatch(/holds boundaries ".+" of type \w+ and ".+" of type \w+, which/);
  });

  it("large site: counts the rows of the CAS and the secondary, and the servers without MDM roles", () => {
    expect(importSite(readExport("large-site")).summary).toEqual({
      siteCode: "PS1",
      servers: 7,
      roles: 7,
      boundaries: 7,
      boundaryGroups: 3,
      otherSiteRows: 7,
      serversWithoutMdmRoles: 2,
    });
  });
});

describe("the mapping, rule by rule", () => {
  const large = () => importSite(readExport("large-site"));
  const server = (name: string) => {
    const found = large().scenario.site.servers.find((s) => s.name === name);
    if (found === undefined) throw new Error(`no server ${name}`);
    return found;
  };

  it("merges rows of one server that differ in case, under the lower-case name", () => {
    const names = large().scenario.site.servers.map((s) => s.name);
    expect(names).toEqual([...new Set(names)]);
    expect(names.every((n) => n === n.toLowerCase())).toBe(true);
    // mp02's Device Management Point row says \\MP02.CORP.CONTOSO.COM.
    expect(server("mp02.corp.contoso.com").roles.managementPoint?.allowMobileDevicesAndMacs).toBe(true);
  });

  it("reads the internet FQDN from the Site System row, HTTPS from SslState 1 and 3, connections from MP*Facing", () => {
    const mp02 = server("mp02.corp.contoso.com");
    expect(mp02.internetFqdn).toBe("mp02.contoso.com");
    expect(mp02.roles.managementPoint).toMatchObject({ https: true, connections: "intranetAndInternet" });
    expect(server("mp01.corp.contoso.com").roles.managementPoint?.https).toBe(true);
    expect(server("mp03.corp.contoso.com").roles.managementPoint?.https).toBe(false);
  });

  it("names a replica after SQLServerName/DatabaseName (Value1, else Value2) and takes its schedule", () => {
    const { site } = large().scenario;
    expect(site.replicas).toEqual([
      { name: "sqlrep01.corp.contoso.com/REPL01\\CM_PS1", syncInterval: "10m" },
      { name: "sqlrep02.corp.contoso.com/CM_PS1", syncInterval: "5m" },
    ]);
    const notes = large().notes;
    expect(notesAt(notes, "site.replicas.sqlrep02.corp.contoso.com/CM_PS1.syncInterval")).toHaveLength(1);
    expect(notesAt(notes, "site.replicas.sqlrep01.corp.contoso.com/REPL01\\CM_PS1.syncInterval")).toEqual([]);
  });

  it("DP: HTTPS from Props SslState 63, mobile devices from TokenAuthEnabled, connections always noted", () => {
    expect(server("dp01.corp.contoso.com").roles.distributionPoint).toEqual({
      https: true,
      connections: "intranet",
      allowMobileDevices: true,
    });
    expect(server("dp02.corp.contoso.com").roles.distributionPoint?.allowMobileDevices).toBe(false);
    const notes = large().notes;
    for (const dp of ["dp01", "dp02"])
      expect(
        notesAt(notes, `site.servers.${dp}.corp.contoso.com.roles.distributionPoint.connections`),
      ).toMatchObject([{ kind: "not in the export", value: "intranet" }]);
  });

  it("lists every MP's mobile-device flag as to confirm, every server's certificate as not in the export", () => {
    const { notes, scenario } = large();
    for (const s of scenario.site.servers) {
      expect(notesAt(notes, `site.servers.${s.name}.certificate`)).toMatchObject([
        { kind: "not in the export" },
      ]);
      expect(s.certificate).toBeUndefined();
      if (s.roles.managementPoint !== undefined)
        expect(
          notesAt(notes, `site.servers.${s.name}.roles.managementPoint.allowMobileDevicesAndMacs`),
        ).toMatchObject([{ kind: "to confirm", value: s.roles.managementPoint.allowMobileDevicesAndMacs }]);
    }
  });

  it("boundaries: every type, the DisplayName else the Value, names made unique; groups by GroupID", () => {
    const { site } = large().scenario;
    expect(site.boundaries?.map((b) => `${b.type} ${b.name}`)).toEqual([
      "ipv4Range HQ Wi-Fi range",
      "ipSubnet Lab subnet",
      "adSite Default-First-Site-Name",
      "ipv6Prefix FE80::/64",
      "vpn Auto:On",
      "ipv4Range Branch range",
      "ipv4Range HQ Wi-Fi range (2)",
    ]);
    // cm01 (the site server, no MDM role) is in HQ's site systems but not in the scenario.
    expect(site.boundaryGroups?.[0]).toEqual({
      name: "HQ",
      boundaries: ["HQ Wi-Fi range", "Lab subnet", "Default-First-Site-Name"],
      servers: ["mp01.corp.contoso.com", "dp01.corp.contoso.com"],
    });
    expect(site.boundaryGroups?.[2]).toEqual({
      name: "Site assignment",
      boundaries: ["HQ Wi-Fi range (2)"],
      servers: [],
    });
  });

  it("places Windows devices on the first IPv4 range of a group with a DMP; --macs adds macOS clients", () => {
    const result = importSite(readExport("large-site"), { devices: 250, macs: 40, name: "contoso" });
    expect(result.scenario.name).toBe("contoso");
    expect(result.scenario.devices).toEqual([
      { name: "windows-devices", platform: "windows", count: 250, addresses: "10.1.0.1-10.1.255.254" },
      { name: "macos-clients", platform: "macos", count: 40 },
    ]);
  });

  it("without a DMP's group, the first IPv4 range; without any, the placeholder range, noted", () => {
    const data = readExport("large-site");
    data.boundaryGroupSiteSystems = [];
    expect(importSite(data).scenario.devices[0]?.addresses).toBe("10.1.0.1-10.1.255.254");
    data.boundaries = (data.boundaries as { BoundaryType: number }[]).filter((b) => b.BoundaryType !== 3);
    const result = importSite(data);
    expect(result.scenario.devices[0]?.addresses).toBe("10.0.0.1-10.0.255.254");
    expect(notesAt(result.notes, "devices.windows-devices.addresses")[0]?.why).toContain(
      "no IPv4 range boundary",
    );
  });

  it("--devices 0 with macOS clients makes only the macOS group", () => {
    const result = importSite(readExport("lab-site"), { devices: 0, macs: 5 });
    expect(result.scenario.devices.map((d) => d.name)).toEqual(["macos-clients"]);
  });

  it("--site imports another site's roles; the export's siteType then is not that site's", () => {
    const cas = importSite(readExport("large-site"), { site: "cas" });
    expect(cas.scenario.site.code).toBe("CAS");
    expect(cas.scenario.site.servers.map((s) => s.name)).toEqual(["cas01.corp.contoso.com"]);
    expect(cas.scenario.site.type).toBeUndefined();
    expect(notesAt(cas.notes, "site.type")).toHaveLength(1);
  });
});

describe("tolerance", () => {
  /** Every property name in lower case (PropertyName's values stay as they are). */
  function lowerKeys(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(lowerKeys);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), lowerKeys(v)]));
  }

  it("matches property names without regard to case", () => {
    expect(importSite(lowerKeys(readExport("large-site")))).toEqual(importSite(readExport("large-site")));
  });

  it("reads numbers given as text, and a lone Props object as PowerShell 5.1 prints a one-element array", () => {
    const data = readExport("lab-site");
    const mp = rowOf(data, "siteRoles", roleRowIndex(data, "SMS Management Point", "cm01.lab.contoso.com"));
    mp.SslState = "1";
    const dp = rowOf(data, "siteRoles", roleRowIndex(data, "SMS Distribution Point", "cm01.lab.contoso.com"));
    dp.Props = { PropertyName: "TokenAuthEnabled", Value: "1", Value1: "", Value2: "" };
    const result = importSite(data);
    const roles = result.scenario.site.servers[0]?.roles;
    expect(roles?.managementPoint?.https).toBe(true);
    expect(roles?.distributionPoint?.allowMobileDevices).toBe(true);
  });

  it("rows without SslState or Props take the console's defaults, each noted as not in the export", () => {
    const data = readExport("lab-site");
    for (const row of data.siteRoles as Record<string, unknown>[]) {
      delete row.SslState;
      delete row.Props;
    }
    const { scenario, notes } = importSite(data);
    expect(scenario.site.servers[0]?.roles).toEqual({
      enrollmentPoint: { https: true },
      enrollmentProxyPoint: { https: true, connections: "intranet" },
      distributionPoint: { https: false, connections: "intranet", allowMobileDevices: false },
      managementPoint: {
        https: false,
        connections: "intranet",
        allowMobileDevicesAndMacs: true,
        database: "site",
      },
    });
    const at = "site.servers.cm01.lab.contoso.com.roles";
    for (const path of [
      `${at}.managementPoint.https`,
      `${at}.managementPoint.connections`,
      `${at}.managementPoint.database`,
      `${at}.distributionPoint.https`,
      `${at}.distributionPoint.allowMobileDevices`,
    ])
      expect(notesAt(notes, path), path).toMatchObject([{ kind: "not in the export" }]);
  });

  it("notes the boundary keys the export script could not read", () => {
    const data = readExport("lab-site");
    delete data.boundaryGroupMembers;
    delete data.boundaryGroupSiteSystems;
    const partial = importSite(data).notes.filter((n) => n.path === "site.boundaryGroups");
    expect(partial.map((n) => n.why)).toEqual([
      expect.stringContaining("no boundary group members"),
      expect.stringContaining("no boundary group site systems"),
    ]);
    delete data.boundaries;
    delete data.boundaryGroups;
    const result = importSite(data);
    expect(result.scenario.site.boundaries).toEqual([]);
    expect(notesAt(result.notes, "site.boundaries")).toMatchObject([
      { kind: "not in the export", value: [] },
    ]);
    expect(result.scenario.devices[0]?.addresses).toBe("10.0.0.1-10.0.255.254");
  });

  it("accepts an export without format or siteCode when the rows name one site", () => {
    const data = readExport("lab-site");
    delete data.format;
    delete data.siteCode;
    expect(importSite(data).scenario.site.code).toBe("LAB");
  });
});

describe("what it cannot read", () => {
  const refused = (data: unknown, path: string, text: string) => {
    let error: unknown;
    try {
      importSite(data);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).path.join(".")).toBe(path);
    expect((error as ScenarioError).message).toContain(text);
  };

  it("refuses what is not a site export", () => {
    refused([], "", EXPORT_FORMAT);
    refused("text", "", EXPORT_FORMAT);
    refused({ format: "something-else/2", siteRoles: [] }, "format", EXPORT_FORMAT);
    refused({ format: EXPORT_FORMAT, siteCode: "PS1" }, "siteRoles", "Get-CMSiteRole");
    refused({ format: EXPORT_FORMAT, siteCode: "PS1", siteRoles: { rows: [] } }, "siteRoles", "array");
    refused({ ...readExport("lab-site"), boundaries: "none" }, "boundaries", "SMS_Boundary");
    refused({ ...readExport("lab-site"), siteCode: "TOOLONG" }, "siteCode", "3 letters");
    refused({ format: EXPORT_FORMAT, siteCode: "PS1", siteRoles: [] }, "siteRoles", "no server of site PS1");
    const data = readExport("large-site");
    delete data.siteCode;
    refused(data, "siteCode", "CAS, PS1, SEC");
  });

  it("skips a row without NetworkOSPath and one with an unknown BoundaryType, naming each", () => {
    const data = readExport("large-site");
    const dpIndex = roleRowIndex(data, "SMS Distribution Point", "dp02.corp.contoso.com");
    delete rowOf(data, "siteRoles", dpIndex).NetworkOSPath;
    rowOf(data, "boundaries", 4).BoundaryType = 7;
    const result = importSite(data);
    expect(result.skipped).toEqual([
      {
        where: `siteRoles[${dpIndex}]`,
        reason: 'no NetworkOSPath (expected "\\\\server.fqdn") in the SMS Distribution Point row',
      },
      {
        where: "boundaries[4]",
        reason:
          "unknown BoundaryType 7 (expected 0 IP subnet, 1 AD site, 2 IPv6 prefix, 3 IP address range or 4 VPN)",
      },
      { where: "boundaryGroupMembers[5]", reason: "BoundaryID 16777221 names no imported boundary" },
    ]);
    expect(result.scenario.site.servers.some((s) => s.name === "dp02.corp.contoso.com")).toBe(false);
    expect(() => loadScenario(result.scenario)).not.toThrow();
  });

  it("skips an IPv4 range boundary whose value is no range, and unreadable replica schedules", () => {
    const data = readExport("large-site");
    rowOf(data, "boundaries", 5).Value = "10.3.0.1-10.3.0";
    data.replicaSchedules = [{ server: "sqlrep01.corp.contoso.com", intervalMinutes: 0 }, 7];
    const { skipped } = importSite(data);
    expect(skipped.map((s) => s.where)).toEqual([
      "replicaSchedules[0]",
      "replicaSchedules[1]",
      "boundaries[5]",
      "boundaryGroupMembers[3]",
    ]);
  });

  it("reports a malformed replicaSchedules row as malformed, naming the row and what was expected, never as not reached", () => {
    const data = readExport("large-site");
    data.replicaSchedules = [
      { server: "SQLREP01.corp.contoso.com", intervalMinutes: "five" },
      7,
      { intervalMinutes: 5 },
    ];
    const { skipped, notes } = importSite(data);
    expect(skipped.filter((s) => s.where.startsWith("replicaSchedules"))).toEqual([
      {
        where: "replicaSchedules[0]",
        reason: 'expected intervalMinutes, a whole number of minutes > 0, got "five"',
      },
      {
        where: "replicaSchedules[1]",
        reason: "expected an object { server, database, intervalMinutes }, got 7",
      },
      {
        where: "replicaSchedules[2]",
        reason: "expected server, the replica's SQL Server name, in { server, database, intervalMinutes }",
      },
    ]);
    const replica = notes.filter((n) => n.path.startsWith("site.replicas.sqlrep01"));
    expect(replica.length).toBeGreaterThan(0);
    for (const note of replica) {
      expect(note.why).not.toContain("not reached");
      expect(note.why).toContain("replicaSchedules[0] for this replica is malformed");
    }
  });
});

describe("duplicate names at scale", () => {
  // Each repeated name was searched from "X (2)" up, and each group member among the group's members: 20,000
  // boundaries named "X" took 22 s, 110,000 did not finish in 4 minutes. Both are now lookups.
  it("imports 20,000 boundaries named X in one group, named X, X (2) … X (20000), in bounded time", () => {
    const n = 20_000;
    const data = readExport("lab-site");
    data.boundaries = Array.from({ length: n }, (_, i) => ({
      BoundaryID: i + 1,
      BoundaryType: 3,
      Value: `10.${(i >> 8) & 255}.${i & 255}.1-10.${(i >> 8) & 255}.${i & 255}.254`,
      DisplayName: "X",
    }));
    data.boundaryGroups = Array.from({ length: 2 }, () => ({ GroupID: 7, Name: "G" }));
    data.boundaryGroupMembers = Array.from({ length: 2 * n }, (_, i) => ({
      GroupID: 7,
      BoundaryID: (i % n) + 1,
    }));
    const started = performance.now();
    const { site } = importSite(data).scenario;
    expect(performance.now() - started).toBeLessThan(10_000);
    const names = site.boundaries?.map((b) => b.name) ?? [];
    expect(names.slice(0, 3)).toEqual(["X", "X (2)", "X (3)"]);
    expect(names.at(-1)).toBe(`X (${n})`);
    expect(site.boundaryGroups?.map((g) => g.name)).toEqual(["G", "G (2)"]);
    expect(site.boundaryGroups?.[0]?.boundaries).toEqual(names);
  });
});
