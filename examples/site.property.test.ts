// Property tests about a site with mdmsim: "devices succeed after the sync".
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadScenario, simulate } from "mdmsim";
import {
  firstPollAfterVisibilitySucceeds,
  noMacOnReplicaDmp,
  scenarioArbitrary,
  successAfterVisibility,
  visibilityWithinSyncWindow,
} from "mdmsim/testing";

// Our site: one primary site server, its device management point on a replica that syncs every 5 minutes.
const site = loadScenario({
  name: "contoso-hq",
  duration: "4h",
  site: {
    replicas: [{ name: "replica1", syncInterval: "5m" }],
    servers: [
      {
        name: "cm01.corp.contoso.com",
        certificate: { issuer: "Contoso Root CA" },
        roles: {
          enrollmentPoint: { https: true },
          enrollmentProxyPoint: { https: true },
          distributionPoint: { https: true, allowMobileDevices: true },
          managementPoint: { https: true, allowMobileDevicesAndMacs: true, database: "replica1" },
        },
      },
    ],
    boundaries: [{ name: "HQ", type: "ipv4Range", value: "10.1.0.0/16" }],
    boundaryGroups: [{ name: "HQ", boundaries: ["HQ"], servers: ["cm01.corp.contoso.com"] }],
  },
  devices: [
    {
      name: "hq",
      platform: "windows",
      count: 500,
      addresses: "10.1.2.0/23",
      trustedRoots: ["Contoso Root CA"],
      enrollment: { pattern: "uniform", from: "0s", to: "2h" },
    },
  ],
});

describe("contoso-hq", () => {
  it("connects every Windows device at its first poll after the replica's next sync, whatever the seed", () => {
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const result = simulate(site, { seed, perDevice: true });
        expect(result.devices.neverConnected).toBe(0);
        expect(firstPollAfterVisibilitySucceeds(site, result)).toEqual([]);
        // The documentation's "usually two connection attempts": never more with 3-minute polls.
        expect(result.failedAttemptsBeforeSuccess.max).toBeLessThanOrEqual(2);
      }),
      { numRuns: 20 },
    );
  });

  it("keeps every record's visibility delay within one sync interval", () => {
    const result = simulate(site, { perDevice: true });
    expect(visibilityWithinSyncWindow(site, result)).toEqual([]);
  });
});

describe("any valid site", () => {
  it("never lets a device succeed before its record is visible, and never puts a Mac on a replica DMP", () => {
    fc.assert(
      fc.property(scenarioArbitrary({ misconfigurations: false }), (input) => {
        const scenario = loadScenario(input);
        const result = simulate(scenario, { perDevice: true });
        expect(successAfterVisibility(result)).toEqual([]);
        expect(noMacOnReplicaDmp(scenario, result)).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });
});
