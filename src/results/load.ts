// The result's `load`: one entry per role and database with a `capacity`, built once from the run's station
// counters. Waits and responses are counted by the millisecond (model/load/timeSample.ts): percentiles are
// read from the counts, exact at the result's precision, whatever the number of requests.
import type { StationKind, StationTally } from "../model/load/stationTally.js";
import type { TimeSample } from "../model/load/timeSample.js";
import { stationSpecs } from "../model/load/plan.js";
import type { Scenario } from "../scenario/schema.js";
import { rankOf, round3 } from "./statistics.js";

/** Nearest-rank statistics of some seconds over the served requests; null when none was served. */
export interface LoadStatistics {
  readonly mean: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

/** One finite server over the run. */
export interface StationLoad {
  readonly workers: number;
  /** served + refused + requests that left the queue at their deadline (finished inside the run). */
  readonly requests: number;
  readonly served: number;
  /** Refused at arrival (queue full) or ended by an outage. */
  readonly refused: number;
  /** Tries the device gave up on while at this server (waiting or in service). */
  readonly timedOut: number;
  /** Busy worker-seconds / (workers × duration). */
  readonly utilisation: number;
  /** Arrival to service start, over served requests. */
  readonly waitSeconds: LoadStatistics;
  /** Arrival to service end, over served requests. */
  readonly responseSeconds: LoadStatistics;
  /** Waiting requests (not those in service): the most at once and the time average. */
  readonly queue: { readonly max: number; readonly meanLength: number };
}

/** The finite servers of a run by kind, each keyed by its server's name (`site` or a replica's for databases). */
export interface LoadResult {
  readonly managementPoints: Readonly<Record<string, StationLoad>>;
  readonly enrollmentProxyPoints: Readonly<Record<string, StationLoad>>;
  readonly enrollmentPoints: Readonly<Record<string, StationLoad>>;
  readonly distributionPoints: Readonly<Record<string, StationLoad>>;
  readonly databases: Readonly<Record<string, StationLoad>>;
}

/** The section of `load` each kind of finite server is listed in, in the document's order (keys in order). */
export const LOAD_SECTIONS: Readonly<Record<StationKind, keyof LoadResult>> = {
  managementPoint: "managementPoints",
  enrollmentProxyPoint: "enrollmentProxyPoints",
  enrollmentPoint: "enrollmentPoints",
  distributionPoint: "distributionPoints",
  database: "databases",
};

function statistics(sample: TimeSample): LoadStatistics {
  const n = sample.count;
  if (n === 0) return { mean: null, p50: null, p90: null, p99: null, max: null };
  const at = (q: number) => round3(sample.kth(rankOf(n, q)) / 1000);
  return { mean: round3(sample.sum / n), p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) };
}

/** One finite server's entry; `duration` is the run's length in seconds. */
export function stationLoad(tally: StationTally, duration: number): StationLoad {
  const perSecond = (x: number, per: number) => (per > 0 ? round3(x / per) : 0);
  return {
    workers: tally.workers,
    requests: tally.requests,
    served: tally.served,
    refused: tally.refused,
    timedOut: tally.timedOut,
    utilisation: perSecond(tally.busySeconds, tally.workers * duration),
    waitSeconds: statistics(tally.waits),
    responseSeconds: statistics(tally.responses),
    queue: { max: tally.queueMax, meanLength: perSecond(tally.queueArea, duration) },
  };
}

/** The result's `load` from the run's station counters (in station order inside each section). */
export function buildLoad(stations: readonly StationTally[], duration: number): LoadResult {
  const entries = (section: keyof LoadResult) =>
    // fromEntries defines own properties, so any server name is a plain key.
    Object.fromEntries(
      stations
        .filter((s) => LOAD_SECTIONS[s.kind] === section)
        .map((s) => [s.name, stationLoad(s, duration)]),
    );
  return {
    managementPoints: entries("managementPoints"),
    enrollmentProxyPoints: entries("enrollmentProxyPoints"),
    enrollmentPoints: entries("enrollmentPoints"),
    distributionPoints: entries("distributionPoints"),
    databases: entries("databases"),
  };
}

/** One entry of `load` with what it is. */
export interface LoadEntry {
  readonly kind: StationKind;
  readonly name: string;
  readonly load: StationLoad;
}

/** The entries of `load` in document order: section by section, each in its order. */
export function loadEntries(load: LoadResult): LoadEntry[] {
  return (Object.entries(LOAD_SECTIONS) as [StationKind, keyof LoadResult][]).flatMap(([kind, section]) =>
    Object.entries(load[section]).map(([name, entry]) => ({ kind, name, load: entry })),
  );
}

/**
 * The load paths `sweep` and `compare` report besides their defaults when a scenario has finite servers:
 * each one's utilisation and 99th-percentile response, so a change shows its price beside its gain.
 */
export function loadMetricPaths(scenario: Scenario): string[] {
  return stationSpecs(scenario).stations.flatMap((s) => {
    const at = `load.${LOAD_SECTIONS[s.kind]}.${s.name}`;
    return [`${at}.utilisation`, `${at}.responseSeconds.p99`];
  });
}
