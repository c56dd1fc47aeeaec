// The library's entry points as a user holds them: each takes a scenario as `loadScenario` returns it or
// as a file holds it (loaded first, so bad input is a ScenarioError, never a TypeError from inside), and
// checks its options before any work. The internal functions they call take loaded scenarios only.
import { checkScenario as checkLoaded } from "./checks/checkScenario.js";
import type { Finding } from "./checks/finding.js";
import {
  runCompare as compareLoaded,
  type CompareOptions,
  type CompareResult,
  type CompareSide,
} from "./compare/compare.js";
import { UsageError } from "./errors.js";
import { isRecord } from "./isRecord.js";
import {
  checkCompareOptions,
  checkSimulateOptions,
  checkSweepOptions,
  checkTerminalOptions,
} from "./libraryOptions.js";
import { renderRunTable as renderTable } from "./report/runTable.js";
import type { TerminalOptions } from "./report/terminal.js";
import { reachability as reachLoaded, type Reachability } from "./model/reachability.js";
import type { RunResult } from "./results/runResult.js";
import { showValue } from "./scenario/primitives.js";
import type { Scenario, ScenarioInput } from "./scenario/schema.js";
import { checkSeedOption, toScenario } from "./scenario/toScenario.js";
import { simulate as simulateLoaded, type SimulateOptions } from "./simulate.js";
import type { SweepResult } from "./sweep/document.js";
import { mergeShards as mergeChecked, type ShardFile } from "./sweep/shard.js";
import { runSweep as sweepLoaded, type SweepOptions } from "./sweep/sweep.js";

/**
 * Simulates every enrollment, replica sync and poll of a scenario.
 * @param scenario - a loaded scenario (`loadScenario`), or one as a file holds it (parsed JSON or YAML)
 * @returns the result document of `mdmsim run --format json`; times in seconds
 * @throws ScenarioError when the scenario is not valid, or the run would exceed `RUN_LIMITS`
 * @throws UsageError for options that are not an object of known options of their kinds, a bad `seed`, an
 *   unknown `trace` device or a bad expectation
 */
export function simulate(scenario: Scenario | ScenarioInput, options: SimulateOptions = {}): RunResult {
  const loaded = toScenario(scenario);
  const checked = checkSimulateOptions(options);
  checkSeedOption(checked.seed);
  return simulateLoaded(loaded, checked);
}

/**
 * The static checks of `mdmsim check`: findings without simulating.
 * @param scenario - a loaded scenario, or one as a file holds it
 * @throws ScenarioError when the scenario is not valid, or one of its expectations names a path that is not
 *   in a run's result (at `expectations[i]`, as `simulate` refuses it)
 */
export function checkScenario(scenario: Scenario | ScenarioInput): Finding[] {
  return checkLoaded(toScenario(scenario));
}

/**
 * The `mdmsim reach` matrix: every device group against every server role, at one instant.
 * @param scenario - a loaded scenario, or one as a file holds it
 * @param time - seconds from the start (outages and certificate validity depend on it)
 * @throws ScenarioError when the scenario is not valid
 */
export function reachability(scenario: Scenario | ScenarioInput, time = 0): Reachability {
  const loaded = toScenario(scenario);
  if (typeof time !== "number" || !Number.isFinite(time) || time < 0)
    throw new UsageError(`expected seconds from the start, a number >= 0, got ${showValue(time)}`, {
      argument: "time",
    });
  return reachLoaded(loaded, time);
}

/**
 * Runs a sweep: every variant of the `vary` grid, `runs` times each, with the same seeds.
 * @param scenario - a loaded scenario, or one as a file holds it
 * @throws ScenarioError when the scenario or a variant is not valid, or the sweep exceeds the limits
 * @throws UsageError for options that are not an object of known options of their kinds, or bad values
 */
export function runSweep(scenario: Scenario | ScenarioInput, options: SweepOptions): SweepResult {
  const loaded = toScenario(scenario);
  return sweepLoaded(loaded, checkSweepOptions(options));
}

/**
 * Compares two scenarios over the same seeds: each metric's paired difference and verdict.
 * @param a - the baseline, loaded or as a file holds it; `b` the same
 * @param sides - how each side is named in the document: its scenario's name, its file, its overrides
 * @throws ScenarioError when a scenario is not valid or a side exceeds the limits
 * @throws UsageError for sides or options that are not objects of known options of their kinds
 */
export function runCompare(
  a: Scenario | ScenarioInput,
  b: Scenario | ScenarioInput,
  sides: { readonly a: CompareSide; readonly b: CompareSide },
  options: CompareOptions = {},
): CompareResult {
  const [loadedA, loadedB] = [toScenario(a), toScenario(b)];
  const checked = checkCompareOptions(sides, options);
  return compareLoaded(loadedA, loadedB, checked.sides, checked.options);
}

/**
 * Merges the shards of one sweep (`sweep --shard I/N`) into the document the whole sweep gives.
 * @param files - each shard's name (for messages) and its parsed JSON
 * @throws UsageError when `files` is not such a list, or a shard is not one of the sweep's
 */
export function mergeShards(files: readonly ShardFile[]): SweepResult {
  if (
    !Array.isArray(files) ||
    !Array.from(files as unknown[]).every((f) => isRecord(f) && typeof f.name === "string")
  )
    throw new UsageError(`expected a list of { name, data }, one per shard file, got ${showValue(files)}`, {
      argument: "files",
    });
  return mergeChecked(files);
}

/**
 * The table `mdmsim run` prints, of a run's result.
 * @param options - the terminal's `columns` (none: no limit) and whether to `color`
 * @throws UsageError for options that are not an object of known options of their kinds
 */
export function renderRunTable(result: RunResult, options: TerminalOptions = {}): string {
  return renderTable(result, checkTerminalOptions(options));
}
