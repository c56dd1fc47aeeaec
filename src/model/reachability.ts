// `mdmsim reach`: each device group × each server role → "ok" or the first failing rule's reason at time t.
import type { Scenario } from "../scenario/schema.js";
import { contactReason, type RoleName } from "./rules.js";

/** One cell of the reachability matrix. */
export interface ReachCell {
  readonly group: string;
  readonly server: string;
  readonly role: RoleName;
  /** `"ok"` or a reason of model.md's table (rows 1–13). */
  readonly result: string;
}

/** The reachability matrix document of `mdmsim reach --format json`. */
export interface Reachability {
  readonly scenario: string;
  /** Simulation time the rules are evaluated at, in seconds. */
  readonly timeSeconds: number;
  /** Every server role in scenario order: the matrix's columns. */
  readonly columns: readonly { readonly server: string; readonly role: RoleName }[];
  /** One cell per group and column, groups in scenario order. */
  readonly cells: readonly ReachCell[];
}

const ROLE_ORDER: readonly RoleName[] = [
  "enrollmentProxyPoint",
  "enrollmentPoint",
  "distributionPoint",
  "managementPoint",
];

/**
 * Evaluates the reachability rules for every group and server role at `time` (default 0).
 * @param scenario - a validated scenario
 */
export function reachability(scenario: Scenario, time = 0): Reachability {
  const startMs = Date.parse(scenario.start);
  const columns = scenario.site.servers.flatMap((server) =>
    ROLE_ORDER.filter((role) => server.roles[role] !== undefined).map((role) => ({
      server: server.name,
      role,
    })),
  );
  const cells = scenario.devices.flatMap((group) =>
    columns.map(({ server, role }) => {
      const s = scenario.site.servers.find((x) => x.name === server);
      const reason = s === undefined ? null : contactReason({ group, server: s, role, startMs }, time);
      return { group: group.name, server, role, result: reason ?? "ok" };
    }),
  );
  return { scenario: scenario.name, timeSeconds: time, columns, cells };
}
