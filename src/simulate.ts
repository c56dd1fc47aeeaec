// The library's main call: a validated scenario in, the result document out. Synchronous and pure.
import { UsageError } from "./errors.js";
import { runEngine, type EngineOptions } from "./model/engine.js";
import type { RawRun } from "./model/tally.js";
import { compileSite, type SiteModel } from "./model/site.js";
import { checkRunLimits } from "./model/estimate.js";
import { runExpectations } from "./results/expectations.js";
import { buildRunResult, type RunResult } from "./results/runResult.js";
import { runSeries, type RunSeries } from "./results/runSeries.js";
import type { Scenario } from "./scenario/schema.js";

/** Options of `simulate`. */
export interface SimulateOptions {
  /** Master seed; defaults to the scenario's `seed`. */
  readonly seed?: number;
  /** Add `perDevice`: one record per device. */
  readonly perDevice?: boolean;
  /** Add `trace`: the timeline of the device with this name (`<group>-<i>`, i from 1). */
  readonly trace?: string;
  /** Expectations evaluated in addition to the scenario's own. */
  readonly expectations?: readonly string[];
  /** Told the devices simulated so far and in all, now and then during the run (a progress bar's feed). */
  readonly onProgress?: (done: number, total: number) => void;
  /** The time limit in estimated events (default `RUN_LIMITS.maxEvents`); memory limits always apply. */
  readonly maxEvents?: number;
}

/** Finds `<group>-<i>` among the scenario's devices; returns group position and 0-based index. */
export function findDevice(scenario: Scenario, device: string): { group: number; index: number } {
  for (let g = 0; g < scenario.devices.length; g++) {
    const group = scenario.devices[g];
    if (group === undefined || !device.startsWith(`${group.name}-`)) continue;
    const rest = device.slice(group.name.length + 1);
    if (/^[1-9]\d*$/.test(rest) && Number(rest) <= group.count) return { group: g, index: Number(rest) - 1 };
  }
  const examples = scenario.devices.map((g) => `${g.name}-1 … ${g.name}-${g.count}`).join(", ");
  throw new UsageError(`no such device (devices are ${examples})`, { argument: "trace", value: device });
}

/**
 * Simulates every enrollment, replica sync and poll of a scenario.
 * @param scenario - a validated scenario (`loadScenario`)
 * @returns the result document of `mdmsim run --format json`; times in seconds
 * @throws UsageError for an unknown `trace` device or a bad expectation
 * @throws ScenarioError when the run would exceed `RUN_LIMITS` (devices, ticks, memory, estimated events)
 */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): RunResult {
  return run(scenario, options, runEngine).result;
}

/** The engine a run uses: the fast one; tests pass the reference engine. */
export type Engine = (site: SiteModel, options: EngineOptions) => RawRun;

/**
 * `simulate`, also returning the series a report draws (per-minute tries per management point, replica
 * ticks, each group's times to first success and closed-form inputs). Internal: not part of the public API.
 */
export function runSimulation(
  scenario: Scenario,
  options: SimulateOptions = {},
  engine: Engine = runEngine,
): { result: RunResult; series: RunSeries } {
  const { result, raw } = run(scenario, options, engine);
  return { result, series: runSeries(raw) };
}

function run(
  scenario: Scenario,
  options: SimulateOptions,
  engine: Engine,
): { result: RunResult; raw: RawRun } {
  const seed = options.seed ?? scenario.seed;
  // The scenario's own expectations are part of the file: their problems name `expectations[i]`.
  const evaluate = runExpectations(scenario, options.expectations);
  const trace = options.trace !== undefined ? findDevice(scenario, options.trace) : undefined;
  checkRunLimits(scenario, options.maxEvents !== undefined ? { maxEvents: options.maxEvents } : {});
  const site = compileSite(scenario, seed);
  const raw = engine(site, {
    perDevice: options.perDevice === true,
    ...(trace ? { trace } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const result = buildRunResult(raw, evaluate);
  return { result, raw };
}
