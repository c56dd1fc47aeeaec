// Work estimates made before a run, so an absurd scenario is refused with numbers instead of hanging.
import { ScenarioError } from "../errors.js";
import type { Scenario } from "../scenario/schema.js";
import { pollCount } from "./pollSchedule.js";

/** What a run may cost at most. */
export const RUN_LIMITS = {
  /** Devices over all groups. */
  maxDevices: 10_000_000,
  /** Events (tries, commits, ticks): about a minute of engine time. */
  maxEvents: 1_000_000_000,
  /** Replica ticks per replica over the run (each is kept in memory). */
  maxTicks: 10_000_000,
  /** Seconds of run: 366 days (tries are counted per minute and management point). */
  maxDuration: 366 * 86_400,
} as const;

/** Events a run will process at most: enrollment tries, commits, every poll with all its retries, ticks. */
export function estimateEvents(scenario: Scenario): number {
  let events = 0;
  for (const g of scenario.devices) {
    const polls = pollCount(g, scenario.duration);
    const triesPerPoll = 1 + g.connectionRetries.count;
    events += g.count * (g.enrollment.maxAttempts + 1 + polls * triesPerPoll * (g.content ? 2 : 1));
    if (events > Number.MAX_SAFE_INTEGER) return Infinity;
  }
  for (const r of scenario.site.replicas) events += scenario.duration / r.syncInterval;
  return events;
}

/**
 * Refuses a scenario whose run would be absurdly large or long.
 * @throws ScenarioError naming the place and the estimate
 */
export function checkRunLimits(scenario: Scenario): void {
  const devices = scenario.devices.reduce((n, g) => n + g.count, 0);
  if (devices > RUN_LIMITS.maxDevices) {
    throw new ScenarioError(`${devices} devices in all; the limit is ${RUN_LIMITS.maxDevices}`, ["devices"]);
  }
  if (scenario.duration > RUN_LIMITS.maxDuration) {
    throw new ScenarioError(
      `a ${scenario.duration} s run is longer than the limit of ${RUN_LIMITS.maxDuration} s (366 days)`,
      ["duration"],
    );
  }
  scenario.site.replicas.forEach((r, i) => {
    const ticks = scenario.duration / r.syncInterval;
    if (ticks > RUN_LIMITS.maxTicks) {
      throw new ScenarioError(
        `a ${r.syncInterval} s sync interval over a ${scenario.duration} s run is ${Math.ceil(ticks)} ticks; the limit is ${RUN_LIMITS.maxTicks}`,
        ["site", "replicas", i, "syncInterval"],
      );
    }
  });
  const events = estimateEvents(scenario);
  if (events > RUN_LIMITS.maxEvents) {
    const shown = Number.isFinite(events) ? `about ${events.toExponential(1)}` : "more than 9e15";
    throw new ScenarioError(
      `the run would process ${shown} events (the limit is ${RUN_LIMITS.maxEvents.toExponential(0)}): lengthen the polling intervals, shorten the duration or reduce the devices`,
      ["duration"],
    );
  }
}
