// One configuration rule broken at a time, on a one-server, one-group site: `run` fails with exactly that
// reason where the model says (enrollment, polls or content), `check` reports the catalogue id as an error,
// `reach` shows the reason in the cell; the same site fixed is clean in all three.
import { describe, expect, it } from "vitest";
import { checkScenario } from "../../src/checks/checkScenario.js";
import type { Finding } from "../../src/checks/finding.js";
import { reachability } from "../../src/model/reachability.js";
import type { Reason } from "../../src/model/reasons.js";
import type { RoleName } from "../../src/model/rules.js";
import { walkPath } from "../../src/scenario/path.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { simulate } from "../../src/simulate.js";
import {
  build,
  certificate,
  CM01,
  CM01_INTERNET,
  group,
  mpOnReplica,
  OTHER_ROOT,
  renameServer,
  ROOT,
  roles,
  server,
  type Draft,
  type Platform,
} from "../helpers/ruleScenarios.js";
import { singleServer } from "../helpers/scenarios.js";
import { ORDER } from "../helpers/catalogue.js";

type Mutation = (draft: Draft) => void;
type Result = ReturnType<typeof simulate>;

const COUNT = 2; // devices in the base group

/** The catalogue of checks.md, in its order. */

const errors = (findings: readonly Finding[]) => findings.filter((f) => f.severity === "error");
const withId = (findings: readonly Finding[], id: string) => findings.filter((f) => f.id === id);

/** Every reason any device or content request failed with, in any of the run's tallies. */
function failureReasons(result: Result): string[] {
  return [
    ...Object.keys(result.enrollmentFailedByReason),
    ...Object.keys(result.attempts.failedByReason),
    ...Object.keys(result.neverConnectedByReason),
    ...Object.keys(result.content?.failedByReason ?? {}),
  ];
}

function cellOf(scenario: Scenario, role: RoleName): string {
  const m = reachability(scenario);
  const serverName = scenario.site.servers[0]!.name;
  const found = m.cells.find(
    (c) => c.group === scenario.devices[0]!.name && c.server === serverName && c.role === role,
  );
  expect(found, `cell ${serverName} ${role}`).toBeDefined();
  return found!.result;
}

// Mutations.
const connections =
  (value: "intranet" | "internet" | "intranetAndInternet", ...which: ("epp" | "dp" | "mp")[]): Mutation =>
  (d) => {
    for (const role of which.length > 0 ? which : (["epp", "dp", "mp"] as const))
      roles(d)[role].connections = value;
  };
const location =
  (where: "intranet" | "internet"): Mutation =>
  (d) => {
    group(d).location = where;
  };
const https =
  (role: "ep" | "epp" | "dp" | "mp", value: boolean): Mutation =>
  (d) => {
    roles(d)[role].https = value;
  };
const names =
  (...list: string[]): Mutation =>
  (d) => {
    certificate(d).names = list;
  };

interface ConfigCase {
  readonly title: string;
  readonly platform: Platform;
  readonly breaks: readonly Mutation[];
  /** Applied after the breaks. */
  readonly fix: Mutation;
  /** The reachability cell of the broken role and its reason. */
  readonly cell: { readonly role: RoleName; readonly reason: Reason };
  /** Where `run` shows the failure, and with which reason. */
  readonly run: { readonly where: "enrollment" | "polls" | "content"; readonly reason: string };
  /** The check id reported as an error, and where its path points. */
  readonly check: { readonly id: string; readonly path: string };
}

const SERVER_PATH = `site.servers.${CM01}`;
const ROLE_PATH = (role: string) => `${SERVER_PATH}.roles.${role}`;

