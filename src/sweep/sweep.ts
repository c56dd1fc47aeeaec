// `mdmsim sweep` without the shell: plan the grid, run every (variant, run) job, aggregate per variant
// (document.ts). Sequential and pure; the command line spreads the same jobs over worker threads and
// assembles their outcomes by job index, so the document does not depend on how the jobs were run.
import { ScenarioError, UsageError } from "../errors.js";
import { checkRunLimits, maxEventsOf } from "../model/estimate.js";
import { parseExpectation } from "../results/expectations.js";
import { checkSpellings, SET_SOURCE, type Override, type OverrideSource } from "../scenario/overrides.js";
import type { Scenario } from "../scenario/schema.js";
import {
  gridOf,
  listedGrid,
  parseVary,
  variantLabel,
  type Grid,
  type GridVariant,
  type VaryAxis,
} from "./grid.js";
import { studyGrid, type Study } from "./study.js";
import { assembleSweep, type SweepHeader, type SweepResult } from "./document.js";
import { runJob, type JobInput, type JobOutcome } from "./job.js";
import {
  DEFAULT_METRICS,
  scenarioMetricPaths,
  surveyVariants,
  type SurveyInput,
  type VariantSurvey,
} from "./survey.js";
import { gridScenarios } from "./variants.js";
import { checkSweepMemory, checkSweepWork } from "./work.js";

export { checkSweepWork, DEFAULT_METRICS };

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

/**
 * A planned sweep: the header plus what running it needs. A sweep's per-variant parts (metrics, variants,
 * estimates) are surveyed when first read, so a sweep refused for its number of runs is refused before.
 */
export interface SweepPlan extends SweepHeader {
  /** The number of variants, known without surveying them. */
  readonly variantCount: number;
  /**
   * Variant v's scenario, made and validated when asked for: a plan keeps no variant's scenario.
   * @throws ScenarioError naming the variant's values when a rule across fields refuses the combination
   */
  scenarioOf(variant: number): Scenario;
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
 * A sweep's grid (a study's, then the `--vary` axes) and what a problem of a variant names; one field varied
 * under two spellings, or under another spelling than an applied `--set` gave it, is refused.
 * @throws UsageError for bad `--vary` syntax or grid; ScenarioError naming both spellings
 */
export function sweepGrid(
  scenario: Scenario,
  options: Pick<SweepOptions, "vary" | "study">,
  applied: readonly Override[] = [],
): { grid: Grid; source: (variant: GridVariant) => OverrideSource } {
  const axes = options.vary.map((v) => (typeof v === "string" ? parseVary(v) : v));
  const { study } = options;
  const grid = study !== undefined ? listedGrid(studyGrid(study.study, study.source, axes)) : gridOf(axes);
  const source = (variant: GridVariant) => variantSource(study, variant);
  // Every variant varies the same paths: the first one's name them all.
  const first = grid.at(0);
  checkSpellings(scenario, [
    ...applied.map((override) => ({ override, source: SET_SOURCE(override) })),
    ...first.overrides.map((override) => ({ override, source: source(first)(override) })),
  ]);
  return { grid, source };
}

/**
 * Plans a sweep: parses the `--vary` options and builds the grid, checks each value of it alone (valid, in
 * the run limits) and the memory of the whole sweep's outcomes. Each variant is surveyed (its estimates,
 * from its values' changes) when the plan's per-variant parts are first read, and made whole when it runs.
 * @param applied - the `--set` overrides already applied to `scenario`: a varied field they name under
 *   another spelling is refused
 * @throws UsageError for bad `--vary`, `--runs`, seed or expectation syntax; ScenarioError (source
 *   `--vary PATH=VALUE`) when a varied path names nothing, a value is invalid or a variant exceeds the run
 *   limits; ScenarioError (source `--runs`) when the whole sweep is too large
 */
export function planSweep(
  scenario: Scenario,
  options: SweepOptions,
  applied: readonly Override[] = [],
): SweepPlan {
  return planGridSweep(scenario, options, sweepGrid(scenario, options, applied));
}

