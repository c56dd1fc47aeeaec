// mdmsim/testing: helpers for property tests about a site (filled out with the testing kit).
export { expectedVisibilityDelay } from "../model/replica.js";
