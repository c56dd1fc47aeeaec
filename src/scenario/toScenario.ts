// What the library's entry points accept: a scenario as `loadScenario` returns it, or as a file holds it
// (parsed JSON or YAML, a value of `scenarioArbitrary()`), which is loaded first.
import { UsageError } from "../errors.js";
import { loadScenario, writtenForm } from "./load.js";
import { showValue } from "./primitives.js";
import type { Scenario } from "./schema.js";

/**
 * The loaded scenario for `input`: itself when `loadScenario` or `applyOverrides` made it, else loaded now.
 * @throws ScenarioError when the input is not a valid scenario (never a TypeError, whatever it is)
 */
export function toScenario(input: unknown): Scenario {
  if (input !== null && typeof input === "object" && writtenForm(input as Scenario) !== undefined)
    return input as Scenario;
  return loadScenario(input);
}

/**
 * Checks a seed given as an option.
 * @throws UsageError naming the option when it is not an integer ≥ 0 (NaN, 1.5, -1, a string)
 */
export function checkSeedOption(seed: unknown): number | undefined {
  if (seed === undefined) return undefined;
  if (typeof seed !== "number" || !Number.isSafeInteger(seed) || seed < 0)
    throw new UsageError(`expected an integer >= 0, got ${showValue(seed)}`, { argument: "seed" });
  return seed;
}
