// The assignment rule: the engine draws from it, `check` and the report take expected shares from it.
import { describe, expect, it } from "vitest";
import { checkScenario } from "../../src/checks/checkScenario.js";
import {
  assignmentPool,
  assignmentShares,
  deviceAddress,
  fallbackPool,
  managementPointCandidates,
  PoolTable,
  preferredPositions,
  StretchTable,
} from "../../src/model/assignment.js";
import { compileSite } from "../../src/model/site.js";
import { parseIpv4Range } from "../../src/scenario/ipv4.js";
import { loadScenario } from "../../src/scenario/load.js";
import { applyOverrides } from "../../src/scenario/overrides.js";
import { simulate } from "../../src/simulate.js";
import { bundled } from "../report/helpers.js";

/** two-dmps with HQ split in two boundary groups, one per DMP, and `count` devices. */
function splitSite(count: number, ranges: [string, string] = ["10.1.2.1-10.1.3.255", "10.1.4.0-10.1.5.254"]) {
  return applyOverrides(bundled("two-dmps"), [
    `site.boundaries=[{"name":"A","type":"ipv4Range","value":"${ranges[0]}"},{"name":"B","type":"ipv4Range","value":"${ranges[1]}"}]`,
    'site.boundaryGroups=[{"name":"A","boundaries":["A"],"servers":["cm01.corp.contoso.com"]},{"name":"B","boundaries":["B"],"servers":["cm02.corp.contoso.com"]}]',
    `devices.0.count=${count}`,
    "duration=1h",
    "expectations=[]",
  ]);
}

/** One address as an integer. */
const ip = (address: string): number => parseIpv4Range(`${address}-${address}`)?.first ?? -1;

describe("deviceAddress", () => {
  it("walks the group's range in device order and wraps", () => {
    const range = parseIpv4Range("10.0.0.1-10.0.0.3");
    expect([0, 1, 2, 3, 4].map((i) => deviceAddress(range, i) - (range?.first ?? 0))).toEqual([
      0, 1, 2, 0, 1,
    ]);
    expect(deviceAddress(undefined, 5)).toBe(-1);
  });
});

describe("managementPointCandidates and assignmentPool", () => {
  it("gives the pinned MP, else the eligible ones; the pool narrows to the boundary group listing the address", () => {
    const scenario = splitSite(10);
    const site = compileSite(scenario, 1);
    const model = site.groups[0]!;
    const candidates = managementPointCandidates(model, 2);
    expect(candidates).toEqual([0, 1]);
    const a = ip("10.1.2.9");
    const b = ip("10.1.4.9");
    expect(assignmentPool(model, candidates, a)).toEqual([0]);
    expect(assignmentPool(model, candidates, b)).toEqual([1]);
    expect(assignmentPool(model, candidates, ip("10.9.0.1"))).toEqual([0, 1]);
    expect(assignmentPool(model, candidates, -1)).toEqual([0, 1]);
    expect(preferredPositions(model.preferences, ip("10.9.0.1"))).toBeNull();
    const pinned = compileSite(
      applyOverrides(scenario, ["devices.0.managementPoint=cm02.corp.contoso.com"]),
      1,
    ).groups[0]!;
    expect(managementPointCandidates(pinned, 2)).toEqual([1]);
    expect(assignmentPool(pinned, [1], a)).toEqual([1]);
  });
});

describe("assignmentShares", () => {
  it("equals the devices run assigns when boundary groups split a group over two DMPs", () => {
    for (const count of [1, 7, 1022, 5000]) {
      const scenario = splitSite(count);
      const shares = assignmentShares(compileSite(scenario, 1).groups[0]!, 2);
      const result = simulate(scenario);
      expect(result.managementPoints.map((m) => m.devices)).toEqual(
        [0, 1].map((p) => Math.round(count * (shares.get(p) ?? 0))),
      );
    }
  });

  it("weights the addresses no boundary group lists evenly over every candidate", () => {
    // A lists cm01 for half the range; the other half draws between both DMPs.
    const scenario = applyOverrides(splitSite(1022, ["10.1.2.1-10.1.3.255", "10.9.0.0-10.9.0.255"]), []);
    const shares = assignmentShares(compileSite(scenario, 1).groups[0]!, 2);
    expect(shares.get(0)).toBeCloseTo((511 + 511 / 2) / 1022, 12);
    expect(shares.get(1)).toBeCloseTo(511 / 2 / 1022, 12);
  });
});

describe("check's capacity estimate", () => {
  it("names the per-DMP device counts run assigns when boundary groups split a group", () => {
    // 30,000 devices over 1,022 addresses: 15,000-odd per DMP, each over the supported 10,000.
    const scenario = splitSite(30_000);
    const result = simulate(scenario);
    const capacity = checkScenario(scenario).filter((f) => f.id === "mp-capacity");
    expect(capacity).toHaveLength(2);
    result.managementPoints.forEach((mp, i) => {
      expect(capacity[i]?.message).toContain(`${mp.devices} on-prem MDM devices`);
    });
    expect(result.managementPoints[0]!.devices).not.toBe(15_000);
  });
});

