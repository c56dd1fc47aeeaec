// mdmsim/testing: a fast-check arbitrary of valid scenarios and the documented guarantees as predicates,
// for property tests about a site. Each checks its arguments before any work, as the library's functions do
// (libraryArguments.ts): a bad one is a UsageError naming the function and the argument.
import { argument, guarded, scenarioArgument } from "../libraryArguments.js";
import { SCENARIO_CONSTRAINTS } from "../libraryOptions.js";
import { isRunResultWithRecords } from "../libraryRunResult.js";
import * as predicates from "./predicates.js";
import { scenarioArbitrary as arbitrary } from "./scenarioArbitrary.js";

export type { ScenarioConstraints } from "./scenarioArbitrary.js";
export type { Violation } from "./predicates.js";
export { expectedVisibilityDelay } from "../libraryFunctions.js";

const RESULT = argument(
  "result",
  "a run's result with perDevice, as simulate(scenario, { perDevice: true }) returns it",
  isRunResultWithRecords,
);
const SCENARIO = scenarioArgument("scenario");

/**
 * Valid scenarios (as files would say them), small by default; see `ScenarioConstraints`.
 * @throws UsageError for constraints that are not an object of known constraints of their kinds
 */
export const scenarioArbitrary: typeof arbitrary = guarded("scenarioArbitrary", arbitrary, [
  SCENARIO_CONSTRAINTS,
]);

/**
 * No device succeeds before its record is visible to its DMP's database.
 * @param result - `simulate(scenario, { perDevice: true })`
 */
export const successAfterVisibility: typeof predicates.successAfterVisibility = guarded(
  "successAfterVisibility",
  predicates.successAfterVisibility,
  [RESULT],
);

/**
 * Every commit carried by a replica without outages becomes visible `applyDelay` to `syncInterval +
 * applyDelay` seconds after it.
 */
export const visibilityWithinSyncWindow: typeof predicates.visibilityWithinSyncWindow = guarded(
  "visibilityWithinSyncWindow",
  predicates.visibilityWithinSyncWindow,
  [SCENARIO, RESULT],
);

/** When nothing but the replica's lag fails a device, its first success is its first poll after `visibleAt`. */
export const firstPollAfterVisibilitySucceeds: typeof predicates.firstPollAfterVisibilitySucceeds = guarded(
  "firstPollAfterVisibilitySucceeds",
  predicates.firstPollAfterVisibilitySucceeds,
  [SCENARIO, RESULT],
);

/** No macOS client is assigned a DMP that reads a database replica. */
export const noMacOnReplicaDmp: typeof predicates.noMacOnReplicaDmp = guarded(
  "noMacOnReplicaDmp",
  predicates.noMacOnReplicaDmp,
  [SCENARIO, RESULT],
);
