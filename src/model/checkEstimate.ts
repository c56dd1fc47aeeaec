// The planner's share of `check` (estimate.ts plans runs): its exact estimates (exactEstimate.ts) counted from
// the scenario before any of them is made, so a site whose findings would take too long is refused first.
import { ScenarioError } from "../errors.js";
import type { Scenario } from "../scenario/schema.js";
import { estimateSite, RUN_LIMITS } from "./estimate.js";
import { pollCount } from "./pollSchedule.js";
import { managementPointDatabase } from "./rules.js";

/** Steps of an exact estimate per try a device may make (measured: its probes grow with the tries). */
const PROBE_STEPS = 10;

/**
 * What `check` costs besides compiling the site: its exact estimates (exactEstimate.ts), and the devices
 * they walk. Counted from the scenario, as an upper bound (a boundary group may give a group fewer
 * management points): `replica-early-failures` estimates each group at every management point on a replica
 * it may use (its pin only, when pinned), and `poll-schedule-cliff` a group with several polling phases at
 * every management point it may use, under its own schedule and the two it is compared with.
 */
export function estimateCheck(scenario: Scenario): { estimates: number; steps: number } {
  const mps = scenario.site.servers.filter((s) => s.roles.managementPoint !== undefined);
  const onReplica = new Set(mps.filter((s) => managementPointDatabase(s) !== "site").map((s) => s.name));
  // The cliff needs something that holds tries back and ends: a replica's lag, an outage, a certificate
  // not yet valid.
  const { replicas, servers, database } = scenario.site;
  const start = Date.parse(scenario.start);
  const holds =
    replicas.length > 0 ||
    database.outages.length > 0 ||
    servers.some(
      (s) => s.outages.length > 0 || Date.parse(s.certificate?.notBefore ?? scenario.start) > start,
    );
  // `poll-schedule-cliff` compiles the site anew for each schedule compared (two at most): its replica
  // ticks and the group's timelines.
  const recompile = 2 * (estimateSite(scenario).ticks + servers.length * 3);
  let estimates = 0;
  let steps = 0;
  for (const g of scenario.devices) {
    const pinned = g.managementPoint;
    const replicaMps = pinned === undefined ? onReplica.size : onReplica.has(pinned) ? 1 : 0;
    const cliff =
      holds && g.polling.length >= 2 ? 3 * (pinned === undefined ? Math.max(1, mps.length) : 1) : 0;
    estimates += replicaMps + cliff;
    // Each estimate sets up a walk over every management point (its pools, when each turns OK) and probes
    // the pieces of its outcome, which its tries cut (PROBE_STEPS each); a group enrolling at known instants
    // (even, burst) also walks all its devices.
    const instants = g.enrollment.pattern === "even" || g.enrollment.pattern === "burst";
    const tries = pollCount(g, scenario.duration) * (1 + g.connectionRetries.count);
    steps += (replicaMps + cliff) * (mps.length + PROBE_STEPS * tries + (instants ? g.count : 0));
    if (cliff > 0) steps += recompile;
  }
  return { estimates, steps };
}

/**
 * Refuses a scenario whose findings would take too long or too much memory to compute: what `check` and
 * `report` do before any work, besides `checkSiteLimits` (`report`: `checkRunLimits`).
 * @throws ScenarioError naming what is too large and what shrinks it
 */
export function checkCheckLimits(scenario: Scenario): void {
  const { estimates, steps } = estimateCheck(scenario);
  const what =
    "(device groups × the management points on replicas they may use, plus 3 poll schedules × the management points of each group with several polling phases)";
  if (estimates > RUN_LIMITS.maxCheckEstimates)
    throw new ScenarioError(
      `check would make ${estimates} exact estimates ${what}; the limit is ${RUN_LIMITS.maxCheckEstimates}: fewer groups, or fewer management points on replicas`,
      ["devices"],
    );
  if (steps > RUN_LIMITS.maxCheckSteps)
    throw new ScenarioError(
      `check's ${estimates} exact estimates ${what} would take ${steps} steps (each management point, 10 per try a device may make and each device of a group enrolling evenly or in a burst, in each estimate; the replica ticks and timelines compiled again for each poll schedule compared); the limit is ${RUN_LIMITS.maxCheckSteps}: fewer groups, management points, polls or devices enrolling evenly or in a burst, or longer sync intervals`,
      ["devices"],
    );
}
