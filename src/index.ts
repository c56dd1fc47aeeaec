// The public API of mdmsim: every name a library user may import, listed by hand (a test pins the list).
// Every function checks its arguments before any work (libraryArguments.ts): a bad one is a UsageError.
export {
  loadScenario,
  parseScenarioText,
  applyOverrides,
  parseOverride,
  scenarioJsonSchema,
  parseDuration,
  formatDuration,
  expectedVisibilityDelay,
  parseExpectation,
  evaluateExpectations,
  replicaClosedForm,
  parseVary,
  studentTQuantile,
} from "./libraryFunctions.js";
export {
  simulate,
  checkScenario,
  reachability,
  runSweep,
  runCompare,
  mergeShards,
  renderRunTable,
} from "./library.js";
export { ScenarioError, UsageError } from "./errors.js";
export { REASONS } from "./model/reasons.js";
export { RUN_LIMITS } from "./model/estimate.js";
export { DEFAULT_METRICS, DEFAULT_RUNS } from "./sweep/sweep.js";

export type {
  Scenario,
  ScenarioInput,
  DeviceGroup,
  Server,
  Replica,
  Certificate,
} from "./scenario/schema.js";
export type { Override } from "./scenario/overrides.js";
export type { SimulateOptions } from "./simulate.js";
export type { Reason } from "./model/reasons.js";
export type { DeviceRecord, TraceEvent } from "./results/device.js";
export type { Expectation } from "./scenario/expectation.js";
export type {
  RunResult,
  DeviceCounts,
  GroupResult,
  ManagementPointResult,
  ReplicaResult,
  ContentResult,
  ExpectationResult,
  AttemptCounts,
  FailedAttemptsSummary,
} from "./results/runResult.js";
export type { Summary } from "./results/statistics.js";
export type { Finding, Severity } from "./checks/finding.js";
export type { Reachability, ReachCell } from "./model/reachability.js";
export type { RoleName } from "./model/rules.js";
export type { SweepOptions } from "./sweep/sweep.js";
export type { SweepResult, SweepVariantResult, SweepExpectationResult } from "./sweep/document.js";
export type { MetricStats } from "./sweep/aggregate.js";
export type { CompareOptions, CompareResult, CompareSide } from "./compare/compare.js";
export type { MetricComparison, MeanInterval } from "./compare/paired.js";
export type { Verdict } from "./compare/verdict.js";
export type { ConfigurationDifference } from "./compare/configurationDifference.js";
export type { IntervalMethod } from "./sweep/metricProfile.js";
export type { VaryAxis } from "./sweep/grid.js";
