// checks.md: "a scenario that `check` passes without errors has no device that fails for a configuration
// reason in `run` (outages, expiry during the run and replica lag aside)". Checked over generated sites.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkScenario } from "../../src/checks/checkScenario.js";
import { loadScenario } from "../../src/scenario/load.js";
import { walkPath } from "../../src/scenario/path.js";
import type { ScenarioInput } from "../../src/scenario/schema.js";
import { simulate } from "../../src/simulate.js";
import { scenarioArbitrary } from "../../src/testing/scenarioArbitrary.js";
import {
  baseDraft,
  certificate,
  CM01_INTERNET,
  group,
  mpOnReplica,
  OTHER_ROOT,
  roles,
  server,
  type Draft,
} from "../helpers/ruleScenarios.js";
import { ORDER } from "../helpers/catalogue.js";

/** Failures that are not configuration: outages (of servers and databases), certificate validity over time, replica lag. */
const NOT_CONFIGURATION = [
  "device-not-in-replica",
  "server-down",
  "database-unavailable",
  "enrollment-point-down",
  "certificate-expired",
  "certificate-not-yet-valid",
];
/**
 * Content requests may also find no location (devices-outside-boundaries is a warning while some address of
 * the group has one).
 */
const CONTENT_ALLOWED = [...NOT_CONFIGURATION, "no-content-location"];
/** `not-polled` is no failed try: an enrolled device whose first poll falls after the end. */
const NEVER_CONNECTED_ALLOWED = [...NOT_CONFIGURATION, "not-polled"];

const disallowed = (counts: Record<string, number>, allowed: readonly string[]) =>
  Object.keys(counts).filter((reason) => !allowed.includes(reason));

function hasError(input: ScenarioInput): boolean {
  return checkScenario(loadScenario(input)).some((f) => f.severity === "error");
}

/** The configuration failures `run` shows, by where they happen (empty when there are none). */
function configurationFailures(input: ScenarioInput): Record<string, string[]> {
  const r = simulate(loadScenario(input));
  const out: Record<string, string[]> = {
    enrollment: disallowed(r.enrollmentFailedByReason, NOT_CONFIGURATION),
    attempts: disallowed(r.attempts.failedByReason, NOT_CONFIGURATION),
    neverConnected: disallowed(r.neverConnectedByReason, NEVER_CONNECTED_ALLOWED),
    content: disallowed(r.content?.failedByReason ?? {}, CONTENT_ALLOWED),
  };
  return Object.fromEntries(Object.entries(out).filter(([, reasons]) => reasons.length > 0));
}

