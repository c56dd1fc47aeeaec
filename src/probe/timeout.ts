// `--timeout`: the bound of each phase of a probe (connect with name lookup and TLS, waiting for the
// answer's headers, the pause between body chunks).
import { UsageError } from "../errors.js";
import { parseDuration } from "../scenario/duration.js";

/** The default `--timeout`. */
export const DEFAULT_PROBE_TIMEOUT = "5s";

/** A probe never takes longer than this many timeouts in all (connect, headers, body). */
export const PHASES_PER_PROBE = 3;

/**
 * Parses `--timeout` (a duration, or a number of seconds) into whole milliseconds.
 * @throws UsageError unless it is a duration above zero and at most 10 minutes
 */
export function parseProbeTimeout(value: unknown): number {
  // A bare number means seconds, as in scenario files ("--timeout 5" is "5s").
  const seconds =
    typeof value === "string" && /^\d+(?:\.\d+)?$/.test(value.trim()) ? Number(value) : parseDuration(value);
  const shown = typeof value === "string" ? `"${value}"` : String(value);
  if (seconds === undefined || seconds <= 0)
    throw new UsageError(`--timeout: expected a duration > 0 like "5s" or "500ms", got ${shown}`);
  // A larger bound is a typo (minutes meant as seconds?) rather than a real network's need.
  if (seconds > 600) throw new UsageError(`--timeout: expected at most 10m, got ${shown}`);
  return Math.max(1, Math.round(seconds * 1000));
}
