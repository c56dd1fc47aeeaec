// Reads a scenario file (or the bundled default), applies `--set`, and attributes every error to its source.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { nearest } from "../scenario/nearest.js";
import { ScenarioError } from "../errors.js";
import { LOAD_LIMITS, parseScenarioText, loadScenario } from "../scenario/load.js";
import { applyOverrides } from "../scenario/overrides.js";
import type { Scenario } from "../scenario/schema.js";
import { FileTooLargeError } from "./boundedRead.js";
import type { CliIo, RunContext } from "./io.js";

/** The bundled scenarios folder (beside `src/` and `dist/`). */
export const BUNDLED_SCENARIOS: string = fileURLToPath(new URL("../../scenarios/", import.meta.url));

/** The bundled default scenario of `mdmsim run`. */
export const DEFAULT_SCENARIO: string = `${BUNDLED_SCENARIOS}baseline.json`;

/** Why a file could not be read, in a few words (`cannot read the file: it does not exist`). */
export function describeReadError(error: unknown): string {
  const code = error !== null && typeof error === "object" && "code" in error ? String(error.code) : "";
  if (code === "ENOENT") return "cannot read the file: it does not exist";
  if (code === "EISDIR") return "cannot read the file: it is a directory";
  if (code === "EACCES") return "cannot read the file: permission denied";
  if (error instanceof FileTooLargeError) return `the file is ${error.message}`;
  return `cannot read the file: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Loads a scenario file and applies overrides.
 * @throws ScenarioError naming the file (or the `--set` option) and the place
 */
function readScenario(io: CliIo, file: string | undefined, overrides: readonly string[] = []): Scenario {
  let path = file ?? DEFAULT_SCENARIO;
  let shown = scenarioLabel(file);
  let text: string;
  try {
    text = path === STDIN ? io.readStdin(LOAD_LIMITS.maxBytes) : io.readFile(path, LOAD_LIMITS.maxBytes);
  } catch (error) {
    // A bare name that is no file may name a bundled scenario (`mdmsim run clients-50k`).
    const bundled = file !== undefined && missing(error) ? bundledScenario(file) : undefined;
    if (bundled === undefined || file === undefined)
      throw new ScenarioError(describeReadError(error) + bundledHint(file), [], shown);
    path = bundled;
    shown = `${file} (bundled scenarios/${file}.json)`;
    text = io.readFile(path, LOAD_LIMITS.maxBytes);
  }
  let scenario: Scenario;
  try {
    scenario = loadScenario(parseScenarioText(text, /\.ya?ml$/i.test(path) ? "yaml" : "auto"));
  } catch (error) {
    if (error instanceof ScenarioError) throw error.withSource(shown);
    throw error;
  }
  try {
    return applyOverrides(scenario, overrides);
  } catch (error) {
    if (error instanceof ScenarioError) throw error.withSource(`${shown}, ${error.source ?? "--set"}`);
    throw error;
  }
}

const missing = (error: unknown): boolean =>
  error !== null && typeof error === "object" && "code" in error && error.code === "ENOENT";

/** The bundled scenarios' names, in order. */
export function bundledScenarioNames(): string[] {
  try {
    return readdirSync(BUNDLED_SCENARIOS)
      .filter((f) => f.endsWith(".json"))
      .map((f) => f.slice(0, -".json".length))
      .sort();
  } catch {
    return [];
  }
}

/** The file of the bundled scenario `name`, when `name` is a bare name and one is bundled under it. */
function bundledScenario(name: string): string | undefined {
  return /^[A-Za-z0-9-]+$/.test(name) && bundledScenarioNames().includes(name)
    ? `${BUNDLED_SCENARIOS}${name}.json`
    : undefined;
}

/** For a bare name that is neither a file nor a bundled scenario: the nearest bundled name. */
function bundledHint(file: string | undefined): string {
  if (file === undefined || !/^[A-Za-z0-9-]+$/.test(file)) return "";
  const guess = nearest(file, bundledScenarioNames());
  return guess !== undefined
    ? `, and no bundled scenario has that name (did you mean "${guess}"?)`
    : ", and no bundled scenario has that name";
}

/** The scenario file name that means standard input. */
export const STDIN = "-";

/** How a scenario file is named in messages. */
export function scenarioLabel(file: string | undefined): string {
  if (file === STDIN) return "(standard input)";
  return file ?? "scenarios/baseline.json (bundled)";
}

/** Runs `work`, attributing a ScenarioError it throws (run limits, say) to the scenario file. */
export function attributed<T>(file: string | undefined, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ScenarioError && error.source === undefined)
      throw error.withSource(scenarioLabel(file));
    throw error;
  }
}

/** The scenario a command names, with its `--set` overrides; its name goes in `context` for a bug report. */
export function commandScenario(
  io: CliIo,
  context: RunContext,
  file: string | undefined,
  overrides: readonly string[],
): Scenario {
  const scenario = readScenario(io, file, overrides);
  context.scenario = scenario.name;
  return scenario;
}

/** The seed of a command's runs: `--seed` when given, else the scenario's; it goes in `context` too. */
export function commandSeed(context: RunContext, option: number | undefined, scenario: Scenario): number {
  const seed = option ?? scenario.seed;
  context.seed = seed;
  return seed;
}
