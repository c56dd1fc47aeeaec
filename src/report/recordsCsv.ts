// `run --records FILE.csv`: one row per device, what the run knows of each (times in seconds from the
// run's start, empty where it never happened), for a spreadsheet or a script.
import type { DeviceRecord } from "../results/device.js";
import { csvText, numberField } from "./csv.js";

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
  "lastFailureReason",
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
    numberField(r.enrolledAt),
    numberField(r.committedAt),
    r.managementPoint ?? "",
    numberField(r.visibleAt),
    numberField(r.firstSuccessAt),
    String(r.failedBeforeSuccess),
    r.lastReason ?? "",
  ]);
  return csvText([[...RECORD_COLUMNS], ...rows]);
}
