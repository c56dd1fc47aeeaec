// `mdmsim sweep` without the shell: plan the grid, run every (variant, run) job, aggregate per variant
// (document.ts). Sequential and pure; the command line spreads the same jobs over worker threads and
// assembles their outcomes by job index, so the document does not depend on how the jobs were run.
import { ScenarioError, UsageError } from "../errors.js";
import {
  checkEvents,
  checkMemory,
  checkRunLimits,
  maxEventsOf,
  RUN_FIXED_EVENTS,
} from "../model/estimate.js";
import { parseExpectation } from "../results/expectations.js";
import { applyOverrides, type OverrideSource } from "../scenario/overrides.js";
import type { Scenario } from "../scenario/schema.js";
import { buildGrid, parseVary, valueText, type VaryAxis } from "./grid.js";
import { studyGrid, type Study } from "./study.js";
import { assembleSweep, type SweepHeader, type SweepResult } from "./document.js";
import { runJob, type JobInput, type JobOutcome } from "./job.js";
import { metricBounds } from "./metricProfile.js";
import { loadMetricPaths } from "../results/load.js";
import { deploymentMetricPaths } from "../results/deployments.js";

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

/** Runs per variant when `runs` is not given. */
export const DEFAULT_RUNS = 10;

/** Most runs per variant. */
export const MAX_RUNS = 100_000;

/** Options of `planSweep` and `runSweep`. */
export interface SweepOptions {
  /** `--vary PATH=V1,V2,…` texts (or parsed axes); at least one, unless `study` gives axes. */
  readonly vary: readonly (string | VaryAxis)[];
  /**
   * A study file's axes, zipped groups and skipped combinations (`parseStudy`), varied before `vary`;
   * `source` names the file in messages.
   */
  readonly study?: { readonly study: Study; readonly source: string };
  /** Replications per variant (default `DEFAULT_RUNS`). */
  readonly runs?: number;
  /** First seed (default: the scenario's); run i uses seed + i in every variant. */
  readonly seed?: number;
  /** Result paths reported besides `DEFAULT_METRICS` (`--metric`). */
  readonly metrics?: readonly string[];
  /** Expectations added to the scenario's own (`--expect`), evaluated in every run. */
  readonly expectations?: readonly string[];
  /** `--baseline K`: pair every variant's runs with variant K's (from 1); default none. */
  readonly baseline?: number;
  /** The time limit in estimated events over the whole sweep (default `RUN_LIMITS.maxEvents`). */
  readonly maxEvents?: number;
}

/** A planned sweep: the header plus what running it needs. */
export interface SweepPlan extends SweepHeader {
  /** Each variant's validated scenario, in variant order. */
  readonly scenarios: readonly Scenario[];
  /** The added expectations (`--expect`), passed to every run. */
  readonly extraExpectations: readonly string[];
  /** The time limit the sweep was planned with, passed to every run. */
  readonly maxEvents: number;
  /** Each variant's estimated events per run. */
  readonly variantEvents: readonly number[];
  /** Each variant's estimated memory per run, bytes: how many runs fit in the process at once. */
  readonly variantMemory: readonly number[];
}

/** One (variant, run) pair. Job `index` = variant · runs + run, so jobs of a variant are contiguous. */
export interface SweepJob {
  readonly index: number;
  readonly variant: number;
  readonly run: number;
  readonly seed: number;
}

export function checkRuns(runs: number): number {
  if (!Number.isSafeInteger(runs) || runs < 1 || runs > MAX_RUNS)
    throw new UsageError(`expected an integer from 1 to ${MAX_RUNS}, got ${String(runs)}`, {
      argument: "runs",
    });
  return runs;
}

// Memory a kept job outcome takes besides its numbers, and each number (metric or expectation), bytes.
const OUTCOME_BYTES = 160;
const OUTCOME_VALUE_BYTES = 16;

/**
 * Refuses a sweep whose kept outcomes or variant scenarios would not fit in memory, before any is built.
 * @throws ScenarioError (source `--runs`) naming the sizes
 */
