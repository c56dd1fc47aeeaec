// The studio's headline numbers: result paths of `run --format json`, read exactly, shown with a unit.
import { UsageError } from "../errors.js";
import { num, secondsText } from "../report/format.js";
import { readMetric } from "../results/expectations.js";
import { round3 } from "../results/statistics.js";
import type { RunResult } from "../results/runResult.js";
import { isConfigMgrClient } from "../scenario/deviceSchema.js";
import type { Scenario } from "../scenario/schema.js";

/** One headline number: its result path, a label, its unit, and what it counts. */
export interface Headline {
  readonly path: string;
  readonly label: string;
  readonly unit: "s" | "";
  /** What the number counts, in which unit and over whom ("failed tries per connected device"). */
  readonly counts: string;
}

// The time to first success: seconds, over the devices that had one.
const TTFS = "seconds from commit to first success, over connected devices";

/** The headline numbers, in page order. */
export const HEADLINES: readonly Headline[] = [
  { path: "devices.total", label: "devices", unit: "", counts: "devices in the scenario" },
  {
    path: "devices.connected",
    label: "connected",
    unit: "",
    counts: "enrolled devices with a successful try at their management point",
  },
  {
    path: "devices.neverConnected",
    label: "enrolled, never connected",
    unit: "",
    counts: "enrolled devices without a successful try",
  },
  {
    path: "devices.enrollmentFailed",
    label: "enrollment failed",
    unit: "",
    counts: "devices that used up their enrollment tries",
  },
  {
    path: "timeToFirstSuccessSeconds.count",
    label: "time to first success: devices",
    unit: "",
    counts: "connected devices, each with a first success",
  },
  { path: "timeToFirstSuccessSeconds.mean", label: "time to first success, mean", unit: "s", counts: TTFS },
  { path: "timeToFirstSuccessSeconds.p50", label: "time to first success, p50", unit: "s", counts: TTFS },
  { path: "timeToFirstSuccessSeconds.p90", label: "time to first success, p90", unit: "s", counts: TTFS },
  { path: "timeToFirstSuccessSeconds.p95", label: "time to first success, p95", unit: "s", counts: TTFS },
  { path: "timeToFirstSuccessSeconds.p99", label: "time to first success, p99", unit: "s", counts: TTFS },
  { path: "timeToFirstSuccessSeconds.max", label: "time to first success, max", unit: "s", counts: TTFS },
  {
    path: "failedAttemptsBeforeSuccess.mean",
    label: "failed tries before success, mean",
    unit: "",
    counts: "failed tries per connected device",
  },
  {
    path: "failedAttemptsBeforeSuccess.max",
    label: "failed tries before success, max",
    unit: "",
    counts: "failed tries of the connected device that had the most",
  },
  {
    path: "attempts.total",
    label: "tries at management points",
    unit: "",
    counts: "tries of all devices, connection retries included",
  },
  {
    path: "attempts.failed",
    label: "failed tries",
    unit: "",
    counts: "tries of all devices at management points that failed",
  },
];

/** A row of the scenario's own numbers: a management point or a deployment, and its numbers. */
export interface NumberRow {
  readonly name: string;
  readonly numbers: readonly Headline[];
}

/** The numbers a scenario has beyond the headlines, as the page shows them in tables. */
export interface ScenarioNumbers {
  /** With ConfigMgr client groups: per management point, the clients that fell back from it, to it, and returned. */
  readonly fallbacks: readonly NumberRow[];
  /** Per deployment: the devices that received it and not, and how long after it was made. */
  readonly deployments: readonly NumberRow[];
}

/** The columns of the fallback table: result fields, their labels and what they count. */
export const FALLBACK_NUMBERS = [
  ["fallbacksFrom", "fell back from it", "clients that fell back from it to another"],
  ["fallbacksTo", "fell back to it", "clients that fell back to it from another"],
  ["returnsTo", "returned to it", "clients that came back to it after a fallback"],
] as const;

const RECEIVED_AFTER = "seconds after it was made, over the devices that received it";

/** The columns of the deployments table: result paths under `deployments.<name>`, labels, units, counts. */
export const DEPLOYMENT_NUMBERS = [
  ["received", "received", "", "targeted devices that received it"],
  ["notReceived", "not received", "", "targeted devices that had not received it at the end"],
  ["receivedAfterSeconds.mean", "received after, mean", "s", RECEIVED_AFTER],
  ["receivedAfterSeconds.p90", "received after, p90", "s", RECEIVED_AFTER],
] as const;

/** The management points' fallbacks (when the scenario has client groups) and the deployments' numbers. */
export function scenarioNumbers(scenario: Scenario): ScenarioNumbers {
  const clients = scenario.devices.some(isConfigMgrClient);
  const servers = clients ? scenario.site.servers.filter((s) => s.roles.managementPoint !== undefined) : [];
  return {
    fallbacks: servers.map((s) => ({
      name: s.name,
      numbers: FALLBACK_NUMBERS.map(([field, label, counts]) => ({
        path: `managementPoints.${s.name}.${field}`,
        label: `${s.name}: ${label}`,
        unit: "" as const,
        counts,
      })),
    })),
    deployments: scenario.deployments.map((d) => ({
      name: d.name,
      numbers: DEPLOYMENT_NUMBERS.map(([field, label, unit, counts]) => ({
        path: `deployments.${d.name}.${field}`,
        label: `deployment ${d.name}: ${label}`,
        unit,
        counts,
      })),
    })),
  };
}

/** Every number the studio shows for a scenario, in page order: the headlines, then its own. */
export function studioHeadlines(scenario: Scenario): Headline[] {
  const own = scenarioNumbers(scenario);
  return [...HEADLINES, ...[...own.fallbacks, ...own.deployments].flatMap((row) => row.numbers)];
}

/**
 * The numbers of a result, in the order of `headlines` (null where the result has none, as in JSON, and
 * where an edit took away what a path names: a deployment, a management point).
 */
export function headlineValues(
  result: RunResult,
  headlines: readonly Headline[] = HEADLINES,
): (number | null)[] {
  return headlines.map((h) => {
    try {
      return readMetric(result, h.path);
    } catch (error) {
      if (error instanceof UsageError) return null;
      throw error;
    }
  });
}

/** A number as `data-value` carries it: JSON's text of the number, `null` for none. */
export function dataValue(value: number | null): string {
  return JSON.stringify(value);
}

/**
 * A number for reading, with the decimals of `run`'s table (its own formatting functions): seconds with one
 * decimal and the duration beside them, other numbers with at most three; no grouping, in any locale.
 */
export function displayValue(value: number | null, unit: Headline["unit"]): string {
  if (value === null) return "–";
  return unit === "s" ? secondsText(value) : num(value);
}

/** The difference of two headline numbers (what-if − file), signed; "–" when either is missing. */
export function displayDifference(
  edited: number | null,
  file: number | null,
  unit: Headline["unit"],
): string {
  if (edited === null || file === null) return "–";
  // Rounded to the results' own precision (three decimals), so 0.1 − 0.3 does not print its float noise.
  const d = round3(edited - file);
  if (d === 0) return "0";
  return `${d > 0 ? "+" : "−"}${displayValue(Math.abs(d), unit)}`;
}
