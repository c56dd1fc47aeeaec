// The sweep document: what defines it (the header, as shards carry it to `merge`), its types, and its
// assembly from the jobs' outcomes by job index, so it does not depend on how the jobs were run.
import {
  pairedDifference,
  relativeChange,
  relativeInterval,
  type MetricComparison,
} from "../compare/paired.js";
import { DOCUMENT_FORMATS, type DocumentFormat } from "../results/documentFormat.js";
import { aggregate, type MetricStats } from "./aggregate.js";
import type { JobOutcome } from "./job.js";
import { intervalMethod, type Bounds, type MetricProfile } from "./metricProfile.js";

/** One variant as planned: its varied values and the expectations its runs evaluate. */
export interface PlannedVariant {
  /** path → value, in `--vary` order. */
  readonly set: Readonly<Record<string, unknown>>;
  /** Expressions in evaluation order: the variant scenario's own, then the added ones. */
  readonly expectations: readonly string[];
  /**
   * Each metric's possible range in this variant's scenario, in metric order (`metricBounds`). Shards
   * written before ranges existed lack it: their intervals are then unbounded.
   */
  readonly bounds?: readonly Bounds[];
}

/** Everything that defines a sweep's document, as plain data (what shards carry to `merge`). */
export interface SweepHeader {
  /** The scenario's name. */
  readonly scenario: string;
  readonly runs: number;
  /** seed, seed + 1, … seed + runs − 1: the same for every variant (common random numbers). */
  readonly seeds: readonly number[];
  /**
   * Metric paths in report order: `DEFAULT_METRICS`, each finite server's utilisation and p99 response and each
   * deployment's mean and p90 delay and devices not reached (when every variant has it: `loadMetricPaths`,
   * `deploymentMetricPaths`), then the `--metric` paths not among them.
   */
  readonly metrics: readonly string[];
  readonly variants: readonly PlannedVariant[];
  /** The variant (from 1) every other is paired with (`--baseline`); absent when none. */
  readonly baseline?: number;
}

/** An expectation over the runs of a variant. */
export interface SweepExpectationResult {
  readonly expression: string;
  /** Runs in which it held. */
  readonly passedRuns: number;
  /** True when it held in every run. */
  readonly passed: boolean;
}

/** One variant's row of the sweep document. */
export interface SweepVariantResult {
  readonly set: Readonly<Record<string, unknown>>;
  /** metric path → statistics over the runs (see `MetricStats` for units and nulls). */
  readonly metrics: Readonly<Record<string, MetricStats>>;
  readonly expectations: readonly SweepExpectationResult[];
  /**
   * With `--baseline K`: per metric, the mean paired difference of this variant's runs minus variant K's
   * (same seed), its interval, the relative change with its interval and the verdict (`compare`'s rules).
   */
  readonly comparedToBaseline?: Readonly<Record<string, BaselineComparison>>;
}

/** One metric of a variant against the baseline variant. */
export type BaselineComparison = Pick<
  MetricComparison,
  "difference" | "relative" | "relativeCi95" | "verdict"
>;

/** The document of `mdmsim sweep --format json` (cli-and-results.md). */
export interface SweepResult {
  /** `mdmsim-sweep/1` (results/documentFormat.ts). */
  readonly format: DocumentFormat<"sweep">;
  readonly scenario: string;
  readonly runs: number;
  readonly seeds: readonly number[];
  /** The baseline variant (from 1), with `--baseline`. */
  readonly baseline?: number;
  readonly variants: readonly SweepVariantResult[];
}

/** The interval method and range of metric `m` of variant `v` (unbounded when the header has no ranges). */
export function plannedProfile(header: SweepHeader, v: number, m: number): MetricProfile {
  const path = header.metrics[m] ?? "";
  const bounds = header.variants[v]?.bounds?.[m] ?? [null, null];
  return { method: intervalMethod(path), bounds };
}

/**
 * Aggregates job outcomes into the sweep document.
 * @param outcomes - one per job, indexed by job index (`sweepJobs`)
 */
export function assembleSweep(header: SweepHeader, outcomes: readonly JobOutcome[]): SweepResult {
  const { runs } = header;
  if (outcomes.length !== header.variants.length * runs)
    throw new RangeError(`expected ${header.variants.length * runs} job outcomes, got ${outcomes.length}`);
  const own = (v: number) => outcomes.slice(v * runs, (v + 1) * runs);
  // Every variant's statistics first: a variant's comparison with the baseline reads the baseline's means.
  const stats = header.variants.map((_, v) =>
    header.metrics.map(
      (path, m) =>
        [
          path,
          aggregate(
            own(v).map((o) => o.metrics[m] ?? null),
            { profile: plannedProfile(header, v, m), stream: { seed: header.seeds[0] ?? 0, name: path } },
          ),
        ] as const,
    ),
  );
  const variants = header.variants.map((variant, v) => ({
    set: variant.set,
    metrics: Object.fromEntries(stats[v] ?? []),
    expectations: variant.expectations.map((expression, e) => {
      const passedRuns = own(v).filter((o) => o.expectations[e] === true).length;
      return { expression, passedRuns, passed: passedRuns === runs };
    }),
    ...(header.baseline !== undefined
      ? { comparedToBaseline: againstBaseline(header, header.baseline - 1, v, outcomes, stats) }
      : {}),
  }));
  const { scenario, seeds, baseline } = header;
  return {
    format: DOCUMENT_FORMATS.sweep,
    scenario,
    runs,
    seeds,
    ...(baseline !== undefined ? { baseline } : {}),
    variants,
  };
}

// Every metric of variant `v` paired seed by seed with variant `k` (indices from 0); each side's mean comes
// from the statistics the document already has.
function againstBaseline(
  header: SweepHeader,
  k: number,
  v: number,
  outcomes: readonly JobOutcome[],
  stats: readonly (readonly (readonly [string, MetricStats])[])[],
): Record<string, BaselineComparison> {
  const { runs } = header;
  const values = (variant: number, m: number) =>
    outcomes.slice(variant * runs, (variant + 1) * runs).map((o) => o.metrics[m] ?? null);
  return Object.fromEntries(
    header.metrics.map((path, m) => {
      const { difference, verdict } = pairedDifference({
        path,
        a: values(k, m),
        b: values(v, m),
        profileA: plannedProfile(header, k, m),
        profileB: plannedProfile(header, v, m),
        seed: header.seeds[0] ?? 0,
      });
      const aMean = stats[k]?.[m]?.[1].mean ?? null;
      const relative = relativeChange(aMean, stats[v]?.[m]?.[1].mean ?? null);
      return [
        path,
        { difference, relative, relativeCi95: relativeInterval(difference.ci95, aMean), verdict },
      ];
    }),
  );
}

/**
 * The value a metric had in every run of every variant (null: none in any), or undefined when it varied:
 * a constant metric is a sentence or a footnote in the reports, not a chart or a column.
 */
export function constantValue(result: SweepResult, path: string): number | null | undefined {
  let value: number | null | undefined;
  for (const v of result.variants) {
    const s = v.metrics[path];
    if (s === undefined || s.min !== s.max || s.count !== result.runs) return undefined;
    if (value === undefined) value = s.min;
    else if (value !== s.min) return undefined;
  }
  return value;
}

/** True when every expectation of every variant held in every run (exit code 0 of `sweep`). */
export function sweepPassed(result: SweepResult): boolean {
  return result.variants.every((v) => v.expectations.every((e) => e.passed));
}