function checkSweepMemory(scenario: Scenario, variants: number, runs: number, values: number): void {
  const jobs = variants * runs;
  // A variant's scenario is a copy of the loaded one: its JSON length bounds its size within a small factor.
  const scenarioBytes = JSON.stringify(scenario).length * 4;
  const parts = [
    {
      value: jobs * (OUTCOME_BYTES + values * OUTCOME_VALUE_BYTES),
      what: `the outcomes of ${variants} variants × ${runs} runs (fewer values to vary or fewer --runs)`,
      path: [],
    },
    {
      value: variants * scenarioBytes,
      what: `${variants} copies of the scenario, one per variant (fewer values to vary)`,
      path: [],
    },
  ];
  const total = parts.reduce((n, p) => n + p.value, 0);
  const largest = parts.reduce((a, b) => (b.value > a.value ? b : a));
  try {
    checkMemory(total, largest);
  } catch (error) {
    if (error instanceof ScenarioError) throw new ScenarioError(`the sweep ${error.message}`, [], "--runs");
    throw error;
  }
}

/** The --vary options of a variant, as a message names it. */
function variantLabel(variant: { overrides: readonly { text: string }[] }): string {
  return `--vary ${variant.overrides.map((o) => o.text).join(" --vary ")}`;
}

/**
 * What a problem of a variant names: the --vary value (or the study's axis) to blame; when no single value
 * is (a rule across fields, a run limit), every value of the variant.
 */
export function variantSource(
  study: SweepOptions["study"],
  variant: { overrides: readonly { text: string }[] },
): OverrideSource {
  return (culprit) =>
    study !== undefined
      ? `${study.source} (${culprit?.text ?? variant.overrides.map((o) => o.text).join(", ")})`
      : culprit !== undefined
        ? `--vary ${culprit.text}`
        : variantLabel(variant);
}

/**
 * The metric paths a scenario adds beside the devices' numbers: its finite servers' utilisation and p99
 * response, its deployments' delays and devices not reached.
 */
export function scenarioMetricPaths(scenario: Scenario): string[] {
  return [...loadMetricPaths(scenario), ...deploymentMetricPaths(scenario)];
}

/**
 * Plans a sweep: parses the `--vary` options, builds the grid and validates every variant's scenario and
 * its run limits, then the whole sweep's memory and estimated events, so nothing too large starts.
 * @throws UsageError for bad `--vary`, `--runs`, seed or expectation syntax; ScenarioError (source
 *   `--vary PATH=VALUE`) when a varied path names nothing, a value is invalid or a variant exceeds the run
 *   limits; ScenarioError (source `--runs`) when the whole sweep is too large
 */
export function planSweep(scenario: Scenario, options: SweepOptions): SweepPlan {
  const runs = checkRuns(options.runs ?? DEFAULT_RUNS);
  const maxEvents = maxEventsOf(options);
  const extraExpectations = checkAddedExpectations(options.expectations);
  const axes = options.vary.map((v) => (typeof v === "string" ? parseVary(v) : v));
  const { study } = options;
  const grid = study !== undefined ? studyGrid(study.study, study.source, axes) : buildGrid(axes);
  // The metric paths the scenario adds (its finite servers, its deployments) take memory too.
  const values =
    DEFAULT_METRICS.length + scenarioMetricPaths(scenario).length + (options.metrics ?? []).length;
  checkSweepMemory(
    scenario,
    grid.length,
    runs,
    values + scenario.expectations.length + extraExpectations.length,
  );
  const checked = grid.map((variant) => {
    const source = variantSource(study, variant);
    const variantScenario = applyOverrides(scenario, variant.overrides, source);
    try {
      const estimate = checkRunLimits(variantScenario, { maxEvents });
      return { scenario: variantScenario, events: estimate.events, memory: estimate.memoryBytes };
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      throw error.withSource(source(undefined));
    }
  });
  return planRuns(
    scenario.name,
    checked.map((c, v) => ({ ...c, set: grid[v]?.set ?? {} })),
    { ...options, runs, seed: options.seed ?? scenario.seed, expectations: extraExpectations },
  );
}

