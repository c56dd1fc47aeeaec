// Every problem of a file in one pass, in file order: cross-field problems (names, references, blocks that
// belong to another kind of group, expectations) beside the fields' own; did-you-mean for a field written
// on the wrong role, block or pattern and for a value in the wrong case; server names whatever their case.
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load.js";
import { baselineData, baselineWith, pushAt, scenarioErrorOf, setAt, type Data } from "./helpers.js";

const lines = (data: unknown): string[] => scenarioErrorOf(() => loadScenario(data)).message.split("\n");

describe("one pass over a file", () => {
  it("lists field problems and cross-field problems together, in the order of the file", () => {
    const data = baselineData();
    setAt(data, ["seed"], -1);
    setAt(data, ["site", "boundaryGroups", 0, "servers"], ["cm02.corp.contoso.com"]);
    setAt(data, ["devices", 0, "registration"], { pattern: "burst" });
    setAt(data, ["devices", 0, "count"], 0);
    pushAt(data, ["devices"], { ...(baselineData().devices as Data[])[0] });
    (data.expectations as string[]).push("foo ~ 3");
    expect(lines(data)).toEqual([
      "seed: expected an integer >= 0, got -1",
      '  site.boundaryGroups[0].servers[0]: expected the name of a server, got "cm02.corp.contoso.com" (did you mean "cm01.corp.contoso.com"?)',
      "  devices[0].count: expected an integer >= 1, got 0",
      "  devices[0].registration: expected `enrollment`: only configmgr-client groups register (this group's platform is windows)",
      '  devices[1].name: duplicate device group name "hq-windows"',
      '  expectations[2]: expectation "foo ~ 3": expected PATH OP VALUE with OP one of <= >= == != < >, like "timeToFirstSuccessSeconds.p99 <= 6m"',
    ]);
  });

  it("does not judge references to a list the schema refused, nor report a place twice", () => {
    const data = baselineWith(["site", "servers"], []);
    expect(lines(data)).toEqual(["site.servers: expected at least 1 item(s)"]);
    // A malformed name is reported as itself, not also as a reference that names nothing.
    const named = baselineWith(["site", "boundaryGroups", 0, "servers"], [42]);
    expect(lines(named)).toEqual(["site.boundaryGroups[0].servers[0]: expected a string, got 42"]);
  });

  it("names a replica, a boundary and a device group near the one written", () => {
    const data = baselineWith(["site", "boundaryGroups", 0, "boundaries"], ["hq"]);
    setAt(data, ["site", "servers", 0, "roles", "managementPoint", "database"], "Replica1");
    setAt(data, ["name"], 5);
    expect(lines(data)).toEqual([
      "name: expected a string, got 5",
      '  site.servers[0].roles.managementPoint.database: expected "site" or a replica name ("replica1"), got "Replica1" (did you mean "replica1"?)',
      '  site.boundaryGroups[0].boundaries[0]: expected the name of a boundary, got "hq" (did you mean "HQ"?)',
    ]);
  });
});

describe("did you mean, for a field in the wrong place", () => {
  const MP = ["site", "servers", 0, "roles", "managementPoint"] as const;

  it("names the role a field belongs to, and the field of this role it may have been", () => {
    expect(lines(baselineWith([...MP, "allowMobileDevices"], true))).toEqual([
      'site.servers[0].roles.managementPoint: unknown field "allowMobileDevices" (did you mean "allowMobileDevicesAndMacs"? "allowMobileDevices" belongs on site.servers[0].roles.distributionPoint)',
    ]);
    expect(
      lines(baselineWith(["site", "servers", 0, "roles", "enrollmentPoint", "allowMobileDevices"], true)),
    ).toEqual([
      'site.servers[0].roles.enrollmentPoint: unknown field "allowMobileDevices" (it belongs on site.servers[0].roles.distributionPoint)',
    ]);
  });

  it("names the block or the pattern a field belongs to", () => {
    expect(lines(baselineWith([...MP, "syncInterval"], "5m"))).toEqual([
      'site.servers[0].roles.managementPoint: unknown field "syncInterval" (it belongs on site.replicas[])',
    ]);
    expect(lines(baselineWith(["devices", 0, "enrollment", "ratePerMinute"], 5))).toEqual([
      'devices[0].enrollment: unknown field "ratePerMinute" (it belongs with pattern "poisson")',
    ]);
    expect(lines(baselineWith(["devices", 0, "enrollment", "count"], 5))).toEqual([
      'devices[0].enrollment: unknown field "count" (it belongs on devices[0] or on devices[0].connectionRetries)',
    ]);
  });

  it("names the value meant by one in the wrong case", () => {
    expect(lines(baselineWith(["site", "boundaries", 0, "type"], "IPv4Range"))).toEqual([
      'site.boundaries[0].type: expected "ipv4Range" or "ipSubnet" or "adSite" or "ipv6Prefix" or "vpn", got "IPv4Range" (did you mean "ipv4Range"?)',
    ]);
    expect(lines(baselineWith(["devices", 0, "platform"], "Windows"))[0]).toMatch(
      /^devices\[0\]\.platform: expected .*, got "Windows" \(did you mean "windows"\?\)$/,
    );
    expect(lines(baselineWith(["devices", 0, "enrollment", "pattern"], "Uniform"))).toEqual([
      'devices[0].enrollment.pattern: expected pattern "uniform", "even", "burst" or "poisson", got "Uniform" (did you mean "uniform"?)',
    ]);
  });
});

describe("server names are DNS names", () => {
  it("accepts a reference in another case, normalised to the declared spelling", () => {
    const data = baselineWith(["site", "boundaryGroups", 0, "servers"], ["CM01.Corp.Contoso.com"]);
    setAt(data, ["devices", 0, "managementPoint"], "CM01.CORP.CONTOSO.COM");
    const scenario = loadScenario(data);
    expect(scenario.site.boundaryGroups[0]?.servers).toEqual(["cm01.corp.contoso.com"]);
    expect(scenario.devices[0]?.managementPoint).toBe("cm01.corp.contoso.com");
  });

  it("refuses two servers whose names differ only in case", () => {
    const data = baselineData();
    pushAt(data, ["site", "servers"], {
      name: "CM01.corp.contoso.com",
      roles: { distributionPoint: { https: true } },
    });
    expect(lines(data)).toEqual(['site.servers[1].name: duplicate server name "CM01.corp.contoso.com"']);
  });
});

describe("a reference among many names", () => {
  it("names the first few replicas and how many there are: one line, not one name per replica", () => {
    const data = baselineData();
    for (let i = 0; i < 3000; i++) pushAt(data, ["site", "replicas"], { name: `r${i}`, syncInterval: "5m" });
    setAt(data, ["site", "servers", 0, "roles", "managementPoint", "database"], "nowhere");
    const error = scenarioErrorOf(() => loadScenario(data));
    expect(error.message).toContain(
      'database: expected "site" or a replica name ("replica1", "r0", "r1", "r2", "r3", … (3001 in all)), got "nowhere"',
    );
    expect(error.message.length).toBeLessThan(400);
  });
});
