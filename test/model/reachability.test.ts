// `mdmsim reach`: every device group × every server role → "ok" or the first failing rule's reason (rows
// 1–13 of model.md), at t = 0 unless asked for another time.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reachability, type Reachability } from "../../src/model/reachability.js";
import type { RoleName } from "../../src/model/rules.js";
import { loadScenario } from "../../src/scenario/load.js";
import { scenarioArbitrary } from "../../src/testing/scenarioArbitrary.js";
import { build, certificate, CM01, roles, server, type Draft } from "../helpers/ruleScenarios.js";

const ALL_ROLES: RoleName[] = [
  "enrollmentProxyPoint",
  "enrollmentPoint",
  "distributionPoint",
  "managementPoint",
];

/** Rows 1–13 of the reachability table and the database row: the reasons a cell may show. */
const TABLE_REASONS = new Set([
  "database-unavailable",
  "server-down",
  "not-a-device-management-point",
  "dp-mobile-not-allowed",
  "https-required",
  "mdm-internet-unsupported",
  "macos-requires-internet-connections",
  "connection-type-not-allowed",
  "name-not-fqdn",
  "no-certificate",
  "certificate-untrusted",
  "certificate-name-mismatch",
  "certificate-not-yet-valid",
  "certificate-expired",
  "crl-unreachable",
  "replica-unsupported-for-macos",
]);

function cell(matrix: Reachability, groupName: string, serverName: string, role: RoleName): string {
  const found = matrix.cells.filter(
    (c) => c.group === groupName && c.server === serverName && c.role === role,
  );
  expect(found, `${groupName} × ${serverName} ${role}`).toHaveLength(1);
  return found[0]!.result;
}

function bundled(name: string) {
  const path = fileURLToPath(new URL(`../../scenarios/${name}.json`, import.meta.url));
  return loadScenario(JSON.parse(readFileSync(path, "utf8")) as unknown);
}