const CASES: readonly ConfigCase[] = [
  {
    title: "the only MP does not allow mobile devices and Macs",
    platform: "windows",
    breaks: [
      (d) => {
        roles(d).mp.allowMobileDevicesAndMacs = false;
      },
    ],
    fix: (d) => {
      roles(d).mp.allowMobileDevicesAndMacs = true;
    },
    cell: { role: "managementPoint", reason: "not-a-device-management-point" },
    run: { where: "polls", reason: "not-a-device-management-point" },
    check: { id: "not-a-device-management-point", path: ROLE_PATH("managementPoint") },
  },
  {
    title: "the only MP does not allow mobile devices and Macs (Macs)",
    platform: "macos",
    breaks: [
      (d) => {
        roles(d).mp.allowMobileDevicesAndMacs = false;
      },
    ],
    fix: (d) => {
      roles(d).mp.allowMobileDevicesAndMacs = true;
    },
    cell: { role: "managementPoint", reason: "not-a-device-management-point" },
    run: { where: "polls", reason: "not-a-device-management-point" },
    check: { id: "not-a-device-management-point", path: ROLE_PATH("managementPoint") },
  },
  {
    title: "the only DP does not allow mobile devices (Macs take content from any internet DP)",
    platform: "macos",
    breaks: [
      (d) => {
        roles(d).dp.allowMobileDevices = false;
      },
    ],
    fix: (d) => {
      roles(d).dp.allowMobileDevices = true;
    },
    cell: { role: "distributionPoint", reason: "dp-mobile-not-allowed" },
    run: { where: "content", reason: "dp-mobile-not-allowed" },
    check: { id: "dp-mobile-not-allowed", path: ROLE_PATH("distributionPoint") },
  },
  {
    title: "the only DP does not allow mobile devices (intranet Windows: no candidate, no-content-location)",
    platform: "windows",
    breaks: [
      (d) => {
        roles(d).dp.allowMobileDevices = false;
      },
    ],
    fix: (d) => {
      roles(d).dp.allowMobileDevices = true;
    },
    cell: { role: "distributionPoint", reason: "dp-mobile-not-allowed" },
    run: { where: "content", reason: "no-content-location" },
    check: { id: "dp-mobile-not-allowed", path: ROLE_PATH("distributionPoint") },
  },
  {
    title: "the EPP uses HTTP",
    platform: "windows",
    breaks: [https("epp", false)],
    fix: https("epp", true),
    cell: { role: "enrollmentProxyPoint", reason: "https-required" },
    run: { where: "enrollment", reason: "https-required" },
    check: { id: "https-required", path: ROLE_PATH("enrollmentProxyPoint") },
  },
  {
    title: "the EP uses HTTP (the site's enrollment point check)",
    platform: "windows",
    breaks: [https("ep", false)],
    fix: https("ep", true),
    cell: { role: "enrollmentPoint", reason: "https-required" },
    run: { where: "enrollment", reason: "https-required" },
    check: { id: "https-required", path: ROLE_PATH("enrollmentPoint") },
  },
  {
    title: "the DP uses HTTP",
    platform: "windows",
    breaks: [https("dp", false)],
    fix: https("dp", true),
    cell: { role: "distributionPoint", reason: "https-required" },
    run: { where: "content", reason: "https-required" },
    check: { id: "https-required", path: ROLE_PATH("distributionPoint") },
  },
  {
    title: "the DMP uses HTTP",
    platform: "windows",
    breaks: [https("mp", false)],
    fix: https("mp", true),
    cell: { role: "managementPoint", reason: "https-required" },
    run: { where: "polls", reason: "https-required" },
    check: { id: "https-required", path: ROLE_PATH("managementPoint") },
  },
  {
    title: "the DMP uses HTTP (Macs)",
    platform: "macos",
    breaks: [https("mp", false)],
    fix: https("mp", true),
    cell: { role: "managementPoint", reason: "https-required" },
    run: { where: "polls", reason: "https-required" },
    check: { id: "https-required", path: ROLE_PATH("managementPoint") },
  },
  {
    title: "a Windows MDM group on the internet (roles allow internet connections)",
    platform: "windows",
    breaks: [connections("intranetAndInternet"), location("internet")],
    fix: location("intranet"),
    cell: { role: "enrollmentProxyPoint", reason: "mdm-internet-unsupported" },
    run: { where: "enrollment", reason: "mdm-internet-unsupported" },
    check: { id: "mdm-internet-unsupported", path: "devices.w" },
  },
  {
    title: "Macs and an intranet-only DMP",
    platform: "macos",
    breaks: [connections("intranet", "mp")],
    fix: connections("intranetAndInternet", "mp"),
    cell: { role: "managementPoint", reason: "macos-requires-internet-connections" },
    run: { where: "polls", reason: "macos-requires-internet-connections" },
    check: { id: "macos-requires-internet-connections", path: ROLE_PATH("managementPoint") },
  },
  {
    title: "Macs and an intranet-only DP (no internet DP: no-content-location)",
    platform: "macos",
    breaks: [connections("intranet", "dp")],
    fix: connections("intranetAndInternet", "dp"),
    cell: { role: "distributionPoint", reason: "macos-requires-internet-connections" },
    run: { where: "content", reason: "no-content-location" },
    check: { id: "macos-requires-internet-connections", path: ROLE_PATH("distributionPoint") },
  },
  {
    title: "intranet Windows devices and an internet-only DMP",
    platform: "windows",
    breaks: [connections("internet", "mp")],
    fix: connections("intranetAndInternet", "mp"),
    cell: { role: "managementPoint", reason: "connection-type-not-allowed" },
    run: { where: "polls", reason: "connection-type-not-allowed" },
    check: { id: "connection-type-not-allowed", path: ROLE_PATH("managementPoint") },
  },
  {
    title: "intranet Windows devices and an internet-only EPP",
    platform: "windows",
    breaks: [connections("internet", "epp")],
    fix: connections("intranet", "epp"),
    cell: { role: "enrollmentProxyPoint", reason: "connection-type-not-allowed" },
    run: { where: "enrollment", reason: "connection-type-not-allowed" },
    check: { id: "connection-type-not-allowed", path: ROLE_PATH("enrollmentProxyPoint") },
  },
  {
    title: "intranet Windows devices and an internet-only DP in their boundary group",
    platform: "windows",
    breaks: [connections("internet", "dp")],
    fix: connections("intranet", "dp"),
    cell: { role: "distributionPoint", reason: "connection-type-not-allowed" },
    run: { where: "content", reason: "connection-type-not-allowed" },
    check: { id: "connection-type-not-allowed", path: ROLE_PATH("distributionPoint") },
  },
  {
    title: "Macs on the intranet and an internet-only EPP (toward the EPP a Mac's location counts)",
    platform: "macos",
    breaks: [connections("internet", "epp")],
    fix: connections("intranetAndInternet", "epp"),
    cell: { role: "enrollmentProxyPoint", reason: "connection-type-not-allowed" },
    run: { where: "enrollment", reason: "connection-type-not-allowed" },
    check: { id: "connection-type-not-allowed", path: ROLE_PATH("enrollmentProxyPoint") },
  },
  {
    title: "Macs on the internet and an intranet-only EPP",
    platform: "macos",
    breaks: [location("internet")],
    fix: connections("intranetAndInternet", "epp"),
    cell: { role: "enrollmentProxyPoint", reason: "connection-type-not-allowed" },
    run: { where: "enrollment", reason: "connection-type-not-allowed" },
    check: { id: "connection-type-not-allowed", path: ROLE_PATH("enrollmentProxyPoint") },
  },
  {
    title: "a site system named without a dot",
    platform: "windows",
    breaks: [
      (d) => {
        renameServer(d, "cm01");
      },
    ],
    fix: (d) => {
      renameServer(d, CM01);
    },
    cell: { role: "enrollmentProxyPoint", reason: "name-not-fqdn" },
    run: { where: "enrollment", reason: "name-not-fqdn" },
    check: { id: "name-not-fqdn", path: "site.servers.cm01" },
  },
  {
    title: "a site system named without a dot (Macs)",
    platform: "macos",
    breaks: [
      (d) => {
        renameServer(d, "cm01");
      },
    ],
    fix: (d) => {
      renameServer(d, CM01);
    },
    cell: { role: "enrollmentProxyPoint", reason: "name-not-fqdn" },
    run: { where: "enrollment", reason: "name-not-fqdn" },
    check: { id: "name-not-fqdn", path: "site.servers.cm01" },
  },
  {
    title: "a site system named by its IPv4 address (it has dots, and is still not an FQDN)",
    platform: "windows",
    breaks: [
      (d) => {
        renameServer(d, "10.1.2.3");
      },
    ],
    fix: (d) => {
      renameServer(d, CM01);
    },
    cell: { role: "enrollmentProxyPoint", reason: "name-not-fqdn" },
    run: { where: "enrollment", reason: "name-not-fqdn" },
    check: { id: "name-not-fqdn", path: "site.servers.10.1.2.3" },
  },
  {
    title: "a site system named by an IPv6 address with dots (IPv4-mapped, Macs)",
    platform: "macos",
    breaks: [
      (d) => {
        renameServer(d, "::ffff:10.1.2.3");
      },
    ],
    fix: (d) => {
      renameServer(d, CM01);
    },
    cell: { role: "enrollmentProxyPoint", reason: "name-not-fqdn" },
    run: { where: "enrollment", reason: "name-not-fqdn" },
    check: { id: "name-not-fqdn", path: "site.servers.::ffff:10.1.2.3" },
  },
  {
    title: "a site system named by an IPv6 address",
    platform: "windows",
    breaks: [
      (d) => {
        renameServer(d, "fe80::1");
      },
    ],
    fix: (d) => {
      renameServer(d, CM01);
    },
    cell: { role: "enrollmentProxyPoint", reason: "name-not-fqdn" },
    run: { where: "enrollment", reason: "name-not-fqdn" },
    check: { id: "name-not-fqdn", path: "site.servers.fe80::1" },
  },
  {
    title: "no web server certificate bound",
    platform: "windows",
    breaks: [
      (d) => {
        server(d).certificate = null;
      },
    ],
    fix: (d) => {
      delete server(d).certificate;
    },
    cell: { role: "enrollmentProxyPoint", reason: "no-certificate" },
    run: { where: "enrollment", reason: "no-certificate" },
    check: { id: "no-certificate", path: SERVER_PATH },
  },
  {
    title: "the devices do not trust the certificate's issuer",
    platform: "windows",
    breaks: [
      (d) => {
        group(d).trustedRoots = [OTHER_ROOT];
      },
    ],
    fix: (d) => {
      group(d).trustedRoots = [OTHER_ROOT, ROOT];
    },
    cell: { role: "enrollmentProxyPoint", reason: "certificate-untrusted" },
    run: { where: "enrollment", reason: "certificate-untrusted" },
    check: { id: "certificate-untrusted", path: SERVER_PATH },
  },
  {
    title: "the Macs do not trust the certificate's issuer",
    platform: "macos",
    breaks: [
      (d) => {
        group(d).trustedRoots = [OTHER_ROOT];
      },
    ],
    fix: (d) => {
      certificate(d).issuer = OTHER_ROOT;
    },
    cell: { role: "enrollmentProxyPoint", reason: "certificate-untrusted" },
    run: { where: "enrollment", reason: "certificate-untrusted" },
    check: { id: "certificate-untrusted", path: SERVER_PATH },
  },
  {
    title: "a certificate naming another host",
    platform: "windows",
    breaks: [names("cm02.corp.contoso.com")],
    fix: names("cm02.corp.contoso.com", CM01),
    cell: { role: "enrollmentProxyPoint", reason: "certificate-name-mismatch" },
    run: { where: "enrollment", reason: "certificate-name-mismatch" },
    check: { id: "certificate-name-mismatch", path: SERVER_PATH },
  },
  {
    title: "a wildcard two labels up (*.contoso.com), fixed by *.corp.contoso.com",
    platform: "windows",
    breaks: [names("*.contoso.com")],
    fix: names("*.corp.contoso.com"),
    cell: { role: "enrollmentProxyPoint", reason: "certificate-name-mismatch" },
    run: { where: "enrollment", reason: "certificate-name-mismatch" },
    check: { id: "certificate-name-mismatch", path: SERVER_PATH },
  },
  {
    title: "Macs use internetFqdn toward the DMP: a certificate naming only the intranet name",
    platform: "macos",
    breaks: [names(CM01)],
    fix: names(CM01, "*.contoso.com"),
    cell: { role: "managementPoint", reason: "certificate-name-mismatch" },
    run: { where: "polls", reason: "certificate-name-mismatch" },
    check: { id: "certificate-name-mismatch", path: SERVER_PATH },
  },
  {
    title: "Macs on the intranet use the name toward the EPP: a certificate naming only internetFqdn",
    platform: "macos",
    breaks: [names(CM01_INTERNET)],
    fix: names(CM01_INTERNET, CM01),
    cell: { role: "enrollmentProxyPoint", reason: "certificate-name-mismatch" },
    run: { where: "enrollment", reason: "certificate-name-mismatch" },
    check: { id: "certificate-name-mismatch", path: SERVER_PATH },
  },
  {
    title: "a certificate that expired before the run",
    platform: "windows",
    breaks: [
      (d) => {
        certificate(d).notAfter = "2025-12-31T23:59:59Z";
      },
    ],
    fix: (d) => {
      certificate(d).notAfter = "2027-06-01T00:00:00Z";
    },
    cell: { role: "enrollmentProxyPoint", reason: "certificate-expired" },
    run: { where: "enrollment", reason: "certificate-expired" },
    check: { id: "certificate-expires", path: SERVER_PATH },
  },
  {
    title: "a certificate expiring at exactly the start counts as expired",
    platform: "macos",
    breaks: [
      (d) => {
        certificate(d).notAfter = "2026-01-01T00:00:00Z";
      },
    ],
    fix: (d) => {
      delete certificate(d).notAfter;
    },
    cell: { role: "enrollmentProxyPoint", reason: "certificate-expired" },
    run: { where: "enrollment", reason: "certificate-expired" },
    check: { id: "certificate-expires", path: SERVER_PATH },
  },
  {
    title: "a certificate not valid until after the run",
    platform: "windows",
    breaks: [
      (d) => {
        certificate(d).notBefore = "2026-01-02T00:00:00Z";
      },
    ],
    fix: (d) => {
      certificate(d).notBefore = "2026-01-01T00:00:00Z";
    },
    cell: { role: "enrollmentProxyPoint", reason: "certificate-not-yet-valid" },
    run: { where: "enrollment", reason: "certificate-not-yet-valid" },
    check: { id: "certificate-not-yet-valid", path: SERVER_PATH },
  },
  {
    title: "Macs and an LDAP-only CRL",
    platform: "macos",
    breaks: [
      (d) => {
        certificate(d).crl = "ldap";
      },
    ],
    fix: (d) => {
      certificate(d).crl = "http";
    },
    cell: { role: "enrollmentProxyPoint", reason: "crl-unreachable" },
    run: { where: "enrollment", reason: "crl-unreachable" },
    check: { id: "crl-unreachable", path: SERVER_PATH },
  },
  {
    title: "Macs and a DMP reading a replica",
    platform: "macos",
    breaks: [mpOnReplica],
    fix: (d) => {
      roles(d).mp.database = "site";
    },
    cell: { role: "managementPoint", reason: "replica-unsupported-for-macos" },
    run: { where: "polls", reason: "replica-unsupported-for-macos" },
    check: { id: "replica-unsupported-for-macos", path: ROLE_PATH("managementPoint") },
  },
];

