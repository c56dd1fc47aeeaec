// `mdmsim compare` without the shell: plan both sides with the same seeds, run the (side, run) jobs the
// way a sweep runs its (variant, run) jobs, and pair the outcomes seed by seed. Sequential and pure; the
// command line spreads the same jobs over worker threads and assembles their outcomes by job index.
import type { VariantEstimate } from "../sweep/variants.js";
import { DOCUMENT_FORMATS, type DocumentFormat } from "../results/documentFormat.js";
import type { Scenario } from "../scenario/schema.js";
import type { JobOutcome } from "../sweep/job.js";
import { planRuns, runPlannedJob, sweepJobs, type SweepOptions, type SweepPlan } from "../sweep/sweep.js";
import { assembleSweep, plannedProfile, type SweepExpectationResult } from "../sweep/document.js";
import { configurationDifferences, type ConfigurationDifference } from "./configurationDifference.js";
import type { MetricComparison } from "./paired.js";

/** One side of a comparison, as the command line named it. */
export interface CompareSide {
  /** The scenario's name. */
  readonly scenario: string;
  /** The file it was read from. */
  readonly file: string;
  /** `--with` overrides applied to it (path → value); always empty for A. */
  readonly with: Readonly<Record<string, unknown>>;
}

/** The document of `mdmsim compare --format json`. */
export interface CompareResult {
  /** `mdmsim-compare/1` (results/documentFormat.ts). */
  readonly format: DocumentFormat<"compare">;
  readonly a: CompareSide;
  readonly b: CompareSide;
  readonly runs: number;
  /** seed … seed + runs − 1, the same on both sides (common random numbers). */
  readonly seeds: readonly number[];
  readonly configurationDifferences: readonly ConfigurationDifference[];
  /** metric path → A, B, the paired difference, the relative change and the verdict. */
  readonly metrics: Readonly<Record<string, MetricComparison>>;
  /** B's expectations (its scenario's own, then `--expect`) over its runs. */
  readonly expectations: readonly SweepExpectationResult[];
}

/** Options of `planCompare` and `runCompare`. */
export type CompareOptions = Omit<SweepOptions, "vary">;

/** A planned comparison: a two-variant run plan (A is variant 0, B variant 1) and what frames it. */
export interface ComparePlan extends SweepPlan {
  readonly sides: { readonly a: CompareSide; readonly b: CompareSide };
  readonly configurationDifferences: readonly ConfigurationDifference[];
}

/**
 * Plans a comparison of two validated scenarios (B usually A with `--with` overrides applied).
 * @param sides - how A and B were named (file and overrides), for the document
 * @param estimates - each side's estimated events and memory per run, when the caller has checked its run
 *   limits (not estimated again)
 * @throws UsageError for bad `runs`, seed or expectation syntax
 */
export function planCompare(
  a: Scenario,
  b: Scenario,
  sides: { readonly a: CompareSide; readonly b: CompareSide },
  options: CompareOptions = {},
  estimates?: { readonly a: VariantEstimate; readonly b: VariantEstimate },
): ComparePlan {
  const plan = planRuns(
    b.name === a.name ? a.name : `${a.name} → ${b.name}`,
    [
      { scenario: a, set: {}, ...estimates?.a },
      { scenario: b, set: sides.b.with, ...estimates?.b },
    ],
    { ...options, seed: options.seed ?? a.seed },
  );
  return { ...plan, sides, configurationDifferences: configurationDifferences(a, b) };
}

/**
 * Pairs the outcomes of a planned comparison into its document.
 * @param outcomes - one per job of `sweepJobs(plan)`, by job index (A's runs, then B's)
 */
export function assembleCompare(plan: ComparePlan, outcomes: readonly JobOutcome[]): CompareResult {
  // The sweep's document of the two sides, A the baseline: each side's statistics and B paired with A.
  const [a, b] = assembleSweep({ ...plan, baseline: 1 }, outcomes).variants;
  if (a === undefined || b === undefined) throw new RangeError("a comparison has two sides");
  const metrics = plan.metrics.map((path, m): [string, MetricComparison] => {
    const sideA = a.metrics[path];
    const sideB = b.metrics[path];
    const paired = b.comparedToBaseline?.[path];
    if (sideA === undefined || sideB === undefined || paired === undefined)
      throw new RangeError(`no statistics of ${path}`);
    return [
      path,
      {
        a: { mean: sideA.mean, ci95: sideA.ci95 },
        b: { mean: sideB.mean, ci95: sideB.ci95 },
        difference: paired.difference,
        relative: paired.relative,
        relativeCi95: paired.relativeCi95,
        verdict: paired.verdict,
        method: plannedProfile(plan, 1, m).method,
      },
    ];
  });
  return {
    format: DOCUMENT_FORMATS.compare,
    a: plan.sides.a,
    b: plan.sides.b,
    runs: plan.runs,
    seeds: plan.seeds,
    configurationDifferences: plan.configurationDifferences,
    metrics: Object.fromEntries(metrics),
    expectations: b.expectations,
  };
}

/**
 * Compares B against A in this thread: both sides run seeds seed … seed + runs − 1 (default: A's seed,
 * 10 runs), and every metric (the sweep's defaults plus `metrics`) gets A's and B's means, the mean paired
 * difference B − A with its 95% interval, the relative change and a verdict. Pure and synchronous.
 * @throws UsageError for bad options and unknown metric paths
 */
export function runCompare(
  a: Scenario,
  b: Scenario,
  sides: { readonly a: CompareSide; readonly b: CompareSide },
  options: CompareOptions = {},
): CompareResult {
  const plan = planCompare(a, b, sides, options);
  return assembleCompare(
    plan,
    sweepJobs(plan).map((job) => runPlannedJob(plan, job)),
  );
}

/**
 * The exit code of `compare`: 1 when an expectation failed on B, or with `failOnWorse` when any verdict is
 * `worse`; else 0.
 */
export function compareExitCode(result: CompareResult, failOnWorse: boolean): number {
  if (result.expectations.some((e) => !e.passed)) return 1;
  if (failOnWorse && Object.values(result.metrics).some((m) => m.verdict === "worse")) return 1;
  return 0;
}