/**
 * Checks a baseline variant's number (1-based) against the variants there are.
 * @throws UsageError (argument `baseline`) when it is not one of them
 */
export function checkBaseline(baseline: number | undefined, variants: number): void {
  if (baseline !== undefined && (!Number.isSafeInteger(baseline) || baseline < 1 || baseline > variants))
    throw new UsageError(`expected a variant number from 1 to ${variants}, got ${String(baseline)}`, {
      argument: "baseline",
    });
}

/** Checks the syntax of added expectations now, not in a worker. */
function checkAddedExpectations(expectations: readonly string[] | undefined): string[] {
  const added = [...(expectations ?? [])];
  for (const e of added) parseExpectation(e);
  return added;
}

/**
 * Plans runs of validated scenarios (a sweep's variants, or `compare`'s two sides): the same seeds for
 * each, the metric list, each variant's expectations and metric ranges, each variant's estimated events.
 * @throws UsageError for bad `runs`, seed or expectation syntax; ScenarioError when a variant exceeds the
 *   run limits (`checkRunLimits`)
 */
export function planRuns(
  name: string,
  variants: readonly {
    readonly scenario: Scenario;
    readonly set: Readonly<Record<string, unknown>>;
    /** Its estimated events and memory per run, when the caller has checked its run limits already. */
    readonly events?: number;
    readonly memory?: number;
  }[],
  options: Omit<SweepOptions, "vary"> & { readonly seed: number },
): SweepPlan {
  const runs = checkRuns(options.runs ?? DEFAULT_RUNS);
  const seed = options.seed;
  if (!Number.isSafeInteger(seed) || seed < 0 || !Number.isSafeInteger(seed + runs - 1))
    throw new UsageError(`expected an integer >= 0, got ${String(seed)}`, { argument: "seed" });
  const maxEvents = maxEventsOf(options);
  const extraExpectations = checkAddedExpectations(options.expectations);
  const { baseline } = options;
  checkBaseline(baseline, variants.length);
  const metrics = [...DEFAULT_METRICS];
  // The finite servers and deployments every variant has: their utilisation and response, how long devices
  // took to receive each deployment, beside the devices' numbers.
  const [first, ...others] = variants.map(({ scenario }) => scenarioMetricPaths(scenario));
  for (const m of first ?? []) if (others.every((paths) => paths.includes(m))) metrics.push(m);
  for (const m of options.metrics ?? []) if (!metrics.includes(m)) metrics.push(m);
  return {
    scenario: name,
    runs,
    seeds: Array.from({ length: runs }, (_, i) => seed + i),
    metrics,
    variants: variants.map(({ scenario, set }) => ({
      set,
      expectations: [...scenario.expectations, ...extraExpectations].map(
        (e) => parseExpectation(e).expression,
      ),
      bounds: metrics.map((m) => metricBounds(scenario, m)),
    })),
    ...(baseline !== undefined ? { baseline } : {}),
    scenarios: variants.map((v) => v.scenario),
    extraExpectations,
    maxEvents,
    ...perRun(variants, maxEvents),
  };
}

/** Each variant's estimated events and memory per run (the run limits checked where not done yet). */
function perRun(
  variants: readonly { readonly scenario: Scenario; readonly events?: number; readonly memory?: number }[],
  maxEvents: number,
): { variantEvents: number[]; variantMemory: number[] } {
  const estimates = variants.map((v) =>
    v.events !== undefined && v.memory !== undefined
      ? { events: v.events, memoryBytes: v.memory }
      : checkRunLimits(v.scenario, { maxEvents }),
  );
  return {
    // Each run also costs its fixed set-up, which a sweep of many tiny runs adds up.
    variantEvents: estimates.map((e) => e.events + RUN_FIXED_EVENTS),
    variantMemory: estimates.map((e) => e.memoryBytes),
  };
}