function expectRunFailure(result: Result, run: ConfigCase["run"]): void {
  switch (run.where) {
    case "enrollment":
      expect(result.enrollmentFailedByReason).toEqual({ [run.reason]: COUNT });
      expect(result.devices.enrolled).toBe(0);
      break;
    case "polls":
      expect(result.devices.enrolled).toBe(COUNT);
      expect(result.devices.connected).toBe(0);
      expect(result.neverConnectedByReason).toEqual({ [run.reason]: COUNT });
      expect(Object.keys(result.attempts.failedByReason)).toEqual([run.reason]);
      expect(result.attempts.failedByReason[run.reason]).toBeGreaterThanOrEqual(COUNT);
      break;
    case "content":
      expect(result.devices.connected).toBe(COUNT);
      expect(result.content).not.toBeNull();
      expect(result.content!.succeeded).toBe(0);
      expect(Object.keys(result.content!.failedByReason)).toEqual([run.reason]);
      expect(result.content!.failedByReason[run.reason]).toBeGreaterThanOrEqual(COUNT);
      break;
  }
}

describe("one configuration rule broken at a time", () => {
  it("the correct bases are clean: no error, every device connected and served content, every cell ok", () => {
    for (const platform of ["windows", "macos"] as const) {
      const s = build(platform);
      expect(errors(checkScenario(s))).toEqual([]);
      const r = simulate(s);
      expect(r.devices.connected).toBe(COUNT);
      expect(failureReasons(r)).toEqual([]);
      expect(r.content?.succeeded).toBe(COUNT);
      expect(reachability(s).cells.every((c) => c.result === "ok")).toBe(true);
    }
  });

  for (const c of CASES) {
    describe(`${c.check.id}: ${c.title} (${c.platform})`, () => {
      const broken = () => build(c.platform, ...c.breaks);
      const fixed = () => build(c.platform, ...c.breaks, c.fix);

      it(`run fails with ${c.run.reason} at ${c.run.where}`, () => {
        expectRunFailure(simulate(broken()), c.run);
      });

      it(`check reports ${c.check.id} as an error at ${c.check.path}…`, () => {
        const s = broken();
        const found = withId(checkScenario(s), c.check.id).filter((f) => f.severity === "error");
        expect(found.length, JSON.stringify(checkScenario(s), null, 1)).toBeGreaterThan(0);
        for (const f of found) {
          expect(f.path.startsWith(c.check.path), f.path).toBe(true);
          expect(walkPath(s, f.path).ok, `path ${f.path} resolves`).toBe(true);
          expect(f.message.length).toBeGreaterThan(0);
          expect(f.fix.length).toBeGreaterThan(0);
          expect(f.source.length).toBeGreaterThan(0);
        }
      });

      it(`reach shows ${c.cell.reason} for the ${c.cell.role}`, () => {
        expect(cellOf(broken(), c.cell.role)).toBe(c.cell.reason);
      });

      it("fixed: no error finding, no failure, every cell ok", () => {
        const s = fixed();
        expect(errors(checkScenario(s))).toEqual([]);
        const r = simulate(s);
        expect(failureReasons(r)).toEqual([]);
        expect(r.devices.connected).toBe(COUNT);
        expect(r.content?.succeeded).toBe(COUNT);
        expect(reachability(s).cells.filter((x) => x.result !== "ok")).toEqual([]);
      });
    });
  }
});

