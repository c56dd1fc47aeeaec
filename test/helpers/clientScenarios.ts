// A correct site of ConfigMgr clients for the check entries' tests: one server with a management point (no
// mobile flag: clients do not need it) and a distribution point, one boundary group, one client group; each
// test changes it in a small mutation. It also holds an enrollment point and an enrollment proxy point (on
// HTTPS, unused by clients) only where a test asks for them.
import { loadScenario } from "../../src/scenario/load.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { CM01, ROOT, START, type Draft, type GroupDraft, type ServerDraft } from "./ruleScenarios.js";

export const CM02 = "cm02.corp.contoso.com";

/** A site system holding a management point (on `database`) and nothing else. */
export function mpServer(name: string, database = "site"): ServerDraft {
  return { name, roles: { managementPoint: { https: true, connections: "intranet", database } } };
}

/** A site system holding a distribution point and nothing else. */
export function dpServer(name: string): ServerDraft {
  return { name, roles: { distributionPoint: { https: true, connections: "intranet" } } };
}

/** A client group of `count` clients in 10.1.0.0/16, registering at 50 s. */
export function clientGroup(name: string, count = 2, extra: Partial<GroupDraft> = {}): GroupDraft {
  return {
    name,
    platform: "configmgr-client",
    count,
    location: "intranet",
    addresses: "10.1.0.0/16",
    trustedRoots: [ROOT],
    registration: { pattern: "burst", at: "50s" },
    ...extra,
  };
}

/**
 * One server (cm01) with a management point on the site database and a distribution point, in boundary group
 * HQ (10.1.0.0/16), and one group "c" of two ConfigMgr clients there that fetch no content.
 */
export function clientDraft(): Draft {
  return {
    name: "clients",
    seed: 3,
    start: START,
    duration: "3h",
    site: {
      replicas: [],
      servers: [
        {
          name: CM01,
          roles: {
            managementPoint: { https: true, connections: "intranet", database: "site" },
            distributionPoint: { https: true, connections: "intranet" },
          },
        },
      ],
      boundaries: [{ name: "HQ", type: "ipv4Range", value: "10.1.0.0/16" }],
      boundaryGroups: [{ name: "HQ", boundaries: ["HQ"], servers: [CM01] }],
    },
    devices: [clientGroup("c")],
  };
}

/** Adds an enrollment point and an enrollment proxy point to cm01 (what the engines enrolled clients through before registration at a management point). */
export function withEnrollmentRoles(draft: Draft): void {
  const roles = draft.site.servers[0]!.roles;
  roles.enrollmentPoint = { https: true };
  roles.enrollmentProxyPoint = { https: true, connections: "intranet" };
}

/** Adds replica `r1` (5 minutes, offset 100 s) and points cm01's management point at it. */
export function clientMpOnReplica(draft: Draft): void {
  draft.site.replicas = [{ name: "r1", syncInterval: "5m", syncOffset: "100s" }];
  draft.site.servers[0]!.roles.managementPoint!.database = "r1";
}

/** The client draft, mutated, validated. */
export function buildClients(...mutations: ((draft: Draft) => void)[]): Scenario {
  const draft = clientDraft();
  for (const m of mutations) m(draft);
  return loadScenario(draft);
}
