// `run --records FILE.csv`: one row per device, what the run knows of each (times in seconds from the
// run's start, to the millisecond, empty where it never happened; the reason of the device's last try, empty
// when that try succeeded), for a spreadsheet or a script.
import type { DeviceRecord } from "../results/device.js";
import { csvText, numberField } from "./csv.js";

const ms = (t: number | null): string => numberField(t === null ? null : Math.round(t * 1000) / 1000);

/** The columns of the records file, in order. */
export const RECORD_COLUMNS = [
  "device",
  "group",
  "platform",
  "enrolledAtSeconds",
  "committedAtSeconds",
  "managementPoint",
  "visibleAtSeconds",
  "firstSuccessAtSeconds",
  "failedTriesBeforeSuccess",
  "lastTryReason",
] as const;

/**
 * The records as CSV, a header line first.
 * @param platforms - each group's platform, by group name
 */
export function renderRecordsCsv(
  records: readonly DeviceRecord[],
  platforms: ReadonlyMap<string, string>,
): string {
  const rows = records.map((r) => [
    r.name,
    r.group,
    platforms.get(r.group) ?? "",
    ms(r.enrolledAt),
    ms(r.committedAt),
    r.managementPoint ?? "",
    ms(r.visibleAt),
    ms(r.firstSuccessAt),
    String(r.failedBeforeSuccess),
    r.lastReason ?? "",
  ]);
  return csvText([[...RECORD_COLUMNS], ...rows]);
}