describe("a certificate expiring during the run", () => {
  // notAfter one hour in; polls at 50 s + 0, 3, …, 15 min, then 75 min: the hourly poll fails.
  const s = () =>
    build("windows", (d) => {
      certificate(d).notAfter = "2026-01-01T01:00:00Z";
    });

  it("is a warning, not an error", () => {
    const findings = checkScenario(s());
    expect(errors(findings)).toEqual([]);
    const expires = withId(findings, "certificate-expires");
    expect(expires).toHaveLength(1);
    expect(expires[0]!.severity).toBe("warning");
    expect(expires[0]!.path.startsWith(SERVER_PATH)).toBe(true);
  });

  it("run connects first, then fails later tries with certificate-expired", () => {
    const r = simulate(s());
    expect(r.devices.connected).toBe(COUNT);
    expect(r.attempts.failedByReason["certificate-expired"]).toBeGreaterThan(0);
    expect(Object.keys(r.attempts.failedByReason)).toEqual(["certificate-expired"]);
  });

  it("reach is ok at t = 0 and certificate-expired from notAfter on", () => {
    expect(reachability(s()).cells.every((c) => c.result === "ok")).toBe(true);
    const later = reachability(s(), 3600);
    expect(later.cells.find((c) => c.role === "managementPoint")?.result).toBe("certificate-expired");
  });

  it("a certificate expiring at or after the end of the run raises nothing", () => {
    const atEnd = build("windows", (d) => {
      certificate(d).notAfter = "2026-01-01T03:00:00Z";
    });
    expect(withId(checkScenario(atEnd), "certificate-expires")).toEqual([]);
  });
});

