// What a run counts at each finite server (a role or a database with a `capacity`): the raw numbers the
// `load` result and the load charts are built from. Both engines fill it through the same Station code
// (station.ts), so the sums are made in the same order and give the same bits.
import { TimeSample } from "./timeSample.js";

/** The kinds of finite server; a role's kind is its role, a database's is `database`. */
export type StationKind =
  "enrollmentProxyPoint" | "enrollmentPoint" | "managementPoint" | "distributionPoint" | "database";

/** Per minute of the run at one finite server. */
export interface StationMinutes {
  /** Requests that arrived in the minute (whatever became of them). */
  readonly arrivals: Uint32Array;
  /** Services that ended in the minute. */
  readonly served: Uint32Array;
  /** Requests refused in the minute (queue full, or ended by an outage). */
  readonly refused: Uint32Array;
  /** Tries given up on in the minute (waiting or in service). */
  readonly timedOut: Uint32Array;
  /** Requests waiting at the minute's end (or at the run's end, for its last minute). */
  readonly queueAtEnd: Uint32Array;
  /** Busy worker-seconds in the minute (divide by 60 for the mean busy workers). */
  readonly busySeconds: Float64Array;
}

/** The counters of one finite server over a run. */
export interface StationTally {
  readonly kind: StationKind;
  /** The server's name for a role; `site` or the replica's name for a database. */
  readonly name: string;
  readonly workers: number;
  /** Finished requests: served + refused + left (a request still waiting or served at the end is in none). */
  requests: number;
  served: number;
  /** Refused at arrival (queue full) or ended by an outage. */
  refused: number;
  /** Left the queue at their deadline, unserved. */
  left: number;
  /** Tries given up on here: left, or in service at their deadline. */
  timedOut: number;
  /** Busy worker-seconds inside the run. */
  busySeconds: number;
  /** ∫ queue length dt over the run (for the time-average queue length). */
  queueArea: number;
  queueMax: number;
  /** Per served request, in the order services ended: arrival to service start. */
  readonly waits: TimeSample;
  /** Per served request, same order: arrival to service end. */
  readonly responses: TimeSample;
  readonly minutes: StationMinutes;
}

/** Zeroed counters of a finite server over a run of `duration` seconds. */
export function newStationTally(
  kind: StationKind,
  name: string,
  workers: number,
  duration: number,
): StationTally {
  const m = Math.max(1, Math.ceil(duration / 60));
  return {
    kind,
    name,
    workers,
    requests: 0,
    served: 0,
    refused: 0,
    left: 0,
    timedOut: 0,
    busySeconds: 0,
    queueArea: 0,
    queueMax: 0,
    waits: new TimeSample(),
    responses: new TimeSample(),
    minutes: {
      arrivals: new Uint32Array(m),
      served: new Uint32Array(m),
      refused: new Uint32Array(m),
      timedOut: new Uint32Array(m),
      queueAtEnd: new Uint32Array(m),
      busySeconds: new Float64Array(m),
    },
  };
}