/**
 * Refuses running `jobs` of a plan when their estimated events together exceed the plan's time limit (each
 * variant alone was checked when planned; `--list` runs nothing and is never refused for time).
 * @throws ScenarioError (source `--runs`) with the estimate and the largest variant
 */
export function checkSweepWork(plan: SweepPlan, jobs: readonly SweepJob[]): void {
  const perVariant = new Float64Array(plan.variants.length);
  for (const job of jobs)
    perVariant[job.variant] = (perVariant[job.variant] ?? 0) + (plan.variantEvents[job.variant] ?? 0);
  let events = 0;
  let top = 0;
  perVariant.forEach((e, v) => {
    events += e;
    if (e > (perVariant[top] ?? 0)) top = v;
  });
  const variant = plan.variants[top];
  // compare's side A (and a sweep's unvaried variant) has no changes to name: say which variant it is.
  const label =
    variant === undefined || Object.keys(variant.set).length === 0
      ? `variant ${top + 1}, the scenario as given`
      : variantLabel({
          overrides: Object.entries(variant.set).map(([path, value]) => ({
            text: `${path}=${valueText(value)}`,
          })),
        });
  try {
    checkEvents(
      events,
      { value: perVariant[top] ?? 0, what: `in ${label}`, path: [] },
      { maxEvents: plan.maxEvents },
    );
  } catch (error) {
    if (error instanceof ScenarioError)
      throw new ScenarioError(
        `${plan.variants.length} variants × ${plan.runs} runs: ${error.message.replace(/^the run/, "the sweep")} (fewer values to vary or fewer --runs)`,
        [],
        "--runs",
      );
    throw error;
  }
}

/** The header of a plan: the plain data that defines the document (no scenarios). */
export function sweepHeader(plan: SweepHeader): SweepHeader {
  return {
    scenario: plan.scenario,
    runs: plan.runs,
    seeds: plan.seeds,
    metrics: plan.metrics,
    variants: plan.variants,
    ...(plan.baseline !== undefined ? { baseline: plan.baseline } : {}),
  };
}

/** Every job of a sweep in index order: variant-major, run-minor. */
export function sweepJobs(plan: SweepHeader): SweepJob[] {
  const jobs: SweepJob[] = [];
  for (let variant = 0; variant < plan.variants.length; variant++)
    for (let run = 0; run < plan.runs; run++)
      jobs.push({ index: jobs.length, variant, run, seed: plan.seeds[run] ?? 0 });
  return jobs;
}

/** What one job of a plan runs: in this thread (`runPlannedJob`) or a worker thread's (the CLI's pool). */
export function plannedJobInput(plan: SweepPlan, job: SweepJob): JobInput {
  const scenario = plan.scenarios[job.variant];
  if (scenario === undefined) throw new RangeError(`no variant ${job.variant} in this sweep`);
  return {
    scenario,
    seed: job.seed,
    metrics: plan.metrics,
    expectations: plan.extraExpectations,
    maxEvents: plan.maxEvents,
  };
}

/**
 * Runs one job of a plan in this thread.
 * @throws UsageError when a `--metric` path or an expectation names nothing in the result
 */
export function runPlannedJob(plan: SweepPlan, job: SweepJob): JobOutcome {
  return runJob(plannedJobInput(plan, job));
}

/**
 * Runs a what-if sweep in this thread: every variant of the grid (first `--vary` slowest) × `runs`
 * replications with seeds seed … seed + runs − 1, the same seeds for every variant (common random numbers:
 * differences between variants are not noise). Pure and synchronous.
 * @param scenario - a validated scenario (`loadScenario`), with any `--set` already applied
 * @returns the document of `mdmsim sweep --format json`; times in seconds
 * @throws UsageError or ScenarioError for bad options (see `planSweep`) and unknown metric paths
 */
export function runSweep(scenario: Scenario, options: SweepOptions): SweepResult {
  const plan = planSweep(scenario, options);
  const jobs = sweepJobs(plan);
  checkSweepWork(plan, jobs);
  return assembleSweep(
    plan,
    jobs.map((job) => runPlannedJob(plan, job)),
  );
}
