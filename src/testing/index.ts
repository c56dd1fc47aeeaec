// mdmsim/testing: a fast-check arbitrary of valid scenarios and the documented guarantees as predicates,
// for property tests about a site.
export { scenarioArbitrary } from "./scenarioArbitrary.js";
export type { ScenarioConstraints } from "./scenarioArbitrary.js";
export {
  successAfterVisibility,
  visibilityWithinSyncWindow,
  firstPollAfterVisibilitySucceeds,
  noMacOnReplicaDmp,
} from "./predicates.js";
export type { Violation } from "./predicates.js";
export { expectedVisibilityDelay } from "../model/replica.js";