describe("a certificate not yet valid when the run starts", () => {
  // notBefore 15 minutes in: the burst at 50 s fails, the retry ten minutes later too, the third try enrolls.
  const s = () =>
    build("windows", (d) => {
      certificate(d).notBefore = "2026-01-01T00:15:00Z";
    });

  it("is certificate-not-yet-valid, an error naming both dates, and never certificate-expires", () => {
    const findings = checkScenario(s());
    expect(withId(findings, "certificate-expires")).toEqual([]);
    const found = withId(findings, "certificate-not-yet-valid");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", path: `${SERVER_PATH}.certificate` });
    expect(found[0]!.message).toContain("2026-01-01T00:15:00Z");
    expect(found[0]!.message).toContain("15m after the run starts (2026-01-01T00:00:00Z)");
    // The fix names both dates and suggests moving start.
    expect(found[0]!.fix).toMatch(
      /^Move the scenario's start \(2026-01-01T00:00:00Z\) to 2026-01-01T00:15:00Z or later/,
    );
  });

  it("a certificate valid from exactly the start raises neither", () => {
    const atStart = build("windows", (d) => {
      certificate(d).notBefore = "2026-01-01T00:00:00Z";
    });
    const ids = checkScenario(atStart).map((f) => f.id);
    expect(ids).not.toContain("certificate-not-yet-valid");
    expect(ids).not.toContain("certificate-expires");
  });

  it("one that is expired too is both: not yet valid, and expired at the start", () => {
    const both = build("windows", (d) => {
      certificate(d).notBefore = "2026-02-01T00:00:00Z";
      certificate(d).notAfter = "2025-12-01T00:00:00Z";
    });
    const findings = checkScenario(both);
    expect(withId(findings, "certificate-not-yet-valid").map((f) => f.severity)).toEqual(["error"]);
    expect(withId(findings, "certificate-expires").map((f) => f.message)).toEqual([
      `${CM01}'s certificate expired at 2025-12-01T00:00:00Z, before the run starts (2026-01-01T00:00:00Z)`,
    ]);
  });

  it("run fails the tries before notBefore with certificate-not-yet-valid, then enrolls", () => {
    const r = simulate(s(), { trace: "w-1" });
    expect(r.devices.enrolled).toBe(COUNT);
    expect(r.trace?.filter((e) => e.event === "enrollment-try").map((e) => e.outcome)).toEqual([
      "certificate-not-yet-valid",
      "certificate-not-yet-valid",
      "ok",
    ]);
  });
});

describe("outages are not configuration", () => {
  it("a server down for the whole run: no error finding, enrollment fails with server-down", () => {
    const s = build("windows", (d) => {
      server(d).outages = [{ from: "0s", to: "4h" }];
    });
    expect(errors(checkScenario(s))).toEqual([]);
    expect(simulate(s).enrollmentFailedByReason).toEqual({ "server-down": COUNT });
    expect(reachability(s).cells.every((c) => c.result === "server-down")).toBe(true);
  });
});

