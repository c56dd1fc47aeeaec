// What tables and pages show of ConfigMgr clients: how they name management points, each management point's
// fallbacks, each deployment's delays with the closed form beside them when the result has one.
import type { DeploymentResult } from "../results/deployments.js";
import type { ManagementPointResult, RunResult } from "../results/runResult.js";
import { num } from "./format.js";

/** Whether a run's management points carry fallback counts: the scenario has ConfigMgr client groups. */
export function hasFallbacks(managementPoints: readonly ManagementPointResult[]): boolean {
  return managementPoints.some((m) => m.fallbacksFrom !== undefined);
}

/**
 * How a run's tables name the management points devices poll: "management point" when ConfigMgr clients ask
 * them for policy, else "device management point", the wording of an MDM-only site.
 */
export function managementPointNoun(result: Pick<RunResult, "managementPoints">): string {
  return hasFallbacks(result.managementPoints) ? "management point" : "device management point";
}

/** The headers of the fallback columns of a management point table. */
export const FALLBACK_HEADERS: readonly string[] = ["fell back from", "fell back to", "returned"];

/** A management point's fallback cells (switches away from it, to it, returns at a refresh), as text. */
export function fallbackCells(m: ManagementPointResult): string[] {
  return [String(m.fallbacksFrom ?? 0), String(m.fallbacksTo ?? 0), String(m.returnsTo ?? 0)];
}

/** The closed form of a deployment's delay (seconds from `at`): the result's, null where it does not apply. */
export type ExpectedDelay = NonNullable<DeploymentResult["expectedReceivedAfterSeconds"]>;

/** A deployment's closed form (`expectedReceivedAfterSeconds`), or null. */
export const expectedDelay = (deployment: DeploymentResult): ExpectedDelay | null =>
  deployment.expectedReceivedAfterSeconds;

/** Seconds as a table cell writes them: one decimal, no unit (the header says seconds). */
export type SecondsCell = (seconds: number | null) => string;

const tableSeconds: SecondsCell = (x) => num(x, 1);

/** A closed form (a deployment's, a replica's visibility delay) as "min / mean / max" seconds. */
export function expectedDelayText(
  expected: Readonly<Record<"min" | "mean" | "max", number>>,
  seconds: SecondsCell = tableSeconds,
): string {
  return [expected.min, expected.mean, expected.max].map(seconds).join(" / ");
}

/** The deployments of a result, in document order (none without deployments). */
export function deploymentEntries(result: Pick<RunResult, "deployments">): [string, DeploymentResult][] {
  return Object.entries(result.deployments ?? {});
}

/** The header of a deployments table (the closed form's column only when some deployment has one). */
export function deploymentHeaders(withClosedForm: boolean): string[] {
  return [
    "deployment",
    "targeted",
    "received",
    "not received",
    "mean",
    "p50",
    "p90",
    "p99",
    "max",
    ...(withClosedForm ? ["closed form min / mean / max"] : []),
  ];
}

/** One row of a deployments table, as text: counts, then the delays from `at` (seconds). */
export function deploymentRow(
  name: string,
  d: DeploymentResult,
  withClosedForm: boolean,
  seconds: SecondsCell = tableSeconds,
): string[] {
  const s = d.receivedAfterSeconds;
  const expected = expectedDelay(d);
  return [
    name,
    String(d.targeted),
    String(d.received),
    String(d.notReceived),
    ...[s.mean, s.p50, s.p90, s.p99, s.max].map(seconds),
    ...(withClosedForm ? [expected ? expectedDelayText(expected, seconds) : "–"] : []),
  ];
}

/**
 * A result's deployments table as text rows with their header, or null without deployments.
 * @param seconds - how a cell writes seconds (the terminal's one decimal; the report's own)
 */
export function deploymentTable(
  result: Pick<RunResult, "deployments">,
  seconds: SecondsCell = tableSeconds,
): { readonly head: string[]; readonly rows: string[][] } | null {
  const entries = deploymentEntries(result);
  if (entries.length === 0) return null;
  const withClosedForm = entries.some(([, d]) => expectedDelay(d) !== null);
  return {
    head: deploymentHeaders(withClosedForm),
    rows: entries.map(([name, d]) => deploymentRow(name, d, withClosedForm, seconds)),
  };
}
