// A group that no DMP accepts falls back to the first MP: `check` names what keeps each DMP out.
import { describe, expect, it } from "vitest";
import { checkScenario } from "../../src/checks/checkScenario.js";
import { loadScenario } from "../../src/scenario/load.js";
import { simulate } from "../../src/simulate.js";

const server = (name: string, mp: Record<string, unknown>) => ({
  name,
  roles: { managementPoint: { https: true, ...mp } },
});

const scenario = (pin?: string) =>
  loadScenario({
    name: "fallback",
    duration: "2h",
    site: {
      servers: [
        {
          name: "cm00.corp.contoso.com",
          roles: {
            enrollmentPoint: { https: true },
            enrollmentProxyPoint: { https: true },
            distributionPoint: { https: true, allowMobileDevices: true, connections: "intranetAndInternet" },
            managementPoint: { https: true, connections: "intranetAndInternet" },
          },
        },
        server("cm01.corp.contoso.com", { allowMobileDevicesAndMacs: true }),
        server("cm02.corp.contoso.com", { allowMobileDevicesAndMacs: true }),
      ],
      boundaries: [{ name: "HQ", type: "ipv4Range", value: "10.1.0.0/16" }],
      boundaryGroups: [{ name: "HQ", boundaries: ["HQ"], servers: ["cm00.corp.contoso.com"] }],
    },
    devices: [{ name: "macs", platform: "macos", count: 3, ...(pin ? { managementPoint: pin } : {}) }],
  });

describe("check for a group no DMP accepts", () => {
  it("reports each intranet-only DMP as an error and the plain first MP as a warning", () => {
    const findings = checkScenario(scenario()).map((f) => [f.severity, f.id, f.path]);
    expect(findings).toContainEqual([
      "error",
      "macos-requires-internet-connections",
      "site.servers.cm01.corp.contoso.com.roles.managementPoint",
    ]);
    expect(findings).toContainEqual([
      "error",
      "macos-requires-internet-connections",
      "site.servers.cm02.corp.contoso.com.roles.managementPoint",
    ]);
    expect(findings).toContainEqual([
      "warning",
      "not-a-device-management-point",
      "site.servers.cm00.corp.contoso.com.roles.managementPoint",
    ]);
    // … while run shows the fallback: every try at the first MP fails with its reason.
    expect(simulate(scenario()).neverConnectedByReason).toEqual({ "not-a-device-management-point": 3 });
  });

  it("reports a group pinned to an MP that is not a DMP as an error", () => {
    const findings = checkScenario(scenario("cm00.corp.contoso.com")).map((f) => [f.severity, f.id, f.path]);
    expect(findings).toContainEqual([
      "error",
      "not-a-device-management-point",
      "site.servers.cm00.corp.contoso.com.roles.managementPoint",
    ]);
  });
});