describe("missing-role: one finding per missing role", () => {
  const dmpOnly: Mutation = (d) => {
    const r = server(d).roles;
    delete r.enrollmentPoint;
    delete r.enrollmentProxyPoint;
    delete r.distributionPoint;
  };

  it("a site with only a DMP lacks an EP, an EPP and a DP: three missing-role errors", () => {
    const s = build("windows", dmpOnly);
    const missing = withId(checkScenario(s), "missing-role");
    expect(missing.map((f) => f.severity)).toEqual(["error", "error", "error"]);
    const text = missing.map((f) => f.message).join("\n");
    expect(text).toMatch(/enrollment point/);
    expect(text).toMatch(/enrollment proxy point/);
    expect(text).toMatch(/distribution point/);
  });

  it("a site without any MP: one missing-role error; polls fail with no-management-point", () => {
    const s = build("windows", (d) => {
      delete server(d).roles.managementPoint;
    });
    const missing = withId(checkScenario(s), "missing-role");
    expect(missing).toHaveLength(1);
    expect(missing[0]!.severity).toBe("error");
    const r = simulate(s);
    expect(r.neverConnectedByReason).toEqual({ "no-management-point": COUNT });
  });

  it("a site whose only MP is not a DMP: one missing-role error", () => {
    const s = build("windows", (d) => {
      roles(d).mp.allowMobileDevicesAndMacs = false;
    });
    const missing = withId(checkScenario(s), "missing-role");
    expect(missing).toHaveLength(1);
    expect(missing[0]!.severity).toBe("error");
  });

  it("a site without an EPP: one missing-role error; enrollment fails with no-enrollment-proxy-point", () => {
    const s = build("windows", (d) => {
      delete server(d).roles.enrollmentProxyPoint;
    });
    expect(withId(checkScenario(s), "missing-role")).toHaveLength(1);
    expect(simulate(s).enrollmentFailedByReason).toEqual({ "no-enrollment-proxy-point": COUNT });
  });

  it("a site without an EP: one missing-role error; enrollment fails with no-enrollment-point", () => {
    const s = build("windows", (d) => {
      delete server(d).roles.enrollmentPoint;
    });
    expect(withId(checkScenario(s), "missing-role")).toHaveLength(1);
    expect(simulate(s).enrollmentFailedByReason).toEqual({ "no-enrollment-point": COUNT });
  });

  it("a site without a DP: one missing-role error; content fails with no-content-location", () => {
    const s = build("windows", (d) => {
      delete server(d).roles.distributionPoint;
    });
    expect(withId(checkScenario(s), "missing-role")).toHaveLength(1);
    const r = simulate(s);
    expect(Object.keys(r.content?.failedByReason ?? {})).toEqual(["no-content-location"]);
  });

  it("a complete site: no missing-role", () => {
    expect(withId(checkScenario(build("windows")), "missing-role")).toEqual([]);
  });
});

describe("not-a-device-management-point and dp-mobile-not-allowed beside a working role", () => {
  const cm02 = "cm02.corp.contoso.com";
  const secondServer =
    (roleSet: "mp" | "dp"): Mutation =>
    (d) => {
      d.site.servers.push({
        name: cm02,
        roles:
          roleSet === "mp"
            ? { managementPoint: { https: true, allowMobileDevicesAndMacs: false } }
            : { distributionPoint: { https: true, allowMobileDevices: false } },
      });
      d.site.boundaryGroups![0]!.servers!.push(cm02);
    };

  it("an MP that is not a DMP, beside a DMP, is a warning; devices use the DMP", () => {
    const s = build("windows", secondServer("mp"));
    const found = withId(checkScenario(s), "not-a-device-management-point");
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe("warning");
    expect(found[0]!.path).toContain(cm02);
    expect(errors(checkScenario(s))).toEqual([]);
    expect(failureReasons(simulate(s))).toEqual([]);
  });

  it("a DP that does not allow mobile devices, beside one that does, is a warning for Windows", () => {
    const s = build("windows", secondServer("dp"));
    const found = withId(checkScenario(s), "dp-mobile-not-allowed");
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe("warning");
    expect(errors(checkScenario(s))).toEqual([]);
    const r = simulate(s);
    expect(failureReasons(r)).toEqual([]);
    expect(r.content?.succeeded).toBe(COUNT);
  });
});

