// What the report's and the studio's load charts draw per finite server: its per-minute counts, queue and
// busy workers, and the outages that explain them. Built once from the run's station counters.
import type { StationKind, StationTally } from "../model/load/stationTally.js";
import { databaseOutages } from "../model/rules.js";
import type { SiteModel } from "../model/site.js";
import type { Outage } from "../scenario/schema.js";

/** One finite server (a role or a database with a `capacity`) minute by minute. */
export interface StationSeries {
  readonly kind: StationKind;
  /** The server's name for a role; `site` or the replica's name for a database. */
  readonly name: string;
  readonly workers: number;
  /** Requests that arrived in each minute. */
  readonly arrivals: Uint32Array;
  /** Services that ended in each minute. */
  readonly served: Uint32Array;
  /** Requests refused in each minute (queue full, or ended by an outage). */
  readonly refused: Uint32Array;
  /** Tries given up on in each minute. */
  readonly timedOut: Uint32Array;
  /** Requests waiting at each minute's end (at the run's end for the last). */
  readonly queueAtEnd: Uint32Array;
  /** Mean busy workers in each minute. */
  readonly busyWorkers: Float64Array;
  /** Busy workers / workers in each minute, 0 to 1. */
  readonly utilisation: Float64Array;
  /** When it was down: its server's outages for a role, the database's own for a database. */
  readonly outages: readonly Outage[];
}

/**
 * Busy worker-seconds per minute as mean busy workers: over 60 s, and over the part inside the run for a
 * last minute the run cuts short (60 s there would show a drop that did not happen).
 */
function busyWorkers(busySeconds: Float64Array, duration: number): Float64Array {
  return busySeconds.map((s, m) => {
    const length = Math.min(60, duration - 60 * m);
    return length > 0 ? s / length : 0;
  });
}

function outagesOf(site: SiteModel, station: StationTally): readonly Outage[] {
  if (station.kind === "database") return databaseOutages(site.scenario.site, station.name);
  return site.scenario.site.servers.find((s) => s.name === station.name)?.outages ?? [];
}

/** The series of each finite server, in station order (none without `load`). */
export function loadSeries(site: SiteModel, stations: readonly StationTally[] | null): StationSeries[] {
  return (stations ?? []).map((station) => {
    const m = station.minutes;
    const busy = busyWorkers(m.busySeconds, site.duration);
    return {
      kind: station.kind,
      name: station.name,
      workers: station.workers,
      arrivals: m.arrivals,
      served: m.served,
      refused: m.refused,
      timedOut: m.timedOut,
      queueAtEnd: m.queueAtEnd,
      busyWorkers: busy,
      utilisation: busy.map((b) => (station.workers > 0 ? b / station.workers : 0)),
      outages: outagesOf(site, station),
    };
  });
}
