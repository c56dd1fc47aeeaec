// The planner's share of the boundary lookups (estimate.ts): what the engines really do with a site's IPv4
// boundaries. A group whose pool depends on the address (several candidate DMPs, or content from DPs by
// boundary group) computes its pool once per stretch of addresses between range edges, each by a scan of
// every range (`PoolTable`, `contentCandidates`); each device then finds its stretch by binary search.
// A group with one candidate (a 1-DMP site, a pinned group) never looks at a boundary.
import type { Scenario } from "../scenario/schema.js";
import { isInternetDevice } from "./rules.js";

/** One part of an estimate, as estimate.ts reads it. */
export interface BoundaryPart {
  readonly value: number;
  readonly what: string;
  readonly path: (string | number)[];
}

/**
 * Range checks that cost about as much as one engine event: 60,000 boundaries and 2 DMPs are 7.2e9 range
 * checks over 120,001 stretches, built in 6 s of one core (2e9 events are about a minute).
 */
const RANGE_CHECKS_PER_EVENT = 50;

/** The tables a group builds from the boundaries: its MP pools and its content candidates. */
function tablesOf(scenario: Scenario) {
  const { servers, boundaryGroups } = scenario.site;
  const ranges = boundaryGroups.reduce((n, g) => n + g.boundaries.length, 0);
  const listed = boundaryGroups.reduce((n, g) => n + g.servers.length, 0);
  const stretches = 2 * ranges + 1;
  const mps = servers.filter((s) => s.roles.managementPoint !== undefined).length;
  const dps = servers.filter((s) => s.roles.distributionPoint !== undefined).length;
  const groups = scenario.devices.map((g) => {
    const byAddress = ranges > 0 && g.addresses !== undefined;
    const mpTable = byAddress && mps > 1 && g.managementPoint === undefined;
    const intranet = (role: "managementPoint" | "distributionPoint") => !isInternetDevice(g, role);
    const contentTable = byAddress && g.content && dps > 0 && intranet("distributionPoint");
    return { tables: (mpTable && intranet("managementPoint") ? 1 : 0) + (contentTable ? 1 : 0), group: g };
  });
  return { ranges, listed, stretches, groups };
}

/** Building the tables, once per group and run: each stretch scans every range and merges the servers listed. */
export function boundaryTableWork(scenario: Scenario): BoundaryPart {
  const { ranges, listed, stretches, groups } = tablesOf(scenario);
  const tables = groups.reduce((n, g) => n + g.tables, 0);
  return {
    value: (tables * stretches * (ranges + listed)) / RANGE_CHECKS_PER_EVENT,
    what: `boundary tables: ${tables} pools by address × ${stretches} stretches × ${ranges} boundaries (fewer boundaries, or one management point for the groups)`,
    path: ["site", "boundaries"],
  };
}

/** Each device's lookups: a binary search of its group's stretches at assignment, refresh and content try. */
export function boundaryLookupWork(scenario: Scenario): BoundaryPart {
  const { stretches, groups } = tablesOf(scenario);
  const steps = Math.ceil(Math.log2(stretches + 1));
  const lookups = groups.reduce((n, g) => n + (g.tables > 0 ? g.group.count * g.tables : 0), 0);
  return {
    value: lookups * steps,
    what: `boundary lookups: ${lookups} device lookups × ${steps} steps of binary search (fewer boundaries or devices)`,
    path: ["site", "boundaries"],
  };
}
