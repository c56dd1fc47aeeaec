// One record per device (`perDevice`): the walk's outcome with "never happened" as null.
import type { DeviceRecord } from "../results/device.js";
import type { Server } from "../scenario/schema.js";
import { OK, REASONS } from "./reasons.js";
import type { DeviceOutcome, WalkSink } from "./sink.js";

const at = (t: number): number | null => (t >= 0 && Number.isFinite(t) ? t : null);

/** What an engine knew of a device at its end: times (negative or infinite: never), reasons as ids. */
export interface DeviceFacts {
  readonly index: number;
  readonly enrolledAt: number;
  readonly lastEnrollReason: number;
  readonly committedAt: number;
  readonly visibleAt: number;
  readonly firstSuccessAt: number;
  readonly failedBefore: number;
  readonly lastReason: number;
}

/**
 * A device's record, "never happened" as null: both engines' one rule for it and for its last reason.
 * @param managementPoint - the name of the management point it was assigned, or null
 */
export function deviceRecord(group: string, managementPoint: string | null, d: DeviceFacts): DeviceRecord {
  const committed = d.committedAt >= 0;
  // A device that did not enroll reports its last enrollment reason; one whose commit fell after the end, none.
  const last = committed ? d.lastReason : d.enrolledAt >= 0 ? OK : d.lastEnrollReason;
  return {
    name: `${group}-${d.index + 1}`,
    group,
    enrolledAt: at(d.enrolledAt),
    committedAt: at(d.committedAt),
    managementPoint: committed ? managementPoint : null,
    visibleAt: committed ? at(d.visibleAt) : null,
    firstSuccessAt: at(d.firstSuccessAt),
    failedBeforeSuccess: d.failedBefore,
    lastReason: last === OK ? null : (REASONS[last] ?? null),
  };
}

/** Keeps a `DeviceRecord` for every device of one group, appended to a run-wide list. */
export class RecordSink implements WalkSink {
  constructor(
    private readonly group: string,
    private readonly managementPoints: readonly Server[],
    private readonly records: DeviceRecord[],
  ) {}

  enrollmentTry(): void {}
  managementPointTry(): void {}
  okPolls(): void {}
  content(): void {}
  switched(): void {}
  deployment(): void {}

  endDevice(d: DeviceOutcome): void {
    this.records.push(deviceRecord(this.group, this.managementPoints[d.managementPoint]?.name ?? null, d));
  }
}