describe("boundaries", () => {
  it("dp-needs-boundaries: an intranet DP in no boundary group is an error; content has no location", () => {
    const s = build("windows", (d) => {
      d.site.boundaryGroups![0]!.servers = [];
    });
    const found = withId(checkScenario(s), "dp-needs-boundaries");
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe("error");
    expect(found[0]!.path.startsWith(SERVER_PATH)).toBe(true);
    expect(simulate(s).content?.failedByReason).toEqual({
      "no-content-location": expect.any(Number) as number,
    });
  });

  it("dp-needs-boundaries: a boundary group with only a non-IPv4-range boundary does not count", () => {
    const s = build("windows", (d) => {
      d.site.boundaries = [{ name: "HQ", type: "ipSubnet", value: "10.1.0.0" }];
    });
    expect(withId(checkScenario(s), "dp-needs-boundaries").map((f) => f.severity)).toEqual(["error"]);
  });

  it("dp-needs-boundaries: not for an internet-only DP, nor for a DP in a group with an IPv4 range", () => {
    const mac = build("macos", (d) => {
      roles(d).dp.connections = "internet";
      d.site.boundaryGroups = [];
    });
    expect(withId(checkScenario(mac), "dp-needs-boundaries")).toEqual([]);
    expect(errors(checkScenario(mac))).toEqual([]);
    expect(withId(checkScenario(build("windows")), "dp-needs-boundaries")).toEqual([]);
  });

  it("unsupported-boundary-type: a boundary group serving MDM with an AD site boundary is a warning", () => {
    const s = build("windows", (d) => {
      d.site.boundaries!.push({ name: "AD", type: "adSite", value: "Default-First-Site-Name" });
      d.site.boundaryGroups![0]!.boundaries!.push("AD");
    });
    const found = withId(checkScenario(s), "unsupported-boundary-type");
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe("warning");
    expect(found[0]!.message).toContain("adSite");
    expect(errors(checkScenario(s))).toEqual([]);
    expect(failureReasons(simulate(s))).toEqual([]);
  });

  it("unsupported-boundary-type: every ignored (non-IPv4-range) boundary is named in the findings", () => {
    const s = build("windows", (d) => {
      d.site.boundaries!.push(
        { name: "SUB", type: "ipSubnet", value: "10.1.0.0" },
        { name: "V6", type: "ipv6Prefix", value: "fd00::" },
        { name: "VPN", type: "vpn", value: "Contoso VPN" },
      );
      d.site.boundaryGroups![0]!.boundaries!.push("SUB", "V6", "VPN");
    });
    const found = withId(checkScenario(s), "unsupported-boundary-type");
    expect(found.length).toBeGreaterThanOrEqual(1);
    const text = found.map((f) => f.message).join("\n");
    for (const type of ["ipSubnet", "ipv6Prefix", "vpn"]) expect(text).toContain(type);
    expect(found.every((f) => f.severity === "warning")).toBe(true);
  });

  it("unsupported-boundary-type: not for a boundary group that serves no MDM role", () => {
    const s = build("windows", (d) => {
      d.site.boundaries!.push({ name: "AD", type: "adSite", value: "Default-First-Site-Name" });
      d.site.boundaryGroups!.push({ name: "Other", boundaries: ["AD"], servers: [] });
    });
    expect(withId(checkScenario(s), "unsupported-boundary-type")).toEqual([]);
  });

  it("devices-outside-boundaries: a content group with no address in any IPv4 range is an error; its content fails", () => {
    const s = build("windows", (d) => {
      group(d).addresses = "10.2.0.0/24";
    });
    const found = withId(checkScenario(s), "devices-outside-boundaries");
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe("error");
    expect(found[0]!.path).toBe("devices.w.addresses");
    expect(found[0]!.message).toContain(`${COUNT} of ${COUNT}`);
    expect(found[0]!.message).toContain("with no content location at all");
    const r = simulate(s);
    expect(r.devices.connected).toBe(COUNT);
    expect(r.content?.failedByReason).toEqual({ "no-content-location": expect.any(Number) as number });
    expect(r.content?.neverServed).toBe(COUNT);
  });

  it("devices-outside-boundaries: addresses outside every IPv4 range are a warning for a group without content", () => {
    const s = build("windows", (d) => {
      group(d).addresses = "10.2.0.0/24";
      group(d).content = false;
    });
    const found = withId(checkScenario(s), "devices-outside-boundaries");
    expect(found.map((f) => [f.severity, f.path])).toEqual([["warning", "devices.w.addresses"]]);
    expect(found[0]!.message).not.toContain("content location");
    expect(errors(checkScenario(s))).toEqual([]);
  });

  it("devices-outside-boundaries: counts only the addresses the group's devices use", () => {
    // Device 1 at 10.1.255.255 (inside 10.1.0.0/16), device 2 at 10.2.0.0 (outside).
    const s = build("windows", (d) => {
      group(d).addresses = "10.1.255.255-10.2.0.255";
    });
    const found = withId(checkScenario(s), "devices-outside-boundaries");
    expect(found).toHaveLength(1);
    // One device has a content location: a warning, even though the group fetches content.
    expect(found[0]!.severity).toBe("warning");
    expect(found[0]!.message).toContain("1 of 2");
    expect(found[0]!.message).toContain("10.2.0.0");
    const r = simulate(s);
    expect(r.content?.succeeded).toBe(1);
    expect(r.content?.failedByReason["no-content-location"]).toBeGreaterThan(0);
  });

  it("devices-outside-boundaries: none when the used addresses are covered", () => {
    const s = build("windows", (d) => {
      group(d).addresses = "10.1.255.254-10.2.0.255"; // two devices: both inside 10.1.0.0/16
    });
    expect(withId(checkScenario(s), "devices-outside-boundaries")).toEqual([]);
  });
});

describe("replicas", () => {
  it("replica-early-failures: the window and 1.40 failed tries, 252 s for configmgr-assumed polling on 5 minutes", () => {
    // Commits uniform over whole sync intervals: the exact estimate is the closed form.
    const s = singleServer({
      replica: { syncOffset: "0s" },
      group: { count: 10, enrollment: { pattern: "uniform", from: "0s", to: "1h" } },
    });
    const found = withId(checkScenario(s), "replica-early-failures");
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.severity).toBe("warning");
    expect(f.path.startsWith(ROLE_PATH("managementPoint"))).toBe(true);
    // Window: applyDelay (0) to syncInterval + applyDelay (5 min), mean syncInterval/2 + applyDelay (2.5 min).
    expect(f.message).toMatch(/\b0s to 5m\b/);
    expect(f.message).toContain("2m30s");
    expect(f.message).toContain('the 10 devices of group "w" on this DMP: 1.40 failed tries, 252 s');
    expect(f.estimates).toEqual([
      { group: "w", devices: 10, connected: 10, failedTries: 1.4, timeToFirstSuccessSeconds: 252 },
    ]);
    expect(errors(checkScenario(s))).toEqual([]);
  });

  it("replica-early-failures: an apply delay shifts the window (30 s: 30s to 5m30s, mean 3m; 1.50 polls, 270 s)", () => {
    const s = singleServer({
      replica: { applyDelay: "30s", syncOffset: "0s" },
      group: { count: 10, enrollment: { pattern: "uniform", from: "0s", to: "1h" } },
    });
    const f = withId(checkScenario(s), "replica-early-failures")[0]!;
    expect(f.message).toContain("30s to 5m30s");
    expect(f.message).toContain("mean 3m");
    expect(f.message).toContain("1.50 failed tries, 270 s");
  });

  it("replica-early-failures: simulate shows only device-not-in-replica", () => {
    const r = simulate(singleServer({}));
    expect(Object.keys(r.attempts.failedByReason)).toEqual(["device-not-in-replica"]);
    expect(r.devices.connected).toBe(1);
  });

  it("replica-early-failures: none for a DMP on the site database", () => {
    expect(withId(checkScenario(singleServer({ replica: null })), "replica-early-failures")).toEqual([]);
  });

  it("replica-at-secondary: replicas, an EP or an EPP at a secondary site are an error", () => {
    const withReplica = singleServer({ extra: {} });
    const secondary = { ...withReplica, site: { ...withReplica.site, type: "secondary" as const } };
    const found = withId(checkScenario(secondary), "replica-at-secondary");
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe("error");
    const text = found[0]!.message;
    expect(text).toContain("replica");
    expect(text).toContain("enrollment point");
    expect(text).toContain("enrollment proxy point");
  });

  it("replica-at-secondary: an EP and EPP alone at a secondary site are an error too", () => {
    const s = build("windows", (d) => {
      d.site.type = "secondary";
    });
    expect(withId(checkScenario(s), "replica-at-secondary").map((f) => f.severity)).toEqual(["error"]);
  });

  it("replica-at-secondary: not at a primary site, nor at a secondary with none of them", () => {
    expect(withId(checkScenario(singleServer({})), "replica-at-secondary")).toEqual([]);
    const s = build("windows", (d) => {
      d.site.type = "secondary";
      delete server(d).roles.enrollmentPoint;
      delete server(d).roles.enrollmentProxyPoint;
    });
    expect(withId(checkScenario(s), "replica-at-secondary")).toEqual([]);
  });
});

