// The library's entry points as a user holds them: each takes a scenario as `loadScenario` returns it or
// as a file holds it (loaded first, so bad input is a ScenarioError, never a TypeError from inside), and
// checks its other arguments before any work by the rules declared with it (libraryArguments.ts). The
// internal functions they call take loaded scenarios and checked arguments only.
import { checkScenario as checkLoaded } from "./checks/checkScenario.js";
import type { Finding } from "./checks/finding.js";
import {
  runCompare as compareLoaded,
  type CompareOptions,
  type CompareResult,
  type CompareSide,
} from "./compare/compare.js";
import { argument, guarded, isFiniteAtLeast, optional, scenarioArgument } from "./libraryArguments.js";
import { hasFields, isListOf, isString } from "./valueRules.js";
import {
  COMPARE_OPTIONS,
  COMPARE_SIDES,
  SIMULATE_OPTIONS,
  SWEEP_OPTIONS,
  TERMINAL_OPTIONS,
} from "./libraryOptions.js";
import { isRunResult } from "./libraryRunResult.js";
import { renderRunTable as renderTable } from "./report/runTable.js";
import type { TerminalOptions } from "./report/terminal.js";
import { reachability as reachLoaded, type Reachability } from "./model/reachability.js";
import type { RunResult } from "./results/runResult.js";
import type { Scenario, ScenarioInput } from "./scenario/schema.js";
import { checkSeedOption } from "./scenario/toScenario.js";
import { simulate as simulateLoaded, type SimulateOptions } from "./simulate.js";
import type { SweepResult } from "./sweep/document.js";
import { mergeShards as mergeChecked, type ShardFile } from "./sweep/shard.js";
import { runSweep as sweepLoaded, type SweepOptions } from "./sweep/sweep.js";

const SCENARIO = scenarioArgument("scenario");

/**
 * Simulates every enrollment, replica sync and poll of a scenario.
 * @param scenario - a loaded scenario (`loadScenario`), or one as a file holds it (parsed JSON or YAML)
 * @returns the result document of `mdmsim run --format json`; times in seconds
 * @throws ScenarioError when the scenario is not valid, or the run would exceed `RUN_LIMITS`
 * @throws UsageError for options that are not an object of known options of their kinds (`maxEvents` below
 *   1 included), a bad `seed`, an unknown `trace` device or a bad expectation
 */
export const simulate = guarded(
  "simulate",
  (scenario: Scenario | ScenarioInput, options: SimulateOptions = {}): RunResult => {
    checkSeedOption(options.seed);
    return simulateLoaded(scenario as Scenario, options);
  },
  [SCENARIO, SIMULATE_OPTIONS],
);

/**
 * The static checks of `mdmsim check`: findings without simulating.
 * @param scenario - a loaded scenario, or one as a file holds it
 * @throws ScenarioError when the scenario is not valid, or one of its expectations names a path that is not
 *   in a run's result (at `expectations[i]`, as `simulate` refuses it)
 */
export const checkScenario = guarded(
  "checkScenario",
  (scenario: Scenario | ScenarioInput): Finding[] => checkLoaded(scenario as Scenario),
  [SCENARIO],
);

/**
 * The `mdmsim reach` matrix: every device group against every server role, at one instant.
 * @param scenario - a loaded scenario, or one as a file holds it
 * @param time - seconds from the start (outages and certificate validity depend on it)
 * @throws ScenarioError when the scenario is not valid
 * @throws UsageError when `time` is not a number >= 0
 */
export const reachability = guarded(
  "reachability",
  (scenario: Scenario | ScenarioInput, time = 0): Reachability => reachLoaded(scenario as Scenario, time),
  [SCENARIO, optional(argument("time", "seconds from the start, a number >= 0", isFiniteAtLeast(0)))],
);

/**
 * Runs a sweep: every variant of the `vary` grid, `runs` times each, with the same seeds.
 * @param scenario - a loaded scenario, or one as a file holds it
 * @throws ScenarioError when the scenario or a variant is not valid, or the sweep exceeds the limits
 * @throws UsageError for options that are not an object of known options of their kinds, or bad values
 */
export const runSweep = guarded(
  "runSweep",
  (scenario: Scenario | ScenarioInput, options: SweepOptions): SweepResult =>
    sweepLoaded(scenario as Scenario, options),
  [SCENARIO, SWEEP_OPTIONS],
);

/**
 * Compares two scenarios over the same seeds: each metric's paired difference and verdict.
 * @param a - the baseline, loaded or as a file holds it; `b` the same
 * @param sides - how each side is named in the document: its scenario's name, its file, its overrides
 * @throws ScenarioError when a scenario is not valid or a side exceeds the limits
 * @throws UsageError for sides or options that are not objects of known options of their kinds
 */
export const runCompare = guarded(
  "runCompare",
  (
    a: Scenario | ScenarioInput,
    b: Scenario | ScenarioInput,
    sides: { readonly a: CompareSide; readonly b: CompareSide },
    options: CompareOptions = {},
  ): CompareResult => compareLoaded(a as Scenario, b as Scenario, sides, options),
  [scenarioArgument("a"), scenarioArgument("b"), COMPARE_SIDES, COMPARE_OPTIONS],
);

/**
 * Merges the shards of one sweep (`sweep --shard I/N`) into the document the whole sweep gives.
 * @param files - each shard's name (for messages) and its parsed JSON
 * @throws UsageError when `files` is not such a list, or a shard is not one of the sweep's
 */
export const mergeShards = guarded(
  "mergeShards",
  (files: readonly ShardFile[]): SweepResult => mergeChecked(files),
  [
    argument(
      "files",
      "a list of { name, data }, one per shard file",
      isListOf(hasFields({ name: isString })),
    ),
  ],
);

/**
 * The table `mdmsim run` prints, of a run's result.
 * @param result - what `simulate` returns (or its JSON, parsed)
 * @param options - the terminal's `columns` (none: no limit) and whether to `color`
 * @throws UsageError for a result that is not one, or options that are not an object of known options of
 *   their kinds
 */
export const renderRunTable = guarded(
  "renderRunTable",
  (result: RunResult, options: TerminalOptions = {}): string => renderTable(result, options),
  [argument("result", "a run's result, as simulate returns it", isRunResult), TERMINAL_OPTIONS],
);