describe("PoolTable", () => {
  it("gives assignmentPool's pool for every address, without allocating one per device", () => {
    const scenario = applyOverrides(splitSite(10), [
      'site.boundaries=[{"name":"A","type":"ipv4Range","value":"10.1.2.1-10.1.3.255"},{"name":"B","type":"ipv4Range","value":"10.1.3.0-10.1.5.254"}]',
      'site.boundaryGroups=[{"name":"A","boundaries":["A"],"servers":["cm01.corp.contoso.com"]},{"name":"B","boundaries":["B"],"servers":["cm02.corp.contoso.com"]}]',
    ]);
    const site = compileSite(scenario, 1);
    const model = site.groups[0];
    if (model === undefined) throw new Error("no group");
    const candidates = managementPointCandidates(model, site.managementPoints.length);
    const table = new PoolTable(model, candidates);
    // Every edge of both ranges and their neighbours, the overlap, and addresses outside both.
    const addresses = [
      -1,
      0,
      ip("10.1.2.0"),
      ip("10.1.2.1"),
      ip("10.1.2.200"),
      ip("10.1.3.0"),
      ip("10.1.3.255"),
    ];
    addresses.push(ip("10.1.4.0"), ip("10.1.5.254"), ip("10.1.5.255"), ip("255.255.255.255"));
    for (const a of addresses) expect(table.pool(a)).toEqual(assignmentPool(model, candidates, a));
    expect(table.pool(ip("10.1.3.0"))).toEqual([0, 1]);
    expect(table.pool(ip("10.1.2.1"))).toBe(table.pool(ip("10.1.2.2")));
  });
});

describe("many servers in one boundary group", () => {
  /** `servers` servers with `roles`, all in one boundary group over the devices' addresses. */
  function crowdedSite(servers: number, roles: object, group: object, outages = false) {
    return loadScenario({
      name: "crowded",
      seed: 1,
      duration: "12h",
      site: {
        servers: [
          { name: "ep.corp.contoso.com", roles: { enrollmentPoint: {}, enrollmentProxyPoint: {} } },
          ...Array.from({ length: servers }, (_, i) => ({
            name: `s${i}.corp.contoso.com`,
            roles,
            outages: outages && i % 2 === 0 ? [{ from: "0s", to: "6h" }] : [],
          })),
        ],
        boundaries: [{ name: "B", type: "ipv4Range", value: "10.0.0.0/16" }],
        boundaryGroups: [
          {
            name: "G",
            boundaries: ["B"],
            servers: Array.from({ length: servers }, (_, i) => `s${i}.corp.contoso.com`),
          },
        ],
      },
      devices: [{ name: "d", count: 30_000, addresses: "10.0.0.1-10.0.255.254", ...group }],
    });
  }
  const mp = { managementPoint: { https: true, allowMobileDevicesAndMacs: true } };

  // Each content try listed the group's DPs again, and each fallback the group's MPs: 1,000 of either with
  // 50,000 devices took half a minute. A table by stretch of addresses makes both a lookup.
  it("asks 1,000 DPs of one boundary group for content in bounded time", () => {
    const scenario = crowdedSite(
      1000,
      { ...mp, distributionPoint: { https: true, allowMobileDevices: true } },
      { platform: "windows", content: true },
    );
    const started = performance.now();
    const result = simulate(scenario);
    expect(performance.now() - started).toBeLessThan(8000);
    expect(result.devices.total).toBe(30_000);
  });

  it("lets clients fall back among 1,000 MPs of one boundary group in bounded time", () => {
    const scenario = crowdedSite(1000, mp, { platform: "configmgr-client" }, true);
    const started = performance.now();
    simulate(scenario);
    expect(performance.now() - started).toBeLessThan(8000);
  });
});

describe("StretchTable", () => {
  it("shares one array among stretches with the same pool: memory is pools × servers, not boundaries × servers", () => {
    // 2,000 disjoint ranges of one boundary group listing 1,000 servers: 4,001 stretches, two pools.
    const ranges = Array.from({ length: 2000 }, (_, i) => ({ first: i * 10, last: i * 10 + 4 }));
    const positions = Array.from({ length: 1000 }, (_, i) => i);
    const inside = (address: number) => ranges.some((r) => address >= r.first && address <= r.last);
    const table = new StretchTable([{ ranges }], (address) => (inside(address) ? [...positions] : [0]));
    // Two pools, each one array: every stretch inside shares one, every stretch outside the other.
    expect(table.at(12)).toBe(table.at(19_990));
    expect(table.at(15)).toBe(table.at(19_995));
    expect(table.at(12)).not.toBe(table.at(15));
    expect(table.at(12)).toEqual(positions);
    expect(table.at(15)).toEqual([0]);
  });
});

describe("fallbackPool", () => {
  it("keeps a pinned group on its pin: its pool and candidates are the pin, and it has no default pool", () => {
    const mp = { managementPoint: { https: true, connections: "intranet" } };
    const clients = (managementPoint?: string) =>
      compileSite(
        loadScenario({
          name: "pinned",
          duration: "1h",
          site: {
            servers: [
              { name: "ep.corp.contoso.com", roles: { enrollmentPoint: {}, enrollmentProxyPoint: {} } },
              { name: "mp-a.corp.contoso.com", roles: mp },
              { name: "mp-b.corp.contoso.com", roles: mp },
            ],
            boundaries: [{ name: "B", type: "ipv4Range", value: "10.0.0.0/16" }],
            boundaryGroups: [
              { name: "G", boundaries: ["B"], servers: ["mp-a.corp.contoso.com", "mp-b.corp.contoso.com"] },
            ],
            defaultBoundaryGroup: "G",
          },
          devices: [
            {
              name: "pcs",
              platform: "configmgr-client",
              count: 5,
              addresses: "10.9.0.1/24",
              managementPoint,
            },
          ],
        }),
        1,
      ).groups[0]!;
    const free = clients();
    expect(free.defaultPool).toEqual([0, 1]);
    expect(fallbackPool(free, managementPointCandidates(free, 2), ip("10.9.0.1"), 0)).toEqual([1]);
    const pinned = clients("mp-a.corp.contoso.com");
    expect(pinned.defaultPool).toBeNull();
    expect(fallbackPool(pinned, managementPointCandidates(pinned, 2), ip("10.9.0.1"), 0)).toEqual([]);
  });
});
