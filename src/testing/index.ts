// mdmsim/testing: arbitraries and predicates for property tests about a site.
export { scenarioArbitrary } from "./scenarioArbitrary.js";
export type { ScenarioConstraints } from "./scenarioArbitrary.js";
export { expectedVisibilityDelay } from "../model/replica.js";
