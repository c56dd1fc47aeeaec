// The studio's headline numbers: result paths of `run --format json`, read exactly, shown with a unit.
import { readMetric } from "../results/expectations.js";
import { round3 } from "../results/statistics.js";
import type { RunResult } from "../results/runResult.js";

/** One headline number: its result path, a label and its unit. */
export interface Headline {
  readonly path: string;
  readonly label: string;
  readonly unit: "s" | "";
}

/** The headline numbers, in page order. */
export const HEADLINES: readonly Headline[] = [
  { path: "devices.total", label: "devices", unit: "" },
  { path: "devices.connected", label: "connected", unit: "" },
  { path: "devices.neverConnected", label: "enrolled, never connected", unit: "" },
  { path: "devices.enrollmentFailed", label: "enrollment failed", unit: "" },
  { path: "timeToFirstSuccessSeconds.count", label: "time to first success: devices", unit: "" },
  { path: "timeToFirstSuccessSeconds.mean", label: "time to first success, mean", unit: "s" },
  { path: "timeToFirstSuccessSeconds.p50", label: "time to first success, p50", unit: "s" },
  { path: "timeToFirstSuccessSeconds.p90", label: "time to first success, p90", unit: "s" },
  { path: "timeToFirstSuccessSeconds.p95", label: "time to first success, p95", unit: "s" },
  { path: "timeToFirstSuccessSeconds.p99", label: "time to first success, p99", unit: "s" },
  { path: "timeToFirstSuccessSeconds.max", label: "time to first success, max", unit: "s" },
  { path: "failedAttemptsBeforeSuccess.mean", label: "failed tries before success, mean", unit: "" },
  { path: "failedAttemptsBeforeSuccess.max", label: "failed tries before success, max", unit: "" },
  { path: "attempts.total", label: "tries at management points", unit: "" },
  { path: "attempts.failed", label: "failed tries", unit: "" },
];

/** The headline numbers of a result, in `HEADLINES` order (null where the result has none, as in JSON). */
export function headlineValues(result: RunResult): (number | null)[] {
  return HEADLINES.map((h) => readMetric(result, h.path));
}

/** A number as `data-value` carries it: JSON's text of the number, `null` for none. */
export function dataValue(value: number | null): string {
  return JSON.stringify(value);
}

/** A number for reading: grouped thousands are left out so that it reads the same in every locale. */
export function displayValue(value: number | null, unit: Headline["unit"]): string {
  if (value === null) return "–";
  return unit === "" ? String(value) : `${value} ${unit}`;
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
  const text = d > 0 ? `+${d}` : d === 0 ? "0" : `−${-d}`;
  return unit === "" ? text : `${text} ${unit}`;
}
