// Checks of the load model: the offered load of each role and database with a `capacity` (offeredLoad.ts),
// computed without simulating, against its workers.
import { formatDuration } from "../scenario/duration.js";
import { plural } from "../report/plural.js";
import { defineCheck, SOURCES, type Check } from "./catalogue.js";
import { LOAD_WINDOW, offeredLoads, type StationLoad } from "./offeredLoad.js";

/** Offered load at or above this is an error: the queue grows without bound. */
const LOAD_ERROR = 1;
/** Offered load above this (and below the error's) is a warning: waits grow steeply. */
const LOAD_WARNING = 0.8;

/** A rate with three significant digits at most, no exponent: "11.4", "0.0333", "250". */
function rate(perSecond: number): string {
  if (perSecond >= 100) return perSecond.toFixed(0);
  const text = perSecond.toPrecision(3);
  return text.includes("e") ? perSecond.toFixed(6) : text.replace(/\.?0+$/, "");
}

/** A service time as people write one: "120ms", "2s", "4.001s"; a minute or more as a duration ("1m30s"). */
function serviceText(seconds: number): string {
  if (seconds < 1) return `${Number((seconds * 1000).toFixed(3))}ms`;
  return seconds < 60 ? `${Number(seconds.toFixed(3))}s` : formatDuration(seconds);
}

/** Where the window lies: "the busiest 15 minutes (1h to 1h15m)", or the whole run when it is shorter. */
function windowText(s: StationLoad): string {
  const span = `${formatDuration(s.from)} to ${formatDuration(s.to)}`;
  return s.to - s.from >= LOAD_WINDOW
    ? `in the busiest 15 minutes (${span})`
    : `over the whole run (${span})`;
}

/** "11.4 requests/s … × 120ms / 1 worker", with the replica syncs when the site database takes them. */
function arithmetic(s: StationLoad): string {
  const requests = `${rate(s.requestsPerSecond)} requests/s ${windowText(s)} × ${serviceText(s.meanService)}`;
  const workers = plural(s.workers, "worker");
  if (s.syncsPerSecond === 0) return `${requests} / ${workers}`;
  return `(${requests} + ${rate(s.syncsPerSecond)} replica syncs/s × ${serviceText(s.syncSeconds)}) / ${workers}`;
}

/** The workers that would bring the window's load to 0.8 or less. */
function workersNeeded(s: StationLoad): number {
  return Math.max(s.workers + 1, Math.ceil((s.load * s.workers) / LOAD_WARNING - 1e-9));
}

/** `offered-load`: the busiest 15 minutes offer a role or database more work than its workers can take. */
export const offeredLoad: Check = defineCheck<StationLoad>({
  severity: "warning",
  severityNote: "error at or above 1, where the queue grows without bound; warning above 0.8",
  scope: "server role",
  source: SOURCES.load,
  summary:
    "offered load (requests per second from the enrollment patterns and poll schedules × mean service time, over `workers`) of a role or database with a `capacity`, in the run's busiest 15 minutes; first tries only (retries are not counted), so a lower bound on what a failing site offers",
  fixSummary:
    "raise the capacity's `workers`, shorten its service time, spread the enrollments, or move devices to other servers (management points to a replica)",
  detect: ({ site }) => offeredLoads(site).filter((s) => s.load > LOAD_WARNING),
  path: (s) => s.path,
  severityOf: (s) => (s.load >= LOAD_ERROR ? "error" : "warning"),
  message: (s) =>
    `offered load ${s.load.toFixed(2)} at ${s.label}: ${arithmetic(s)}${s.load >= LOAD_ERROR ? "; the queue grows without bound" : ""} (first tries only: retries would add more)`,
  fix: (s) =>
    `Raise ${s.path}.workers to ${workersNeeded(s)} or more (offered load 0.8 or less), shorten its serviceTime, spread the enrollments over a longer window, or move devices to other servers`,
});