describe("check and run agree", () => {
  // With and without ConfigMgr clients (registration, fallback, the default boundary group, deployments),
  // drawn in the property: one property per kind of site, not one per combination whose discarded sites
  // (an error finding) cost most of the time.
  for (const misconfigurations of [false, true]) {
    it(`no error finding ⇒ no configuration failure in run (misconfigurations: ${misconfigurations}, with or without clients)`, () => {
      fc.assert(
        fc.property(
          fc.boolean().chain((clients) => scenarioArbitrary({ misconfigurations, clients })),
          (input) => {
            fc.pre(!hasError(input));
            expect(configurationFailures(input)).toEqual({});
          },
        ),
        { numRuns: 150 },
      );
    });
  }

  it("correct generated sites never have an error finding, with or without clients", () => {
    fc.assert(
      fc.property(
        fc.boolean().chain((clients) => scenarioArbitrary({ misconfigurations: false, clients })),
        (input) => {
          const errors = checkScenario(loadScenario(input)).filter((f) => f.severity === "error");
          expect(errors).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("generated misconfigurations include sites that check flags with an error, and sites it passes", () => {
    const samples = fc.sample(scenarioArbitrary({ misconfigurations: true }), 300);
    const flagged = samples.filter(hasError);
    expect(flagged.length).toBeGreaterThan(0);
    // The property above is not vacuous for misconfigured sites either.
    expect(flagged.length).toBeLessThan(samples.length);
  });

  it("some flagged misconfigured site really fails in run for a configuration reason", () => {
    const samples = fc.sample(scenarioArbitrary({ misconfigurations: true }), 300);
    expect(
      samples.some((input) => hasError(input) && Object.keys(configurationFailures(input)).length > 0),
    ).toBe(true);
  });
});

describe("findings are well formed on generated sites", () => {
  it("ids from the catalogue, in catalogue order, each path resolving in the scenario", () => {
    fc.assert(
      fc.property(scenarioArbitrary({ misconfigurations: true }), (input) => {
        const scenario = loadScenario(input);
        const findings = checkScenario(scenario);
        // Every id is one of checks.md's two tables, and findings come in their order.
        for (const f of findings) expect(ORDER).toContain(f.id);
        const ranks = findings.map((f) => ORDER.indexOf(f.id));
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        for (const f of findings) {
          expect(walkPath(scenario, f.path).ok, f.path).toBe(true);
          expect(["error", "warning", "info"]).toContain(f.severity);
        }
        // Once, whenever on-prem MDM devices or Macs are in the scenario (ConfigMgr clients are supported).
        const mdm = scenario.devices.some((g) => g.platform !== "configmgr-client");
        expect(findings.filter((f) => f.id === "out-of-support")).toHaveLength(mdm ? 1 : 0);
      }),
      { numRuns: 150 },
    );
  });
});

// A second generator: the rule-by-rule site of test/helpers/ruleScenarios.ts with any combination of small
// breaks, a second server and a second group of the other platform (locations, pinned DMPs, internet FQDNs,
// LDAP CRLs, boundaries: what the generic arbitrary leaves fixed).
const CM02 = "cm02.corp.contoso.com";
type Mutation = (d: Draft) => void;
const second = (d: Draft) => d.site.servers[1];

const MUTATIONS: Record<string, Mutation> = {
  mpNotDmp: (d) => {
    roles(d).mp.allowMobileDevicesAndMacs = false;
  },
  dpNotMobile: (d) => {
    roles(d).dp.allowMobileDevices = false;
  },
  mpHttp: (d) => {
    roles(d).mp.https = false;
  },
  dpHttp: (d) => {
    roles(d).dp.https = false;
  },
  eppInternetOnly: (d) => {
    roles(d).epp.connections = "internet";
  },
  eppBoth: (d) => {
    roles(d).epp.connections = "intranetAndInternet";
  },
  mpIntranet: (d) => {
    roles(d).mp.connections = "intranet";
  },
  mpInternet: (d) => {
    roles(d).mp.connections = "internet";
  },
  mpBoth: (d) => {
    roles(d).mp.connections = "intranetAndInternet";
  },
  dpIntranet: (d) => {
    roles(d).dp.connections = "intranet";
  },
  dpInternet: (d) => {
    roles(d).dp.connections = "internet";
  },
  dpBoth: (d) => {
    roles(d).dp.connections = "intranetAndInternet";
  },
  firstGroupOnInternet: (d) => {
    group(d).location = "internet";
  },
  lastGroupOnInternet: (d) => {
    d.devices[d.devices.length - 1]!.location = "internet";
  },
  namesIntranetOnly: (d) => {
    certificate(d).names = [server(d).name];
  },
  namesInternetOnly: (d) => {
    certificate(d).names = [CM01_INTERNET];
  },
  namesWildcard: (d) => {
    certificate(d).names = ["*.contoso.com"];
  },
  noInternetFqdn: (d) => {
    delete server(d).internetFqdn;
  },
  ldapCrl: (d) => {
    certificate(d).crl = "ldap";
  },
  expiresMidRun: (d) => {
    certificate(d).notAfter = "2026-01-01T01:00:00Z";
  },
  validFromMidRun: (d) => {
    certificate(d).notBefore = "2026-01-01T00:30:00Z";
  },
  firstGroupTrustsOther: (d) => {
    group(d).trustedRoots = [OTHER_ROOT];
  },
  mpOnReplica,
  outage: (d) => {
    server(d).outages = [{ from: "20m", to: "40m" }];
  },
  addressesOutside: (d) => {
    for (const g of d.devices) if (g.addresses !== undefined) g.addresses = "10.1.255.255-10.2.0.255";
  },
  dpOutOfBoundaryGroup: (d) => {
    const hq = d.site.boundaryGroups![0]!;
    hq.servers = hq.servers!.filter((n) => n !== server(d).name);
  },
  secondServer: (d) => {
    d.site.servers.push({
      name: CM02,
      internetFqdn: "cm02.contoso.com",
      roles: {
        distributionPoint: { https: true, connections: "intranetAndInternet", allowMobileDevices: true },
        managementPoint: { https: true, connections: "intranetAndInternet", allowMobileDevicesAndMacs: true },
      },
    });
    d.site.boundaryGroups![0]!.servers!.push(CM02);
  },
  secondServerNotDmp: (d) => {
    const s = second(d);
    if (s?.roles.managementPoint) s.roles.managementPoint.allowMobileDevicesAndMacs = false;
  },
  secondServerIntranet: (d) => {
    const s = second(d);
    if (s?.roles.managementPoint) s.roles.managementPoint.connections = "intranet";
    if (s?.roles.distributionPoint) s.roles.distributionPoint.connections = "intranet";
  },
  secondServerLdap: (d) => {
    const s = second(d);
    if (s) s.certificate = { issuer: "Contoso Root CA", crl: "ldap" };
  },
  secondServerNotMobileDp: (d) => {
    const s = second(d);
    if (s?.roles.distributionPoint) s.roles.distributionPoint.allowMobileDevices = false;
  },
  pinFirstGroupToSecond: (d) => {
    if (second(d)) group(d).managementPoint = CM02;
  },
  otherPlatformGroup: (d) => {
    const mac = group(d).platform === "windows";
    d.devices.push({
      name: mac ? "m2" : "w2",
      platform: mac ? "macos" : "windows",
      count: 3,
      ...(mac ? {} : { addresses: "10.1.3.0/24" }),
      trustedRoots: ["Contoso Root CA"],
      enrollment: { pattern: "even", from: "0s", to: "30m" },
      content: true,
    });
  },
};

// Order matters only where a mutation reads what another adds: the second server and group come first.
const FIRST = ["secondServer", "otherPlatformGroup"];
const NAMES = [...FIRST, ...Object.keys(MUTATIONS).filter((n) => !FIRST.includes(n))];

const ruleSiteArbitrary = fc
  .record({
    platform: fc.constantFrom<"windows" | "macos">("windows", "macos"),
    chosen: fc.subarray(NAMES, { maxLength: 6 }),
  })
  .map(({ platform, chosen }) => {
    const draft = baseDraft(platform);
    draft.duration = "2h";
    group(draft).enrollment = { pattern: "even", from: "0s", to: "30m" };
    group(draft).count = 4;
    for (const name of NAMES) if (chosen.includes(name)) MUTATIONS[name]!(draft);
    return { chosen, draft };
  });

describe("check and run agree on rule-by-rule sites with combined breaks", () => {
  it("no error finding ⇒ no configuration failure in run", () => {
    fc.assert(
      fc.property(ruleSiteArbitrary, ({ draft }) => {
        const findings = checkScenario(loadScenario(draft));
        fc.pre(!findings.some((f) => f.severity === "error"));
        expect(configurationFailures(draft)).toEqual({});
      }),
      { numRuns: 300 },
    );
  });

  it("and the generator produces both kinds of site", () => {
    const samples = fc.sample(ruleSiteArbitrary, 200).map(({ draft }) => hasError(draft));
    expect(samples).toContain(true);
    expect(samples).toContain(false);
  });
});
