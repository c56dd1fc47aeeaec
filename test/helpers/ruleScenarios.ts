// One-server, one-group scenarios for the reachability rules and the static checks: a correct site
// (every rule passes), which each test breaks in exactly one place with a small mutation.
import { loadScenario } from "../../src/scenario/load.js";
import type { DeviceGroup, Scenario, ScenarioInput, Server } from "../../src/scenario/schema.js";
import type { Contact, RoleName } from "../../src/model/rules.js";

export const CM01 = "cm01.corp.contoso.com";
export const CM01_INTERNET = "cm01.contoso.com";
export const ROOT = "Contoso Root CA";
export const OTHER_ROOT = "Fabrikam Root CA";
export const START = "2026-01-01T00:00:00Z";

/** A scenario as a file would say it, open to mutation. */
export type Draft = ScenarioInput;
export type ServerDraft = Draft["site"]["servers"][number];
export type GroupDraft = Draft["devices"][number];
export type Platform = "windows" | "macos";

/**
 * A correct one-server site holding all four roles on HTTPS, with a certificate from `ROOT` naming the
 * server's intranet and internet FQDNs, valid for the whole run; one group of two devices enrolling at
 * 50 s, trusting `ROOT`, fetching content. Windows: intranet, addresses inside the site's IPv4 range
 * boundary, intranet-only roles. macOS: intranet location, DP and DMP on "intranet and internet".
 */
export function baseDraft(platform: Platform = "windows"): Draft {
  const connections = platform === "macos" ? "intranetAndInternet" : "intranet";
  return {
    name: `rules-${platform}`,
    seed: 3,
    start: START,
    duration: "3h",
    site: {
      replicas: [],
      servers: [
        {
          name: CM01,
          internetFqdn: CM01_INTERNET,
          certificate: {
            issuer: ROOT,
            notBefore: "2025-06-01T00:00:00Z",
            notAfter: "2027-06-01T00:00:00Z",
            crl: "http",
          },
          outages: [],
          roles: {
            enrollmentPoint: { https: true },
            enrollmentProxyPoint: { https: true, connections: "intranet" },
            distributionPoint: { https: true, connections, allowMobileDevices: true },
            managementPoint: { https: true, connections, allowMobileDevicesAndMacs: true, database: "site" },
          },
        },
      ],
      boundaries: [{ name: "HQ", type: "ipv4Range", value: "10.1.0.0/16" }],
      boundaryGroups: [{ name: "HQ", boundaries: ["HQ"], servers: [CM01] }],
    },
    devices: [
      {
        name: platform === "macos" ? "m" : "w",
        platform,
        count: 2,
        location: "intranet",
        ...(platform === "windows" ? { addresses: "10.1.2.0/24" } : {}),
        trustedRoots: [ROOT],
        enrollment: { pattern: "burst", at: "50s" },
        content: true,
      },
    ],
  };
}

/** The draft's only server. */
export function server(draft: Draft): ServerDraft {
  return draft.site.servers[0]!;
}

/** The draft's only device group. */
export function group(draft: Draft): GroupDraft {
  return draft.devices[0]!;
}

/** The roles of the draft's only server, each present. */
export function roles(draft: Draft) {
  const r = server(draft).roles;
  return {
    ep: r.enrollmentPoint!,
    epp: r.enrollmentProxyPoint!,
    dp: r.distributionPoint!,
    mp: r.managementPoint!,
  };
}

/** Certificate object of the draft's only server (present in the base draft). */
export function certificate(draft: Draft) {
  const c = server(draft).certificate;
  if (c === null || c === undefined) throw new Error("the draft's server has no certificate object");
  return c;
}

/** Renames the only server everywhere it is referenced. */
export function renameServer(draft: Draft, name: string): void {
  const old = server(draft).name;
  server(draft).name = name;
  for (const g of draft.site.boundaryGroups ?? [])
    g.servers = (g.servers ?? []).map((s) => (s === old ? name : s));
  for (const d of draft.devices) if (d.managementPoint === old) d.managementPoint = name;
}

/** Adds a replica `r1` (5 minutes, offset 100 s) and points the MP at it. */
export function mpOnReplica(draft: Draft): void {
  draft.site.replicas = [{ name: "r1", syncInterval: "5m", syncOffset: "100s" }];
  roles(draft).mp.database = "r1";
}

/** Base draft for `platform`, mutated, validated. */
export function build(platform: Platform, ...mutations: ((draft: Draft) => void)[]): Scenario {
  const draft = baseDraft(platform);
  for (const m of mutations) m(draft);
  return loadScenario(draft);
}

/** A contact of the scenario's only group with its only server's `role`. */
export function contactOf(scenario: Scenario, role: RoleName): Contact {
  const g: DeviceGroup = scenario.devices[0]!;
  const s: Server = scenario.site.servers[0]!;
  return { group: g, server: s, role, startMs: Date.parse(scenario.start), site: scenario.site };
}