describe("reachability matrix", () => {
  it("evaluates at t = 0 by default, one column per server role, one cell per group and column", () => {
    const s = build("windows", (d: Draft) => {
      d.devices.push({ name: "m", platform: "macos", count: 1, trustedRoots: ["Contoso Root CA"] });
    });
    const m = reachability(s);
    expect(m.timeSeconds).toBe(0);
    expect(m.scenario).toBe(s.name);
    expect(m.columns).toEqual(ALL_ROLES.map((role) => ({ server: CM01, role })));
    expect(m.cells).toHaveLength(2 * 4);
    expect(m.cells.map((c) => c.group)).toEqual(["w", "w", "w", "w", "m", "m", "m", "m"]);
  });

  it("columns follow scenario order and hold only the roles a server has", () => {
    const s = build("windows", (d) => {
      d.site.servers.push({
        name: "cm02.corp.contoso.com",
        roles: { managementPoint: { https: true, allowMobileDevicesAndMacs: true } },
      });
    });
    const m = reachability(s);
    expect(m.columns.map((c) => `${c.server} ${c.role}`)).toEqual([
      ...ALL_ROLES.map((role) => `${CM01} ${role}`),
      "cm02.corp.contoso.com managementPoint",
    ]);
  });

  it("a correct site is ok everywhere, for Windows and for Macs", () => {
    for (const platform of ["windows", "macos"] as const) {
      const m = reachability(build(platform));
      expect(m.cells.map((c) => c.result)).toEqual(["ok", "ok", "ok", "ok"]);
    }
  });

  it("shows the broken role's reason and leaves the other roles ok", () => {
    const m = reachability(
      build("windows", (d) => {
        roles(d).mp.https = false;
      }),
    );
    expect(cell(m, "w", CM01, "managementPoint")).toBe("https-required");
    for (const role of ["enrollmentProxyPoint", "enrollmentPoint", "distributionPoint"] as const) {
      expect(cell(m, "w", CM01, role)).toBe("ok");
    }
  });

  it("the EP column shows server-down and https-required (rows 1 and 3)", () => {
    const m = reachability(
      build("windows", (d) => {
        roles(d).ep.https = false;
      }),
    );
    expect(cell(m, "w", CM01, "enrollmentPoint")).toBe("https-required");
    const down = reachability(
      build("windows", (d) => {
        server(d).outages = [{ from: "0s", to: "1h" }];
      }),
    );
    expect(down.cells.map((c) => c.result)).toEqual([
      "server-down",
      "server-down",
      "server-down",
      "server-down",
    ]);
  });

  it("is evaluated at the time asked for: outages end, certificates expire", () => {
    const s = build("windows", (d) => {
      server(d).outages = [{ from: "0s", to: "1h" }];
      certificate(d).notAfter = "2026-01-01T02:00:00Z";
    });
    expect(cell(reachability(s), "w", CM01, "managementPoint")).toBe("server-down");
    expect(cell(reachability(s, 3599), "w", CM01, "distributionPoint")).toBe("server-down");
    const at1h = reachability(s, 3600);
    expect(at1h.timeSeconds).toBe(3600);
    expect(at1h.cells.map((c) => c.result)).toEqual(["ok", "ok", "ok", "ok"]);
    const at2h = reachability(s, 7200);
    expect(cell(at2h, "w", CM01, "enrollmentProxyPoint")).toBe("certificate-expired");
    expect(cell(at2h, "w", CM01, "managementPoint")).toBe("certificate-expired");
    // The EP takes no device connection: its column checks only rows 1 and 3.
    expect(cell(at2h, "w", CM01, "enrollmentPoint")).toBe("ok");
  });

  it("mixed-windows-macos: every cell the devices use is ok; Macs cannot use cm01's intranet-only DMP", () => {
    const m = reachability(bundled("mixed-windows-macos"));
    const cm02 = "cm02.corp.contoso.com";
    for (const role of ["enrollmentProxyPoint", "enrollmentPoint", "managementPoint"] as const) {
      expect(cell(m, "hq-windows", CM01, role)).toBe("ok");
    }
    for (const role of ["distributionPoint", "managementPoint"] as const) {
      expect(cell(m, "hq-windows", cm02, role)).toBe("ok");
      expect(cell(m, "mac-fleet", cm02, role)).toBe("ok");
    }
    expect(cell(m, "mac-fleet", CM01, "enrollmentProxyPoint")).toBe("ok");
    expect(cell(m, "mac-fleet", CM01, "managementPoint")).toBe("macos-requires-internet-connections");
  });

  it("bundled misconfigurations show their reason in the matrix", () => {
    expect(cell(reachability(bundled("http-roles")), "hq-windows", CM01, "managementPoint")).toBe(
      "https-required",
    );
    expect(cell(reachability(bundled("untrusted-root")), "hq-windows", CM01, "enrollmentProxyPoint")).toBe(
      "certificate-untrusted",
    );
    expect(
      cell(reachability(bundled("short-server-name")), "hq-windows", "cm01", "enrollmentProxyPoint"),
    ).toBe("name-not-fqdn");
    const macs = reachability(bundled("mac-fleet-intranet-roles"));
    const macGroup = macs.cells[0]!.group;
    expect(cell(macs, macGroup, CM01, "managementPoint")).toBe("macos-requires-internet-connections");
    expect(cell(macs, macGroup, CM01, "distributionPoint")).toBe("macos-requires-internet-connections");
    expect(cell(macs, macGroup, CM01, "enrollmentProxyPoint")).toBe("ok");
    const replica = reachability(bundled("macs-on-replica-dmp"));
    expect(cell(replica, replica.cells[0]!.group, CM01, "managementPoint")).toBe(
      "replica-unsupported-for-macos",
    );
  });

  it("generated scenarios: the full matrix, every cell ok or a reason of rows 1–13 or the database's", () => {
    fc.assert(
      fc.property(scenarioArbitrary({ misconfigurations: true }), fc.nat(14_400), (input, t) => {
        const s = loadScenario(input);
        const m = reachability(s, t);
        const columns = s.site.servers.reduce((n, x) => n + Object.keys(x.roles).length, 0);
        expect(m.columns).toHaveLength(columns);
        expect(m.cells).toHaveLength(columns * s.devices.length);
        for (const c of m.cells) {
          if (c.result !== "ok") expect(TABLE_REASONS.has(c.result), c.result).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("reach at a time inside a database outage", () => {
  it("reads database-unavailable for the DMP and the EP while the site database is down", async () => {
    const { singleServer } = await import("../helpers/scenarios.js");
    const { reachability: reachAt, reachTime } = await import("../../src/model/reachability.js");
    const base = singleServer({ replica: null });
    const s = { ...base, site: { ...base.site, database: { outages: [{ from: 1800, to: 5400 }] } } };
    const cell = (t: number, role: string) => reachAt(s, t).cells.find((c) => c.role === role)?.result;
    expect(cell(0, "managementPoint")).toBe("ok");
    expect(cell(reachTime("45m", s), "managementPoint")).toBe("database-unavailable");
    expect(cell(reachTime("45m", s), "enrollmentPoint")).toBe("database-unavailable");
    expect(cell(reachTime("45m", s), "distributionPoint")).toBe("ok");
    expect(() => reachTime("soon", s)).toThrow('at: expected a duration like "45m", got "soon"');
    expect(() => reachTime("3h", s)).toThrow("before the end of the run");
  });
});
