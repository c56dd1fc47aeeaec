// The csv format of `compare`: one row per metric (tidy data for a spreadsheet).
import { csvText, numberField as field } from "../report/csv.js";
import type { CompareResult } from "./compare.js";

const HEAD = [
  "metric",
  "method",
  "a.mean",
  "a.ci95.lo",
  "a.ci95.hi",
  "b.mean",
  "b.ci95.lo",
  "b.ci95.hi",
  "difference.mean",
  "difference.ci95.lo",
  "difference.ci95.hi",
  "relative",
  "relative.ci95.lo",
  "relative.ci95.hi",
  "verdict",
];

/** Renders a comparison's metrics as CSV, a row per metric; empty cells are nulls. */
export function renderCompareCsv(result: CompareResult): string {
  const rows = Object.entries(result.metrics).map(([path, m]) => [
    path,
    m.method,
    ...[m.a, m.b, m.difference].flatMap((s) => [s.mean, s.ci95?.[0], s.ci95?.[1]].map(field)),
    ...[m.relative, m.relativeCi95?.[0], m.relativeCi95?.[1]].map(field),
    m.verdict,
  ]);
  return csvText([HEAD, ...rows]);
}
