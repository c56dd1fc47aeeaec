// The reachability table of model.md, row by row: a contact where only one rule fails gets exactly that
// rule's reason, the fixed contact gets none; with two rules broken the earlier row wins.
import { describe, expect, it } from "vitest";
import type { Reason } from "../../src/model/reasons.js";
import {
  certificateNameMatches,
  contactReason,
  enrollmentPointReason,
  isEligibleManagementPoint,
  nameUsed,
  rulesFor,
  staticContactReason,
  type Contact,
  type RoleName,
} from "../../src/model/rules.js";
import {
  build,
  certificate,
  CM01,
  CM01_INTERNET,
  contactOf,
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

type Mutation = (draft: Draft) => void;

const HOUR = 3600;
const ONE_HOUR_IN = "2026-01-01T01:00:00Z";

const EPP: RoleName = "enrollmentProxyPoint";
const EP: RoleName = "enrollmentPoint";
const DP: RoleName = "distributionPoint";
const MP: RoleName = "managementPoint";

// Single breaks, each touching one field.
const down: Mutation = (d) => {
  server(d).outages = [{ from: "0s", to: "10m" }];
};
const notDmp: Mutation = (d) => {
  roles(d).mp.allowMobileDevicesAndMacs = false;
};
const notMobileDp: Mutation = (d) => {
  roles(d).dp.allowMobileDevices = false;
};
const http =
  (role: "ep" | "epp" | "dp" | "mp"): Mutation =>
  (d) => {
    roles(d)[role].https = false;
  };
const allHttp: Mutation = (d) => {
  for (const role of ["ep", "epp", "dp", "mp"] as const) roles(d)[role].https = false;
};
const connections =
  (value: "intranet" | "internet" | "intranetAndInternet", ...which: ("epp" | "dp" | "mp")[]): Mutation =>
  (d) => {
    for (const role of which.length > 0 ? which : (["epp", "dp", "mp"] as const))
      roles(d)[role].connections = value;
  };
const onInternet: Mutation = (d) => {
  group(d).location = "internet";
};
const onIntranet: Mutation = (d) => {
  group(d).location = "intranet";
};
const shortName: Mutation = (d) => {
  renameServer(d, "cm01");
};
const fullName: Mutation = (d) => {
  renameServer(d, CM01);
};
const noCertificate: Mutation = (d) => {
  server(d).certificate = null;
};
const restoreCertificate: Mutation = (d) => {
  server(d).certificate = { issuer: ROOT, crl: "http" };
};
const untrusted: Mutation = (d) => {
  group(d).trustedRoots = [OTHER_ROOT];
};
const trustBoth: Mutation = (d) => {
  group(d).trustedRoots = [OTHER_ROOT, ROOT];
};
const names =
  (...list: string[]): Mutation =>
  (d) => {
    certificate(d).names = list;
  };
const notBeforeInOneHour: Mutation = (d) => {
  certificate(d).notBefore = ONE_HOUR_IN;
};
const notAfterInOneHour: Mutation = (d) => {
  certificate(d).notAfter = ONE_HOUR_IN;
};
const ldapCrl: Mutation = (d) => {
  certificate(d).crl = "ldap";
};
const httpCrl: Mutation = (d) => {
  certificate(d).crl = "http";
};
const siteDatabase: Mutation = (d) => {
  roles(d).mp.database = "site";
};
const set =
  (f: (d: Draft) => void): Mutation =>
  (d) => {
    f(d);
  };

function contact(platform: Platform, role: RoleName, ...mutations: Mutation[]): Contact {
  return contactOf(build(platform, ...mutations), role);
}

/** Rows (of the table) whose check fails for this contact at `t`. */
function failingRows(c: Contact, t: number): number[] {
  return rulesFor(c.role)
    .filter((rule) => rule.check(c, t) !== null)
    .map((rule) => rule.row);
}

interface RowCase {
  readonly title: string;
  readonly row: number;
  readonly reason: Reason;
  readonly platform: Platform;
  readonly roles: readonly RoleName[];
  readonly breaks: readonly Mutation[];
  /** Applied after the breaks; absent when the fix is a different time. */
  readonly fix?: Mutation;
  /** Time of the broken contact (default 0). */
  readonly at?: number;
  /** Time of the fixed contact (default `at`). */
  readonly fixedAt?: number;
  /** Rows that fail along with it, unavoidably (default none). */
  readonly alsoFailing?: readonly number[];
}

const ROW_CASES: readonly RowCase[] = [
  {
    title: "inside an outage [from, to): at exactly `from`; up again at exactly `to`",
    row: 1,
    reason: "server-down",
    platform: "windows",
    roles: [EPP, EP, DP, MP],
    breaks: [down],
    at: 0,
    fixedAt: 600,
  },
  {
    title: "inside an outage, in its middle",
    row: 1,
    reason: "server-down",
    platform: "macos",
    roles: [EPP, EP, DP, MP],
    breaks: [down],
    at: 599.999,
    fixedAt: 601,
  },
  {
    title: "MP without allowMobileDevicesAndMacs",
    row: 2,
    reason: "not-a-device-management-point",
    platform: "windows",
    roles: [MP],
    breaks: [notDmp],
    fix: (d) => {
      roles(d).mp.allowMobileDevicesAndMacs = true;
    },
  },
  {
    title: "MP without allowMobileDevicesAndMacs, for a Mac",
    row: 2,
    reason: "not-a-device-management-point",
    platform: "macos",
    roles: [MP],
    breaks: [notDmp],
    fix: (d) => {
      roles(d).mp.allowMobileDevicesAndMacs = true;
    },
  },
  {
    title: "DP without allowMobileDevices",
    row: 2,
    reason: "dp-mobile-not-allowed",
    platform: "windows",
    roles: [DP],
    breaks: [notMobileDp],
    fix: (d) => {
      roles(d).dp.allowMobileDevices = true;
    },
  },
  {
    title: "DP without allowMobileDevices, for a Mac",
    row: 2,
    reason: "dp-mobile-not-allowed",
    platform: "macos",
    roles: [DP],
    breaks: [notMobileDp],
    fix: (d) => {
      roles(d).dp.allowMobileDevices = true;
    },
  },
  ...(["epp", "ep", "dp", "mp"] as const).map((role): RowCase => ({
    title: `${role} on HTTP`,
    row: 3,
    reason: "https-required",
    platform: "windows",
    roles: [{ epp: EPP, ep: EP, dp: DP, mp: MP }[role]],
    breaks: [http(role)],
    fix: (d) => {
      roles(d)[role].https = true;
    },
  })),
  {
    title: "a Windows MDM device on the internet (roles allow internet connections)",
    row: 4,
    reason: "mdm-internet-unsupported",
    platform: "windows",
    roles: [EPP, DP, MP],
    breaks: [connections("intranetAndInternet"), onInternet],
    fix: onIntranet,
  },
  {
    title: "a Mac and an intranet-only DMP",
    row: 5,
    reason: "macos-requires-internet-connections",
    platform: "macos",
    roles: [MP],
    breaks: [connections("intranet", "mp")],
    fix: connections("intranetAndInternet", "mp"),
    // The Mac is an internet client toward the DMP, so the connection type fails too (row 6, later).
    alsoFailing: [6],
  },
  {
    title: "a Mac and an intranet-only DP",
    row: 5,
    reason: "macos-requires-internet-connections",
    platform: "macos",
    roles: [DP],
    breaks: [connections("intranet", "dp")],
    fix: connections("intranetAndInternet", "dp"),
    alsoFailing: [6],
  },
  {
    title: "an intranet Windows device and internet-only roles",
    row: 6,
    reason: "connection-type-not-allowed",
    platform: "windows",
    roles: [EPP, DP, MP],
    breaks: [connections("internet")],
    fix: connections("intranetAndInternet"),
  },
  {
    title: "an intranet Windows device and internet-only roles, fixed with intranet-only",
    row: 6,
    reason: "connection-type-not-allowed",
    platform: "windows",
    roles: [EPP, DP, MP],
    breaks: [connections("internet")],
    fix: connections("intranet"),
  },
  {
    title: "a Mac located on the intranet and an internet-only EPP (toward an EPP its location counts)",
    row: 6,
    reason: "connection-type-not-allowed",
    platform: "macos",
    roles: [EPP],
    breaks: [connections("internet", "epp")],
    fix: connections("intranet", "epp"),
  },
  {
    title: "a Mac located on the internet and an intranet-only EPP",
    row: 6,
    reason: "connection-type-not-allowed",
    platform: "macos",
    roles: [EPP],
    breaks: [onInternet, connections("intranet", "epp")],
    fix: connections("intranetAndInternet", "epp"),
  },
  {
    title: "a Mac on the intranet and an internet-only EPP, fixed by moving the Mac to the internet",
    row: 6,
    reason: "connection-type-not-allowed",
    platform: "macos",
    roles: [EPP],
    breaks: [connections("internet", "epp")],
    fix: onInternet,
  },
  {
    title: "a server name without a dot",
    row: 7,
    reason: "name-not-fqdn",
    platform: "windows",
    roles: [EPP, DP, MP],
    breaks: [shortName],
    fix: fullName,
  },
  {
    title: "a server name without a dot, for a Mac",
    row: 7,
    reason: "name-not-fqdn",
    platform: "macos",
    roles: [EPP, DP, MP],
    breaks: [shortName],
    fix: fullName,
  },
  {
    title: "certificate: null",
    row: 8,
    reason: "no-certificate",
    platform: "windows",
    roles: [EPP, DP, MP],
    breaks: [noCertificate],
    fix: restoreCertificate,
  },
  {
    title: "certificate: null, for a Mac",
    row: 8,
    reason: "no-certificate",
    platform: "macos",
    roles: [EPP, DP, MP],
    breaks: [noCertificate],
    fix: restoreCertificate,
  },
  {
    title: "an issuer outside trustedRoots",
    row: 9,
    reason: "certificate-untrusted",
    platform: "windows",
    roles: [EPP, DP, MP],
    breaks: [untrusted],
    fix: trustBoth,
  },
  {
    title: "an issuer outside trustedRoots, fixed by trusting every issuer (trustedRoots absent)",
    row: 9,
    reason: "certificate-untrusted",
    platform: "macos",
    roles: [EPP, DP, MP],
    breaks: [untrusted],
    fix: (d) => {
      delete group(d).trustedRoots;
    },
  },
  {
    title: "a certificate naming another host",
    row: 10,
    reason: "certificate-name-mismatch",
    platform: "windows",
    roles: [EPP, DP, MP],
    breaks: [names("cm02.corp.contoso.com")],
    fix: names("cm02.corp.contoso.com", CM01),
  },
  {
    title: "a wildcard two labels up (*.contoso.com does not match cm01.corp.contoso.com)",
    row: 10,
    reason: "certificate-name-mismatch",
    platform: "windows",
    roles: [EPP, DP, MP],
    breaks: [names("*.contoso.com")],
    fix: names("*.corp.contoso.com"),
  },
  {
    title: "a wildcard for the host itself (*.cm01.corp.contoso.com does not match cm01.corp.contoso.com)",
    row: 10,
    reason: "certificate-name-mismatch",
    platform: "windows",
    roles: [EPP, DP, MP],
    breaks: [names("*.cm01.corp.contoso.com")],
    fix: names("*.cm01.corp.contoso.com", "*.corp.contoso.com"),
  },
  {
    title: "a Mac uses internetFqdn toward DPs and DMPs: a certificate naming only the intranet name fails",
    row: 10,
    reason: "certificate-name-mismatch",
    platform: "macos",
    roles: [DP, MP],
    breaks: [names(CM01)],
    fix: names(CM01, CM01_INTERNET),
  },
  {
    title: "a Mac uses internetFqdn toward DPs and DMPs, fixed by a one-label wildcard",
    row: 10,
    reason: "certificate-name-mismatch",
    platform: "macos",
    roles: [DP, MP],
    breaks: [names(CM01)],
    fix: names(CM01, "*.contoso.com"),
  },
  {
    title: "a Mac on the intranet uses the name toward the EPP: a certificate naming only internetFqdn fails",
    row: 10,
    reason: "certificate-name-mismatch",
    platform: "macos",
    roles: [EPP],
    breaks: [names(CM01_INTERNET)],
    fix: names(CM01_INTERNET, CM01),
  },
  {
    title: "a Mac on the internet uses internetFqdn toward the EPP",
    row: 10,
    reason: "certificate-name-mismatch",
    platform: "macos",
    roles: [EPP],
    breaks: [onInternet, connections("intranetAndInternet", "epp"), names(CM01)],
    fix: names(CM01, CM01_INTERNET),
  },
  {
    title: "a Windows device uses the intranet name: a certificate naming only internetFqdn fails",
    row: 10,
    reason: "certificate-name-mismatch",
    platform: "windows",
    roles: [EPP, DP, MP],
    breaks: [names(CM01_INTERNET)],
    fix: names(CM01_INTERNET, CM01.toUpperCase()),
  },
  {
    title: "a Mac toward a server without internetFqdn uses its name",
    row: 10,
    reason: "certificate-name-mismatch",
    platform: "macos",
    roles: [EPP, DP, MP],
    breaks: [
      set((d) => {
        delete server(d).internetFqdn;
      }),
      names(CM01_INTERNET),
    ],
    fix: names(CM01),
  },
  {
    title: "before notBefore; valid from exactly notBefore",
    row: 11,
    reason: "certificate-not-yet-valid",
    platform: "windows",
    roles: [EPP, DP, MP],
    breaks: [notBeforeInOneHour],
    at: HOUR - 0.001,
    fixedAt: HOUR,
  },
  {
    title: "at exactly notAfter counts as expired",
    row: 11,
    reason: "certificate-expired",
    platform: "windows",
    roles: [EPP, DP, MP],
    breaks: [notAfterInOneHour],
    at: HOUR,
    fixedAt: HOUR - 0.001,
  },
  {
    title: "after notAfter, for a Mac",
    row: 11,
    reason: "certificate-expired",
    platform: "macos",
    roles: [EPP, DP, MP],
    breaks: [notAfterInOneHour],
    at: 2 * HOUR,
    fixedAt: 0,
  },
  {
    title: "a Mac and an LDAP-only CRL",
    row: 12,
    reason: "crl-unreachable",
    platform: "macos",
    roles: [EPP, DP, MP],
    breaks: [ldapCrl],
    fix: httpCrl,
  },
  {
    title: "a Mac and an MP reading a replica",
    row: 13,
    reason: "replica-unsupported-for-macos",
    platform: "macos",
    roles: [MP],
    breaks: [mpOnReplica],
    fix: siteDatabase,
  },
];

describe("reachability rules: one broken rule gives exactly its reason", () => {
  for (const c of ROW_CASES) {
    for (const role of c.roles) {
      it(`row ${c.row} ${c.reason} (${c.platform} → ${role}): ${c.title}`, () => {
        const at = c.at ?? 0;
        const broken = contact(c.platform, role, ...c.breaks);
        expect(contactReason(broken, at)).toBe(c.reason);
        expect(failingRows(broken, at)).toEqual([c.row, ...(c.alsoFailing ?? [])]);
        const fixed = c.fix === undefined ? broken : contact(c.platform, role, ...c.breaks, c.fix);
        const fixedAt = c.fixedAt ?? at;
        expect(contactReason(fixed, fixedAt)).toBeNull();
        expect(failingRows(fixed, fixedAt)).toEqual([]);
      });
    }
  }

  it("the correct base contacts pass every rule for every role, at the start and later", () => {
    for (const platform of ["windows", "macos"] as const) {
      for (const role of [EPP, EP, DP, MP]) {
        const c = contact(platform, role);
        for (const t of [0, 50, HOUR, 3 * HOUR])
          expect(contactReason(c, t), `${platform} ${role} ${t}`).toBeNull();
      }
    }
  });
});

describe("which rows apply to which role", () => {
  const rows = (role: RoleName) => rulesFor(role).map((r) => r.row);

  it("an EPP is checked with rules 1, 3, 4, 6–12", () => {
    expect(rows(EPP)).toEqual([1, 3, 4, 6, 7, 8, 9, 10, 11, 12]);
  });

  it("a DP with rules 1–12 (13 is MP-only, 14 is not used for DPs)", () => {
    expect(rows(DP)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it("an MP with rules 1–13 and its database's server (14 needs the record)", () => {
    expect(rows(MP)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 13.5]);
  });

  it("an EP with rules 1, 3 and its database's server (it writes the record to the site database)", () => {
    expect(rows("enrollmentPoint")).toEqual([1, 3, 13.5]);
  });

  it("an EPP ignores the DMP-only rules: a Mac on the intranet reaches an intranet-only EPP", () => {
    expect(contactReason(contact("macos", EPP, connections("intranet")), 0)).toBeNull();
  });

  it("an EPP of a replica-backed MP's server is fine for a Mac (row 13 is MP only)", () => {
    expect(contactReason(contact("macos", EPP, mpOnReplica), 0)).toBeNull();
    expect(contactReason(contact("macos", DP, mpOnReplica), 0)).toBeNull();
  });

  it("a Mac on the intranet is an internet client toward DPs and DMPs: internet-only roles are fine", () => {
    for (const role of [DP, MP]) {
      expect(contactReason(contact("macos", role, connections("internet", "dp", "mp")), 0)).toBeNull();
    }
  });

  it("Windows devices are not affected by the macOS-only rules (LDAP CRL, replica)", () => {
    for (const role of [EPP, DP, MP]) expect(contactReason(contact("windows", role, ldapCrl), 0)).toBeNull();
    expect(contactReason(contact("windows", MP, mpOnReplica), 0)).toBeNull();
  });
});

describe("the name a device uses (row 10)", () => {
  const scenarioFor = (platform: Platform, ...m: Mutation[]) => build(platform, ...m);

  it("intranet Windows devices use the server's name", () => {
    const s = scenarioFor("windows");
    for (const role of [EPP, DP, MP]) {
      const c = contactOf(s, role);
      expect(nameUsed(c.group, c.server, role)).toBe(CM01);
    }
  });

  it("Macs use internetFqdn toward DPs and DMPs whatever their location, their location toward the EPP", () => {
    const inside = contactOf(scenarioFor("macos"), EPP);
    expect(nameUsed(inside.group, inside.server, EPP)).toBe(CM01);
    for (const role of [DP, MP]) expect(nameUsed(inside.group, inside.server, role)).toBe(CM01_INTERNET);
    const outside = contactOf(scenarioFor("macos", onInternet), EPP);
    expect(nameUsed(outside.group, outside.server, EPP)).toBe(CM01_INTERNET);
  });

  it("internet devices fall back to the name when internetFqdn is absent", () => {
    const c = contactOf(
      scenarioFor(
        "macos",
        set((d) => {
          delete server(d).internetFqdn;
        }),
      ),
      MP,
    );
    expect(nameUsed(c.group, c.server, MP)).toBe(CM01);
  });

  it("a certificate without `names` names the server's name and internetFqdn", () => {
    for (const platform of ["windows", "macos"] as const) {
      for (const role of [EPP, DP, MP]) {
        const c = contact(
          platform,
          role,
          set((d) => {
            delete certificate(d).names;
          }),
        );
        expect(contactReason(c, 0)).toBeNull();
      }
    }
  });
});

describe("certificateNameMatches: `*.` wildcards match exactly one label", () => {
  const cases: [string, string, boolean][] = [
    [CM01, CM01, true],
    ["CM01.Corp.Contoso.com", CM01, true],
    ["*.corp.contoso.com", CM01, true],
    ["*.corp.contoso.com", "corp.contoso.com", false],
    ["*.corp.contoso.com", "a.cm01.corp.contoso.com", false],
    ["*.contoso.com", CM01, false],
    ["*.contoso.com", CM01_INTERNET, true],
    ["*.cm01.corp.contoso.com", CM01, false],
    ["cm02.corp.contoso.com", CM01, false],
    ["cm01.corp.contoso.co", CM01, false],
    ["*", CM01, false],
    ["*.com", CM01_INTERNET, false],
  ];
  for (const [pattern, host, expected] of cases) {
    it(`${pattern} ${expected ? "matches" : "does not match"} ${host}`, () => {
      expect(certificateNameMatches(pattern, host)).toBe(expected);
    });
  }
});

describe("precedence: the earliest failing row is the reason", () => {
  interface Pair {
    readonly platform: Platform;
    readonly role: RoleName;
    readonly breaks: readonly Mutation[];
    readonly at?: number;
    readonly expected: Reason;
    readonly also: Reason;
  }
  const pairs: Pair[] = [
    // server-down beats everything, even every other rule broken at once.
    {
      platform: "windows",
      role: MP,
      breaks: [down, notDmp, allHttp, connections("internet"), shortName, noCertificate],
      expected: "server-down",
      also: "not-a-device-management-point",
    },
    {
      platform: "macos",
      role: MP,
      breaks: [down, notDmp, allHttp, connections("intranet"), untrusted, ldapCrl, mpOnReplica],
      expected: "server-down",
      also: "not-a-device-management-point",
    },
    {
      platform: "windows",
      role: EPP,
      breaks: [down, allHttp, onInternet, untrusted, names("x.contoso.com"), notAfterInOneHour],
      at: 60,
      expected: "server-down",
      also: "https-required",
    },
    {
      platform: "windows",
      role: MP,
      breaks: [notDmp, http("mp")],
      expected: "not-a-device-management-point",
      also: "https-required",
    },
    {
      platform: "windows",
      role: DP,
      breaks: [notMobileDp, http("dp")],
      expected: "dp-mobile-not-allowed",
      also: "https-required",
    },
    {
      platform: "windows",
      role: MP,
      breaks: [http("mp"), untrusted],
      expected: "https-required",
      also: "certificate-untrusted",
    },
    {
      platform: "windows",
      role: EPP,
      breaks: [http("epp"), untrusted],
      expected: "https-required",
      also: "certificate-untrusted",
    },
    {
      platform: "windows",
      role: MP,
      breaks: [http("mp"), connections("intranetAndInternet"), onInternet],
      expected: "https-required",
      also: "mdm-internet-unsupported",
    },
    {
      platform: "windows",
      role: DP,
      breaks: [onInternet],
      expected: "mdm-internet-unsupported",
      also: "connection-type-not-allowed",
    },
    {
      platform: "windows",
      role: EPP,
      breaks: [onInternet],
      expected: "mdm-internet-unsupported",
      also: "connection-type-not-allowed",
    },
    {
      platform: "macos",
      role: MP,
      breaks: [connections("intranet")],
      expected: "macos-requires-internet-connections",
      also: "connection-type-not-allowed",
    },
    {
      platform: "macos",
      role: DP,
      breaks: [connections("intranet"), shortName],
      expected: "macos-requires-internet-connections",
      also: "name-not-fqdn",
    },
    {
      platform: "windows",
      role: MP,
      breaks: [connections("internet"), shortName],
      expected: "connection-type-not-allowed",
      also: "name-not-fqdn",
    },
    {
      platform: "windows",
      role: EPP,
      breaks: [shortName, noCertificate],
      expected: "name-not-fqdn",
      also: "no-certificate",
    },
    {
      platform: "windows",
      role: DP,
      breaks: [shortName, names("cm02.corp.contoso.com")],
      expected: "name-not-fqdn",
      also: "certificate-name-mismatch",
    },
    {
      platform: "windows",
      role: MP,
      breaks: [untrusted, names("cm02.corp.contoso.com")],
      expected: "certificate-untrusted",
      also: "certificate-name-mismatch",
    },
    {
      platform: "macos",
      role: MP,
      breaks: [untrusted, ldapCrl],
      expected: "certificate-untrusted",
      also: "crl-unreachable",
    },
    {
      platform: "windows",
      role: EPP,
      breaks: [names("cm02.corp.contoso.com"), notAfterInOneHour],
      at: HOUR,
      expected: "certificate-name-mismatch",
      also: "certificate-expired",
    },
    {
      platform: "macos",
      role: DP,
      breaks: [notBeforeInOneHour, ldapCrl],
      expected: "certificate-not-yet-valid",
      also: "crl-unreachable",
    },
    {
      platform: "macos",
      role: MP,
      breaks: [notAfterInOneHour, ldapCrl],
      at: 2 * HOUR,
      expected: "certificate-expired",
      also: "crl-unreachable",
    },
    {
      platform: "macos",
      role: MP,
      breaks: [ldapCrl, mpOnReplica],
      expected: "crl-unreachable",
      also: "replica-unsupported-for-macos",
    },
    {
      platform: "macos",
      role: MP,
      breaks: [http("mp"), mpOnReplica],
      expected: "https-required",
      also: "replica-unsupported-for-macos",
    },
    {
      platform: "macos",
      role: MP,
      breaks: [connections("intranet"), mpOnReplica],
      expected: "macos-requires-internet-connections",
      also: "replica-unsupported-for-macos",
    },
  ];

  for (const p of pairs) {
    it(`${p.platform} → ${p.role}: ${p.expected} beats ${p.also}`, () => {
      const c = contact(p.platform, p.role, ...p.breaks);
      const at = p.at ?? 0;
      expect(contactReason(c, at)).toBe(p.expected);
      // The later rule really is broken too: it is among the failing rules.
      const failing = rulesFor(p.role)
        .map((rule) => rule.check(c, at))
        .filter((r) => r !== null);
      expect(failing).toContain(p.also);
      expect(failing[0]).toBe(p.expected);
    });
  }

  it("with the outage over, the next broken rule shows", () => {
    const c = contact("windows", MP, down, notDmp, http("mp"));
    expect(contactReason(c, 0)).toBe("server-down");
    expect(contactReason(c, 600)).toBe("not-a-device-management-point");
  });
});

describe("static reasons and DMP eligibility", () => {
  it("staticContactReason leaves out the time-dependent rows (outages, certificate validity)", () => {
    const c = contact("windows", MP, down, notAfterInOneHour);
    expect(contactReason(c, 0)).toBe("server-down");
    expect(contactReason(c, 2 * HOUR)).toBe("certificate-expired");
    expect(staticContactReason(c)).toBeNull();
    const d = contact("windows", MP, down, notBeforeInOneHour);
    expect(staticContactReason(d)).toBeNull();
  });

  it("staticContactReason reports the first time-independent failing row", () => {
    expect(staticContactReason(contact("windows", MP, down, http("mp"), untrusted))).toBe("https-required");
    expect(staticContactReason(contact("macos", MP, down, notAfterInOneHour, ldapCrl))).toBe(
      "crl-unreachable",
    );
  });

  // Eligibility: rows 2, 3, 5, 6, 7, 8, 9, 10, 13 (time-independent, role flags to macOS-not-on-replica).
  const ineligible: [string, Platform, Mutation[]][] = [
    ["not a DMP (row 2)", "windows", [notDmp]],
    ["HTTP (row 3)", "windows", [http("mp")]],
    ["intranet-only for a Mac (row 5)", "macos", [connections("intranet", "mp")]],
    ["internet-only for an intranet device (row 6)", "windows", [connections("internet", "mp")]],
    ["short name (row 7)", "windows", [shortName]],
    ["no certificate (row 8)", "windows", [noCertificate]],
    ["untrusted (row 9)", "windows", [untrusted]],
    ["name mismatch (row 10)", "windows", [names("cm02.corp.contoso.com")]],
    ["Mac on a replica (row 13)", "macos", [mpOnReplica]],
  ];
  for (const [title, platform, breaks] of ineligible) {
    it(`an MP is not eligible when ${title} fails`, () => {
      expect(isEligibleManagementPoint(contact(platform, MP, ...breaks))).toBe(false);
    });
  }

  const eligible: [string, Platform, Mutation[]][] = [
    ["the correct base (Windows)", "windows", []],
    ["the correct base (Mac)", "macos", []],
    ["a server outage (row 1, time-dependent)", "windows", [down]],
    ["a certificate expiring during the run (row 11, time-dependent)", "windows", [notAfterInOneHour]],
    ["a certificate not yet valid (row 11, time-dependent)", "macos", [notBeforeInOneHour]],
  ];
  for (const [title, platform, breaks] of eligible) {
    it(`an MP stays eligible with ${title}`, () => {
      expect(isEligibleManagementPoint(contact(platform, MP, ...breaks))).toBe(true);
    });
  }
});

describe("the site's enrollment point check", () => {
  it("passes for an EP on HTTPS that is up", () => {
    expect(enrollmentPointReason(build("windows"), 0)).toBeNull();
  });

  it("no-enrollment-point when the site has none", () => {
    const s = build("windows", (d) => {
      delete server(d).roles.enrollmentPoint;
    });
    expect(enrollmentPointReason(s, 0)).toBe("no-enrollment-point");
  });

  it("enrollment-point-down while every EP is inside an outage [from, to)", () => {
    const s = build("windows", down);
    expect(enrollmentPointReason(s, 0)).toBe("enrollment-point-down");
    expect(enrollmentPointReason(s, 599)).toBe("enrollment-point-down");
    expect(enrollmentPointReason(s, 600)).toBeNull();
  });

  it("https-required when the EP uses HTTP", () => {
    expect(enrollmentPointReason(build("windows", http("ep")), 0)).toBe("https-required");
  });
});

describe("the database row: a management point's database, and the enrollment point's site database", () => {
  const siteDown: Mutation = (d) => {
    d.site.database = { outages: [{ from: "30m", to: "90m" }] };
  };
  const replicaServerDown: Mutation = (d) => {
    mpOnReplica(d);
    const replica = d.site.replicas?.[0];
    if (replica) replica.serverOutages = [{ from: "30m", to: "90m" }];
  };

  it("fails an MP on the site database, and the EP, with database-unavailable while the site database is down", () => {
    const s = build("windows", siteDown);
    for (const role of [MP, EP]) {
      expect(contactReason(contactOf(s, role), 1799), role).toBeNull();
      expect(contactReason(contactOf(s, role), 1800), role).toBe("database-unavailable");
      expect(contactReason(contactOf(s, role), 5400), role).toBeNull();
    }
    expect(enrollmentPointReason(s, 2000)).toBe("database-unavailable");
    expect(enrollmentPointReason(s, 6000)).toBeNull();
    // The EPP and the DP need no database.
    expect(contactReason(contactOf(s, EPP), 2000)).toBeNull();
    expect(contactReason(contactOf(s, DP), 2000)).toBeNull();
  });

  it("leaves an MP on a replica up while the site database is down, and fails it while the replica's server is", () => {
    expect(contactReason(contactOf(build("windows", siteDown, mpOnReplica), MP), 2000)).toBeNull();
    expect(contactReason(contactOf(build("windows", replicaServerDown), MP), 2000)).toBe(
      "database-unavailable",
    );
  });

  it("comes after the server's own outage and is not part of DMP eligibility", () => {
    const s = build("windows", siteDown, (d) => {
      server(d).outages = [{ from: "30m", to: "40m" }];
    });
    expect(contactReason(contactOf(s, MP), 2000)).toBe("server-down");
    expect(contactReason(contactOf(s, MP), 2400)).toBe("database-unavailable");
    expect(isEligibleManagementPoint(contactOf(build("windows", siteDown), MP))).toBe(true);
  });
});