/** `planSweep` of a grid made already (`sweepGrid`). */
export function planGridSweep(
  scenario: Scenario,
  options: SweepOptions,
  { grid, source }: ReturnType<typeof sweepGrid>,
): SweepPlan {
  const base = planBase(scenario.name, { ...options, seed: options.seed ?? scenario.seed });
  checkBaseline(base.baseline, grid.size);
  // The metric paths the scenario adds (its finite servers, its deployments) take memory too.
  const values =
    DEFAULT_METRICS.length + scenarioMetricPaths(scenario).length + (options.metrics ?? []).length;
  checkSweepMemory(
    grid.size,
    base.runs,
    values + scenario.expectations.length + base.extraExpectations.length,
  );
  const variants = gridScenarios(scenario, grid, source, { maxEvents: base.maxEvents });
  return lazyPlan(base, grid.size, (k) => variants.built(k), {
    count: grid.size,
    planned: (k) => variants.planned(k),
    set: (k) => variants.variant(k).set,
    estimate: (k, planned) => {
      // A variant of one value: its figures were made when the value was checked.
      const known = variants.estimate(k);
      if (known !== undefined) return known;
      try {
        const estimate = checkRunLimits(planned, { maxEvents: base.maxEvents });
        return { events: estimate.events, memory: estimate.memoryBytes };
      } catch (error) {
        if (!(error instanceof ScenarioError)) throw error;
        throw error.withSource(source(variants.variant(k))(undefined));
      }
    },
    ...(options.metrics !== undefined ? { metrics: options.metrics } : {}),
    extraExpectations: base.extraExpectations,
  });
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

/** What any plan of runs has: runs and seeds, the time limit, the added expectations, the baseline. */
export interface PlanBase {
  readonly scenario: string;
  readonly runs: number;
  readonly seeds: readonly number[];
  readonly maxEvents: number;
  readonly extraExpectations: readonly string[];
  readonly baseline: number | undefined;
}

/**
 * The options every plan checks first (the expectations' syntax now, not in a worker).
 * @throws UsageError for bad `runs`, seed or expectation syntax
 */
export function planBase(
  name: string,
  options: Omit<SweepOptions, "vary"> & { readonly seed: number },
): PlanBase {
  const runs = checkRuns(options.runs ?? DEFAULT_RUNS);
  const seed = options.seed;
  if (!Number.isSafeInteger(seed) || seed < 0 || !Number.isSafeInteger(seed + runs - 1))
    throw new UsageError(`expected an integer >= 0, got ${String(seed)}`, { argument: "seed" });
  const maxEvents = maxEventsOf(options);
  const extraExpectations = [...(options.expectations ?? [])];
  for (const e of extraExpectations) parseExpectation(e);
  const seeds = Array.from({ length: runs }, (_, i) => seed + i);
  return { scenario: name, runs, seeds, maxEvents, extraExpectations, baseline: options.baseline };
}

// A plan whose per-variant parts are surveyed once: when first read, or at once when `eager`.
function lazyPlan(
  base: PlanBase,
  variantCount: number,
  scenarioOf: (variant: number) => Scenario,
  input: SurveyInput & { readonly eager?: boolean },
): SweepPlan {
  let survey: VariantSurvey | undefined = input.eager === true ? surveyVariants(input) : undefined;
  const surveyed = () => (survey ??= surveyVariants(input));
  const { baseline, ...rest } = base;
  return {
    ...rest,
    ...(baseline !== undefined ? { baseline } : {}),
    variantCount,
    scenarioOf,
    get metrics() {
      return surveyed().metrics;
    },
    get variants() {
      return surveyed().variants;
    },
    get variantEvents() {
      return surveyed().variantEvents;
    },
    get variantMemory() {
      return surveyed().variantMemory;
    },
  };
}

/**
 * Plans runs of validated scenarios (a sweep's values for `--list`, or `compare`'s two sides): the same
 * seeds for each, the metric list, each variant's expectations and metric ranges, each variant's estimated
 * events.
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
  const base = planBase(name, options);
  checkBaseline(base.baseline, variants.length);
  const at = (v: number) => {
    const variant = variants[v];
    if (variant === undefined) throw new RangeError(`no variant ${v} in this plan`);
    return variant;
  };
  // A few scenarios given whole: surveyed now, so their run limits are checked as the callers expect.
  return lazyPlan(base, variants.length, (v) => at(v).scenario, {
    count: variants.length,
    planned: (v) => at(v).scenario,
    set: (v) => at(v).set,
    estimate: (v, scenario) => {
      const { events, memory } = at(v);
      if (events !== undefined && memory !== undefined) return { events, memory };
      const estimate = checkRunLimits(scenario, { maxEvents: base.maxEvents });
      return { events: estimate.events, memory: estimate.memoryBytes };
    },
    ...(options.metrics !== undefined ? { metrics: options.metrics } : {}),
    extraExpectations: base.extraExpectations,
    eager: true,
  });
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
export function sweepJobs(plan: Pick<SweepPlan, "variantCount" | "runs" | "seeds">): SweepJob[] {
  const jobs: SweepJob[] = [];
  // A plan's count, not its variants: listing its jobs does not survey them.
  for (let variant = 0; variant < plan.variantCount; variant++)
    for (let run = 0; run < plan.runs; run++)
      jobs.push({ index: jobs.length, variant, run, seed: plan.seeds[run] ?? 0 });
  return jobs;
}

/** What one job of a plan runs: in this thread (`runPlannedJob`) or a worker thread's (the CLI's pool). */
export function plannedJobInput(plan: SweepPlan, job: SweepJob): JobInput {
  return {
    scenario: plan.scenarioOf(job.variant),
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
