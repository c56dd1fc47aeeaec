// What a run reports about single devices: the timeline of one traced device, and one record per device.

/** One event of a traced device. */
export interface TraceEvent {
  /** Simulation time, seconds. */
  readonly time: number;
  /** Equal-time order (`Priority`). */
  readonly priority: number;
  /** What happened: `enrollment-try`, `commit`, `assigned`, `sync`, `visible`, `poll`, `retry`, `content`. */
  readonly event: string;
  /** `ok`, a reason, or a short note. */
  readonly outcome: string;
  /** The server or replica involved, when one is. */
  readonly target: string | null;
}

/** Per-device outcome, when `perDevice` is asked for. Times in seconds, null where it never happened. */
export interface DeviceRecord {
  readonly name: string;
  readonly group: string;
  readonly enrolledAt: number | null;
  readonly committedAt: number | null;
  readonly managementPoint: string | null;
  /** When the record becomes visible to the device's DMP (a tick in the run carried it), or null. */
  readonly visibleAt: number | null;
  readonly firstSuccessAt: number | null;
  readonly failedBeforeSuccess: number;
  readonly lastReason: string | null;
}
