// The input every check table entry reads, for entry-level tests: the one checkScenario builds.
export { checkInput } from "../../src/checks/checkScenario.js";
