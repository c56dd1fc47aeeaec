// The result's `load` (load.md "Results"): one entry per role and database with a `capacity`, built once
// from the run's station counters. Lists of waits can hold tens of millions of values, so percentiles are
// selected in one scratch copy (shared by a server's waits and responses), never sorted copies.
import type { StationKind, StationTally } from "../model/load/stationTally.js";
import { mean, nearestRanksBySelection, round3 } from "./statistics.js";

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

const PERCENTILES = [0.5, 0.9, 0.99];

function statistics(values: Float64Array, scratch: Float64Array): LoadStatistics {
  const m = mean(values);
  if (m === null) return { mean: null, p50: null, p90: null, p99: null, max: null };
  const [p50, p90, p99, max] = nearestRanksBySelection(values, [...PERCENTILES, 1], scratch);
  const r = (x: number | null | undefined) => (x === null || x === undefined ? null : round3(x));
  return { mean: round3(m), p50: r(p50), p90: r(p90), p99: r(p99), max: r(max) };
}

/**
 * One finite server's entry.
 * @param duration - the run's length in seconds
 * @param scratch - room for the server's waits (reused for its responses); made when not given
 */
export function stationLoad(tally: StationTally, duration: number, scratch?: Float64Array): StationLoad {
  const waits = tally.waits.values();
  const responses = tally.responses.values();
  const room =
    scratch && scratch.length >= Math.max(waits.length, responses.length)
      ? scratch
      : new Float64Array(Math.max(waits.length, responses.length));
  const perSecond = (x: number, per: number) => (per > 0 ? round3(x / per) : 0);
  return {
    workers: tally.workers,
    requests: tally.requests,
    served: tally.served,
    refused: tally.refused,
    timedOut: tally.timedOut,
    utilisation: perSecond(tally.busySeconds, tally.workers * duration),
    waitSeconds: statistics(waits, room),
    responseSeconds: statistics(responses, room),
    queue: { max: tally.queueMax, meanLength: perSecond(tally.queueArea, duration) },
  };
}

/** The result's `load` from the run's station counters (in station order inside each section). */
export function buildLoad(stations: readonly StationTally[], duration: number): LoadResult {
  // One scratch array for every server: the longest list decides its size.
  const longest = stations.reduce((n, s) => Math.max(n, s.waits.length, s.responses.length), 0);
  const scratch = new Float64Array(longest);
  const entries = (section: keyof LoadResult) =>
    // fromEntries defines own properties, so any server name is a plain key.
    Object.fromEntries(
      stations
        .filter((s) => LOAD_SECTIONS[s.kind] === section)
        .map((s) => [s.name, stationLoad(s, duration, scratch)]),
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