describe("certificates", () => {
  it("crl-ldap-non-domain: an LDAP-only CRL with Windows devices is info only", () => {
    const s = build("windows", (d) => {
      certificate(d).crl = "ldap";
    });
    const found = withId(checkScenario(s), "crl-ldap-non-domain");
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe("info");
    expect(found[0]!.path.startsWith(SERVER_PATH)).toBe(true);
    expect(errors(checkScenario(s))).toEqual([]);
    expect(failureReasons(simulate(s))).toEqual([]);
  });

  it("crl-ldap-non-domain: none with an HTTP CRL", () => {
    expect(withId(checkScenario(build("windows")), "crl-ldap-non-domain")).toEqual([]);
  });
});

describe("capacity", () => {
  const groupCount =
    (count: number): Mutation =>
    (d) => {
      group(d).count = count;
    };

  it("mp-capacity: more than 10,000 on-prem MDM devices on one MP is a warning", () => {
    const found = withId(checkScenario(build("windows", groupCount(10_001))), "mp-capacity");
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe("warning");
    expect(found[0]!.path.startsWith(ROLE_PATH("managementPoint"))).toBe(true);
    expect(withId(checkScenario(build("windows", groupCount(10_000))), "mp-capacity")).toEqual([]);
  });

  it("mp-capacity: more than 10,000 Macs on one MP is a warning", () => {
    expect(withId(checkScenario(build("macos", groupCount(10_001))), "mp-capacity")).toHaveLength(1);
  });

  it("mp-capacity: on-prem MDM devices and Macs on the same MP is a warning", () => {
    const s = build("windows", connections("intranetAndInternet", "mp", "dp"), (d) => {
      d.devices.push({ name: "m", platform: "macos", count: 5, trustedRoots: [ROOT] });
    });
    const found = withId(checkScenario(s), "mp-capacity");
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe("warning");
    expect(errors(checkScenario(s))).toEqual([]);
  });

  it("site-capacity: more than 50,000 on-prem MDM devices in a stand-alone primary is a warning", () => {
    const s = build("windows", (d) => {
      group(d).count = 25_000;
      group(d).addresses = "10.1.0.0/16";
      d.devices.push({ ...group(d), name: "w2", count: 25_001 });
    });
    const found = withId(checkScenario(s), "site-capacity");
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe("warning");
    const at = build("windows", (d) => {
      group(d).count = 50_000;
      group(d).addresses = "10.1.0.0/16";
    });
    expect(withId(checkScenario(at), "site-capacity")).toEqual([]);
  });

  it("site-capacity: more than 25,000 Macs is a warning", () => {
    expect(withId(checkScenario(build("macos", groupCount(25_001))), "site-capacity")).toHaveLength(1);
    expect(withId(checkScenario(build("macos", groupCount(25_000))), "site-capacity")).toEqual([]);
  });
});

describe("out-of-support and ordering", () => {
  it("out-of-support is present once, as info, on every site with MDM devices", () => {
    for (const s of [
      build("windows"),
      build("macos"),
      singleServer({}),
      build("windows", https("mp", false)),
    ]) {
      const found = withId(checkScenario(s), "out-of-support");
      expect(found).toHaveLength(1);
      expect(found[0]!.severity).toBe("info");
    }
  });

  it("every finding's id is in the catalogue and findings come in catalogue order", () => {
    const s = build(
      "windows",
      https("mp", false),
      https("dp", false),
      (d) => {
        certificate(d).crl = "ldap";
        certificate(d).notAfter = "2026-01-01T01:00:00Z";
        group(d).trustedRoots = [OTHER_ROOT];
        group(d).addresses = "10.1.255.0-10.2.0.255";
        group(d).count = 60_000;
        d.site.boundaries!.push({ name: "AD", type: "adSite", value: "x" });
        d.site.boundaryGroups![0]!.boundaries!.push("AD");
      },
      mpOnReplica,
    );
    const ids = checkScenario(s).map((f) => f.id);
    for (const id of ids) expect(ORDER, id).toContain(id);
    const ranks = ids.map((id) => ORDER.indexOf(id));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // The scenario raises many of them.
    for (const id of [
      "https-required",
      "unsupported-boundary-type",
      "devices-outside-boundaries",
      "replica-early-failures",
      "certificate-untrusted",
      "certificate-expires",
      "crl-ldap-non-domain",
      "mp-capacity",
      "site-capacity",
      "out-of-support",
    ]) {
      expect(ids).toContain(id);
    }
  });
});
