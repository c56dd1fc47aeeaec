// `mdmsim reach`: each device group × each server role → "ok" or the first failing rule's reason at time t.
import { UsageError } from "../errors.js";
import { DOCUMENT_FORMATS, type DocumentFormat } from "../results/documentFormat.js";
import { parseDuration } from "../scenario/duration.js";
import { showValue, type Scenario } from "../scenario/schema.js";
import { checkReachLimits } from "./estimate.js";
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
  /** `mdmsim-reach/1` (results/documentFormat.ts). */
  readonly format: DocumentFormat<"reach">;
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
 * @throws ScenarioError when the matrix would be too large (`checkReachLimits`)
 */
export function reachability(scenario: Scenario, time = 0): Reachability {
  checkReachLimits(scenario);
  const startMs = Date.parse(scenario.start);
  // Each column keeps its server, so a cell costs one rule evaluation, not a search among the servers.
  const serverColumns = scenario.site.servers.flatMap((server) =>
    ROLE_ORDER.filter((role) => server.roles[role] !== undefined).map((role) => ({ server, role })),
  );
  const columns = serverColumns.map(({ server, role }) => ({ server: server.name, role }));
  const cells = scenario.devices.flatMap((group) =>
    serverColumns.map(({ server, role }) => {
      const reason = contactReason({ group, server, role, startMs, site: scenario.site }, time);
      return { group: group.name, server: server.name, role, result: reason ?? "ok" };
    }),
  );
  return { format: DOCUMENT_FORMATS.reach, scenario: scenario.name, timeSeconds: time, columns, cells };
}

/**
 * The instant `reach --at` names: a duration from the run's start, inside the run (absent: 0).
 * @throws UsageError (about `at`) for text that is no duration, or one at or past the run's end
 */
export function reachTime(text: string | undefined, scenario: Scenario): number {
  if (text === undefined) return 0;
  const seconds = parseDuration(text.trim());
  if (seconds === undefined)
    throw new UsageError(`expected a duration like "45m", got ${showValue(text)}`, { argument: "at" });
  if (seconds >= scenario.duration)
    throw new UsageError(
      `expected a time before the end of the run (${scenario.duration} s), got ${showValue(text)}`,
      { argument: "at" },
    );
  return seconds;
}

/**
 * The matrix as rows: each group (in order of first appearance) with its result per column ("" for a
 * missing cell). Linear in the cells: the renderers never search the cell list.
 */
export function reachRows(r: Reachability): { group: string; results: string[] }[] {
  const key = (group: string, server: string, role: string) => `${group}\u0000${server}\u0000${role}`;
  const results = new Map<string, string>();
  const groups: string[] = [];
  const seen = new Set<string>();
  for (const c of r.cells) {
    const k = key(c.group, c.server, c.role);
    if (!results.has(k)) results.set(k, c.result);
    if (!seen.has(c.group)) {
      seen.add(c.group);
      groups.push(c.group);
    }
  }
  return groups.map((group) => ({
    group,
    results: r.columns.map((c) => results.get(key(group, c.server, c.role)) ?? ""),
  }));
}
