// The scenario exactly as a run uses it: every default filled in (the loader's work) and every value the
// model would draw written out, so the file runs the same with any seed handling.
import { isConfigMgrClient } from "../scenario/deviceSchema.js";
import type { DeviceGroup, Scenario } from "../scenario/schema.js";
import { syncOffset } from "./replica.js";

/**
 * The scenario a run with `seed` simulates, as a scenario file: `seed` set, and each replica's drawn
 * `syncOffset` (a replica without one draws it from its own stream) written in. Loading it gives the same
 * run result.
 */
export function scenarioAsRun(scenario: Scenario, seed: number): ScenarioAsRun {
  // `$schema` is a path relative to the file it came from: wrong wherever the printed scenario is saved.
  const rest: Omit<Scenario, "$schema"> & { $schema?: string } = { ...scenario };
  delete rest.$schema;
  return {
    ...rest,
    seed,
    site: {
      ...scenario.site,
      replicas: scenario.site.replicas.map((r) => ({ ...r, syncOffset: syncOffset(r, seed) })),
    },
    // A client's arrival pattern is its `registration`; the loaded `enrollment` beside it is the engines'.
    devices: scenario.devices.map(({ enrollment, ...group }) =>
      isConfigMgrClient(group) ? group : { ...group, enrollment },
    ),
  };
}

/** A scenario as a run uses it, as a file says it: a client group without the `enrollment` it may not have. */
export type ScenarioAsRun = Omit<Scenario, "devices" | "$schema"> & {
  readonly devices: readonly (Omit<DeviceGroup, "enrollment"> & Partial<Pick<DeviceGroup, "enrollment">>)[];
};
