// The library's entry points as a user holds them: each takes a scenario as `loadScenario` returns it or
// as a file holds it (loaded first, so bad input is a ScenarioError, never a TypeError from inside), and
// checks its options before any work. The internal functions they call take loaded scenarios only.
import { checkScenario as checkLoaded } from "./checks/checkScenario.js";
import type { Finding } from "./checks/finding.js";
import { reachability as reachLoaded, type Reachability } from "./model/reachability.js";
import type { RunResult } from "./results/runResult.js";
import type { Scenario, ScenarioInput } from "./scenario/schema.js";
import { checkSeedOption, toScenario } from "./scenario/toScenario.js";
import { simulate as simulateLoaded, type SimulateOptions } from "./simulate.js";

/**
 * Simulates every enrollment, replica sync and poll of a scenario.
 * @param scenario - a loaded scenario (`loadScenario`), or one as a file holds it (parsed JSON or YAML)
 * @returns the result document of `mdmsim run --format json`; times in seconds
 * @throws ScenarioError when the scenario is not valid, or the run would exceed `RUN_LIMITS`
 * @throws UsageError for a bad `seed`, an unknown `trace` device or a bad expectation
 */
export function simulate(scenario: Scenario | ScenarioInput, options: SimulateOptions = {}): RunResult {
  const loaded = toScenario(scenario);
  checkSeedOption(options.seed);
  return simulateLoaded(loaded, options);
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
  return reachLoaded(toScenario(scenario), time);
}
