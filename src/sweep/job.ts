// One job of a sweep: one variant's scenario simulated with one seed, reduced to the numbers a sweep
// keeps. Kept apart from the planning code so a worker thread loads the simulator and nothing else
// (no scenario schema, no grid parsing).
import { readMetric } from "../results/expectations.js";
import type { Scenario } from "../scenario/schema.js";
import { simulate } from "../simulate.js";

/** What one run of one variant contributes to the sweep. Plain data: it crosses threads and files. */
export interface JobOutcome {
  /** The value of each metric path, in the sweep's metric order; null where the run had no value. */
  readonly metrics: (number | null)[];
  /** Whether each expectation held, in the variant's expectation order. */
  readonly expectations: boolean[];
}

/** The input of `runJob`: everything a worker thread needs, as plain data. */
export interface JobInput {
  /** The variant's scenario, already validated (`applyOverrides`). */
  readonly scenario: Scenario;
  readonly seed: number;
  /** Result paths to read (`readMetric`). */
  readonly metrics: readonly string[];
  /** Expectations added to the scenario's own (`--expect`). */
  readonly expectations: readonly string[];
  /** The time limit the sweep was planned with (its planning already checked this run against it). */
  readonly maxEvents?: number;
}

/**
 * Simulates one variant with one seed and reads the sweep's metrics from the result.
 * @throws UsageError when a metric path or an expectation names nothing in the result
 */
export function runJob(input: JobInput): JobOutcome {
  const result = simulate(input.scenario, {
    seed: input.seed,
    expectations: input.expectations,
    ...(input.maxEvents !== undefined ? { maxEvents: input.maxEvents } : {}),
  });
  return {
    metrics: input.metrics.map((path) => readMetric(result, path, `--metric ${path}`)),
    expectations: result.expectations.map((e) => e.passed),
  };
}
