// What a plan knows of each variant: its estimated events and memory per run, the metrics every variant has,
// its expectations and its metrics' ranges. One pass over the variants' planned scenarios, each made and
// dropped in turn: nothing per variant is kept but these numbers, and the expectations and ranges variants
// share are kept once.
import { RUN_FIXED_EVENTS } from "../model/estimate.js";
import { deploymentMetricPaths } from "../results/deployments.js";
import { parseExpectation } from "../results/expectations.js";
import { loadMetricPaths } from "../results/load.js";
import type { Scenario } from "../scenario/schema.js";
import type { PlannedVariant } from "./document.js";
import { metricBounds, type Bounds } from "./metricProfile.js";

/** The metrics every sweep reports (cli-and-results.md, `sweep --format json`), in this order. */
export const DEFAULT_METRICS: readonly string[] = [
  "timeToFirstSuccessSeconds.mean",
  "timeToFirstSuccessSeconds.p50",
  "timeToFirstSuccessSeconds.p90",
  "timeToFirstSuccessSeconds.p99",
  "timeToFirstSuccessSeconds.max",
  "failedAttemptsBeforeSuccess.mean",
  "failedAttemptsBeforeSuccess.max",
  "devices.connected",
  "devices.neverConnected",
  "devices.enrollmentFailed",
  "attempts.failed",
];

/**
 * The metric paths a scenario adds beside the devices' numbers: its finite servers' utilisation and p99
 * response, its deployments' delays and devices not reached.
 */
export function scenarioMetricPaths(scenario: Scenario): string[] {
  return [...loadMetricPaths(scenario), ...deploymentMetricPaths(scenario)];
}

/** The metric paths of one more scenario folded into those every scenario so far has (the first one's order). */
export function commonMetricPaths(common: readonly string[] | undefined, paths: readonly string[]): string[] {
  if (common === undefined) return [...paths];
  const has = new Set(paths);
  return common.filter((m) => has.has(m));
}

/** A sweep's metric list: `DEFAULT_METRICS`, the paths every variant has, then `--metric` paths not among them. */
export function sweepMetrics(common: readonly string[], extra: readonly string[] = []): string[] {
  const metrics = [...DEFAULT_METRICS, ...common];
  for (const m of extra) if (!metrics.includes(m)) metrics.push(m);
  return metrics;
}

/** The variants a survey reads, by position. */
export interface SurveyInput {
  readonly count: number;
  /** Variant v's scenario for planning. */
  planned(v: number): Scenario;
  /** Variant v's varied values. */
  set(v: number): Readonly<Record<string, unknown>>;
  /**
   * Variant v's estimated events and memory per run, its run limits checked.
   * @throws ScenarioError naming the variant when it exceeds them
   */
  estimate(v: number, scenario: Scenario): { readonly events: number; readonly memory: number };
  /** `--metric` paths. */
  readonly metrics?: readonly string[];
  /** `--expect`, after each variant's own expectations. */
  readonly extraExpectations: readonly string[];
}

/** What a plan knows of its variants. */
export interface VariantSurvey {
  /** `DEFAULT_METRICS`, the scenario metric paths every variant has, then the `--metric` paths not among them. */
  readonly metrics: readonly string[];
  readonly variants: readonly PlannedVariant[];
  /** Each variant's estimated events per run, its fixed cost (`RUN_FIXED_EVENTS`) included. */
  readonly variantEvents: readonly number[];
  /** Each variant's estimated memory per run, bytes. */
  readonly variantMemory: readonly number[];
}

/** Surveys the variants (see the top of this file). */
export function surveyVariants(input: SurveyInput): VariantSurvey {
  const variantEvents = new Array<number>(input.count);
  const variantMemory = new Array<number>(input.count);
  // The metrics every variant has are among the first variant's: each variant's ranges are read for those
  // (one pass), then kept for the metrics all have.
  let candidates: string[] = [];
  let common: readonly string[] = [];
  // Variants share their scenario's expectations (the same list, unless a value changed it) and mostly
  // their ranges: each kept once.
  const expectations = new Map<readonly string[], readonly string[]>();
  const ranges = new Map<string, readonly Bounds[]>();
  const surveyed: { own: readonly string[]; bounds: readonly Bounds[] }[] = [];
  for (let v = 0; v < input.count; v++) {
    const scenario = input.planned(v);
    const estimate = input.estimate(v, scenario);
    // Each run also costs its fixed set-up, which a sweep of many tiny runs adds up.
    variantEvents[v] = estimate.events + RUN_FIXED_EVENTS;
    variantMemory[v] = estimate.memory;
    // The finite servers and deployments every variant has, in the first variant's order.
    const paths = scenarioMetricPaths(scenario);
    if (v === 0) candidates = [...new Set([...DEFAULT_METRICS, ...paths, ...(input.metrics ?? [])])];
    if (v === 0 || common.length > 0) common = commonMetricPaths(v === 0 ? undefined : common, paths);
    let own = expectations.get(scenario.expectations);
    if (own === undefined) {
      own = [...scenario.expectations, ...input.extraExpectations].map((e) => parseExpectation(e).expression);
      expectations.set(scenario.expectations, own);
    }
    const bounds = candidates.map((m) => metricBounds(scenario, m));
    const key = JSON.stringify(bounds);
    const shared = ranges.get(key) ?? bounds;
    ranges.set(key, shared);
    surveyed.push({ own, bounds: shared });
  }
  const metrics = sweepMetrics(common, input.metrics);
  // Each shared range list projected once onto the final metrics, shared as before.
  const at = metrics.map((m) => candidates.indexOf(m));
  const projected = new Map<readonly Bounds[], readonly Bounds[]>();
  const variants: PlannedVariant[] = surveyed.map(({ own, bounds }, v) => {
    let mine = projected.get(bounds);
    if (mine === undefined) {
      mine = at.map((i) => bounds[i] ?? [0, null]);
      projected.set(bounds, mine);
    }
    return { set: input.set(v), expectations: own, bounds: mine };
  });
  return { metrics, variants, variantEvents, variantMemory };
}
