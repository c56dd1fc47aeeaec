// Small scenarios for hand-computed tests: one server with all four roles, one Windows group.
import { loadScenario } from "../../src/scenario/load.js";
import type { Scenario, ScenarioInput } from "../../src/scenario/schema.js";

type Mutable = Record<string, unknown>;

/** A one-server site; `mp` and `group` are merged into the management point and the device group. */
export function singleServer(options: {
  duration?: string | number;
  replica?: Mutable | null;
  mp?: Mutable;
  server?: Mutable;
  group?: Mutable;
  extra?: Mutable;
}): Scenario {
  const replica =
    options.replica === null
      ? null
      : { name: "r1", syncInterval: "5m", syncOffset: "100s", ...options.replica };
  const input = {
    name: "test",
    seed: 7,
    duration: options.duration ?? "3h",
    site: {
      replicas: replica ? [replica] : [],
      servers: [
        {
          name: "cm01.corp.contoso.com",
          roles: {
            enrollmentPoint: { https: true },
            enrollmentProxyPoint: { https: true },
            distributionPoint: { https: true, allowMobileDevices: true },
            managementPoint: {
              https: true,
              allowMobileDevicesAndMacs: true,
              database: replica ? "r1" : "site",
              ...options.mp,
            },
          },
          ...options.server,
        },
      ],
      boundaries: [{ name: "HQ", type: "ipv4Range", value: "10.1.0.0/16" }],
      boundaryGroups: [{ name: "HQ", boundaries: ["HQ"], servers: ["cm01.corp.contoso.com"] }],
    },
    devices: [
      {
        name: "w",
        platform: "windows",
        count: 1,
        addresses: "10.1.2.0/24",
        enrollment: { pattern: "burst", at: "50s" },
        ...options.group,
      },
    ],
    ...options.extra,
  } as ScenarioInput;
  return loadScenario(input);
}
