// The bundled scenarios: `check` reports exactly the error ids each description names (and the warnings it
// names), and `run` shows what the description says.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkScenario } from "../../src/checks/checkScenario.js";
import type { Finding } from "../../src/checks/finding.js";
import { loadScenario } from "../../src/scenario/load.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { simulate } from "../../src/simulate.js";

const dir = fileURLToPath(new URL("../../scenarios/", import.meta.url));

function load(name: string): Scenario {
  return loadScenario(JSON.parse(readFileSync(`${dir}${name}.json`, "utf8")) as unknown);
}

const ids = (findings: readonly Finding[], severity: Finding["severity"]) => [
  ...new Set(findings.filter((f) => f.severity === severity).map((f) => f.id)),
];

const MP = "site.servers.cm01.corp.contoso.com.roles.managementPoint";
const DP = "site.servers.cm01.corp.contoso.com.roles.distributionPoint";

interface Expected {
  /** Exactly these error ids. */
  readonly errors: readonly string[];
  /** At least these warning ids. */
  readonly warnings?: readonly string[];
  /** Paths the errors must cover (at least one error finding starting with each). */
  readonly errorPaths?: readonly string[];
}

const EXPECTED: Record<string, Expected> = {
  baseline: { errors: [], warnings: ["replica-early-failures"] },
  "dmp-on-site-database": { errors: [] },
  "enrollment-burst": { errors: [], warnings: ["replica-early-failures"] },
  "replica-15-minutes": { errors: [], warnings: ["replica-early-failures"] },
  "replica-outage": { errors: [], warnings: ["replica-early-failures"] },
  "two-dmps": { errors: [], warnings: ["replica-early-failures"] },
  "mixed-windows-macos": { errors: [], warnings: ["replica-early-failures"] },
  "certificate-expiring": { errors: [], warnings: ["certificate-expires"] },
  "http-roles": { errors: ["https-required"], errorPaths: [MP, DP] },
  "ip-subnet-boundaries": {
    errors: ["dp-needs-boundaries", "devices-outside-boundaries"],
    warnings: ["unsupported-boundary-type"],
    errorPaths: [DP, "devices.hq-windows.addresses"],
  },
  "mac-fleet-intranet-roles": { errors: ["macos-requires-internet-connections"], errorPaths: [MP, DP] },
  "macs-on-replica-dmp": {
    errors: ["replica-unsupported-for-macos"],
    warnings: ["replica-early-failures"],
    errorPaths: [MP],
  },
  "short-server-name": { errors: ["name-not-fqdn"], errorPaths: ["site.servers.cm01"] },
  "untrusted-root": { errors: ["certificate-untrusted"] },
};

describe("bundled scenarios: check", () => {
  it("every scenario this table names is bundled", () => {
    const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
    for (const name of Object.keys(EXPECTED)) expect(files).toContain(`${name}.json`);
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name}: errors ${expected.errors.join(", ") || "none"}`, () => {
      const findings = checkScenario(load(name));
      expect(ids(findings, "error").sort()).toEqual([...expected.errors].sort());
      for (const w of expected.warnings ?? []) expect(ids(findings, "warning")).toContain(w);
      for (const path of expected.errorPaths ?? []) {
        expect(
          findings.some((f) => f.severity === "error" && f.path.startsWith(path)),
          `an error at ${path}`,
        ).toBe(true);
      }
      expect(ids(findings, "info")).toContain("out-of-support");
    });
  }

  it("mixed-windows-macos: the replica-early-failures warning is for the Windows group only", () => {
    const warnings = checkScenario(load("mixed-windows-macos")).filter(
      (f) => f.id === "replica-early-failures",
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain('"hq-windows"');
    expect(warnings[0]!.message).not.toContain('"mac-fleet"');
  });

  it("certificate-expiring: certificate-expires is a warning (valid at the start)", () => {
    const f = checkScenario(load("certificate-expiring")).filter((x) => x.id === "certificate-expires");
    expect(f.map((x) => x.severity)).toEqual(["warning"]);
  });
});

describe("bundled scenarios: run shows what the description says", () => {
  it("http-roles: no device ever connects; every poll fails with https-required", () => {
    const s = load("http-roles");
    const r = simulate(s);
    expect(r.devices.connected).toBe(0);
    expect(r.neverConnectedByReason).toEqual({ "https-required": r.devices.enrolled });
    expect(Object.keys(r.attempts.failedByReason)).toEqual(["https-required"]);
  });

  it("short-server-name: every enrollment fails with name-not-fqdn", () => {
    const r = simulate(load("short-server-name"));
    expect(r.devices.enrolled).toBe(0);
    expect(r.enrollmentFailedByReason).toEqual({ "name-not-fqdn": r.devices.total });
  });

  it("untrusted-root: every enrollment fails with certificate-untrusted", () => {
    const r = simulate(load("untrusted-root"));
    expect(r.enrollmentFailedByReason).toEqual({ "certificate-untrusted": r.devices.total });
  });

  it("mac-fleet-intranet-roles: every Mac enrolled, never connected, macos-requires-internet-connections", () => {
    const r = simulate(load("mac-fleet-intranet-roles"));
    expect(r.devices.enrolled).toBe(r.devices.total);
    expect(r.devices.connected).toBe(0);
    expect(r.neverConnectedByReason).toEqual({ "macos-requires-internet-connections": r.devices.total });
  });

  it("macs-on-replica-dmp: every Mac enrolled, never connected, replica-unsupported-for-macos", () => {
    const r = simulate(load("macs-on-replica-dmp"));
    expect(r.devices.enrolled).toBe(r.devices.total);
    expect(r.neverConnectedByReason).toEqual({ "replica-unsupported-for-macos": r.devices.total });
  });

  it("ip-subnet-boundaries: devices connect; every content request fails with no-content-location", () => {
    const r = simulate(load("ip-subnet-boundaries"));
    expect(r.devices.neverConnected).toBe(0);
    expect(r.content?.succeeded).toBe(0);
    expect(Object.keys(r.content?.failedByReason ?? {})).toEqual(["no-content-location"]);
  });

  it("certificate-expiring: devices connect, later tries fail with certificate-expired", () => {
    const r = simulate(load("certificate-expiring"));
    expect(r.devices.neverConnected).toBe(0);
    expect(r.attempts.failedByReason["certificate-expired"]).toBeGreaterThan(0);
  });

  it("mixed-windows-macos: everyone connects and gets content", () => {
    const r = simulate(load("mixed-windows-macos"));
    expect(r.devices.connected).toBe(r.devices.total);
    expect(r.content?.succeeded).toBe(r.devices.total);
    expect(Object.keys(r.attempts.failedByReason)).toEqual(["device-not-in-replica"]);
  });
});
