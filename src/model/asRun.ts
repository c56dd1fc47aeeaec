// The scenario exactly as a run uses it: every default filled in (the loader's work) and every value the
// model would draw written out, so the file runs the same with any seed handling.
import type { Scenario } from "../scenario/schema.js";
import { syncOffset } from "./replica.js";

/**
 * The scenario a run with `seed` simulates, as a scenario file: `seed` set, and each replica's drawn
 * `syncOffset` (a replica without one draws it from its own stream) written in. Loading it gives the same
 * run result.
 */
export function scenarioAsRun(scenario: Scenario, seed: number): Scenario {
  return {
    ...scenario,
    seed,
    site: {
      ...scenario.site,
      replicas: scenario.site.replicas.map((r) => ({ ...r, syncOffset: syncOffset(r, seed) })),
    },
  };
}
