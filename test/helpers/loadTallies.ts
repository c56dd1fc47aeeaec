// Hand-built station counters (what the engines will fill) and a run that carries them, for the result
// side of the load model: numbers chosen so every figure can be computed by hand.
import { runEngine } from "../../src/model/engine.js";
import { newStationTally, type StationKind, type StationTally } from "../../src/model/load/stationTally.js";
import { compileSite } from "../../src/model/site.js";
import type { RawRun } from "../../src/model/tally.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { singleServer } from "./scenarios.js";

/** What a hand-built tally holds besides its zeros. */
export interface TallyFill {
  readonly requests?: number;
  readonly served?: number;
  readonly refused?: number;
  readonly left?: number;
  readonly timedOut?: number;
  readonly busySeconds?: number;
  readonly queueArea?: number;
  readonly queueMax?: number;
  readonly waits?: readonly number[];
  readonly responses?: readonly number[];
  /** Per-minute arrays, minute by minute (shorter lists leave the rest 0). */
  readonly minutes?: Partial<Record<keyof StationTally["minutes"], readonly number[]>>;
}

/** A station tally over `duration` seconds with the given counts. */
export function handTally(
  kind: StationKind,
  name: string,
  workers: number,
  duration: number,
  fill: TallyFill = {},
): StationTally {
  const t = newStationTally(kind, name, workers, duration);
  t.requests = fill.requests ?? 0;
  t.served = fill.served ?? fill.waits?.length ?? 0;
  t.refused = fill.refused ?? 0;
  t.left = fill.left ?? 0;
  t.timedOut = fill.timedOut ?? 0;
  t.busySeconds = fill.busySeconds ?? 0;
  t.queueArea = fill.queueArea ?? 0;
  t.queueMax = fill.queueMax ?? 0;
  for (const w of fill.waits ?? []) t.waits.push(w);
  for (const r of fill.responses ?? []) t.responses.push(r);
  for (const [key, values] of Object.entries(fill.minutes ?? {}))
    t.minutes[key as keyof StationTally["minutes"]].set(values);
  return t;
}

/** The default site of these tests: `singleServer` (3 h, replica r1) with 20 devices over the first hour. */
export function loadTestScenario(options: Parameters<typeof singleServer>[0] = {}): Scenario {
  return singleServer({
    group: { count: 20, enrollment: { pattern: "even", from: 0, to: "1h" } },
    ...options,
  });
}

/** A scenario (by default `loadTestScenario()`) run by the fast engine: a run without load. */
export function plainRun(scenario: Scenario = loadTestScenario()): RawRun {
  return runEngine(compileSite(scenario, scenario.seed));
}

/** That run with `load` set to the given tallies. */
export function runWithLoad(load: readonly StationTally[], scenario?: Scenario): RawRun {
  return { ...plainRun(scenario), load };
}
