// The csv format of `sweep`: one row per variant (tidy data for a spreadsheet or a plot), the varied
// values first, then each metric's mean, ci95 bounds, min, max and count, then the runs in which each
// expectation held.
import type { SweepHeader, SweepResult } from "../sweep/document.js";
import { valueText } from "../sweep/grid.js";
import { csvText, numberField as field } from "./csv.js";

const STATS = ["mean", "ci95.lo", "ci95.hi", "min", "max", "count"] as const;
const VERSUS = ["mean", "ci95.lo", "ci95.hi", "relative", "verdict"] as const;

/**
 * Renders a sweep document as CSV. Columns: each varied path, then `<metric>.mean`, `.ci95.lo`, `.ci95.hi`,
 * `.min`, `.max`, `.count` per metric, with `--baseline` then `<metric>.vsBaseline.mean`, `.ci95.lo`,
 * `.ci95.hi`, `.relative`, `.verdict` per metric, then `<expression> passedRuns` per expectation (in first-seen
 * order over the variants; empty where a variant lacks it). Empty cells are nulls.
 */
export function renderSweepCsv(result: SweepResult): string {
  const first = result.variants[0];
  const paths = first ? Object.keys(first.set) : [];
  const metrics = first ? Object.keys(first.metrics) : [];
  const expressions: string[] = [];
  for (const v of result.variants)
    for (const e of v.expectations) if (!expressions.includes(e.expression)) expressions.push(e.expression);
  const paired = result.baseline !== undefined;
  const head = [
    ...paths,
    ...metrics.flatMap((m) => STATS.map((s) => `${m}.${s}`)),
    ...(paired ? metrics.flatMap((m) => VERSUS.map((s) => `${m}.vsBaseline.${s}`)) : []),
    ...expressions.map((e) => `${e} passedRuns`),
  ];
  const rows = result.variants.map((v) => [
    ...paths.map((p) => valueText(v.set[p])),
    ...metrics.flatMap((m) => {
      const s = v.metrics[m];
      return [s?.mean, s?.ci95?.[0], s?.ci95?.[1], s?.min, s?.max, s?.count].map(field);
    }),
    ...(paired
      ? metrics.flatMap((m) => {
          const c = v.comparedToBaseline?.[m];
          const d = c?.difference;
          return [...[d?.mean, d?.ci95?.[0], d?.ci95?.[1], c?.relative].map(field), c?.verdict ?? ""];
        })
      : []),
    ...expressions.map((e) => field(v.expectations.find((x) => x.expression === e)?.passedRuns)),
  ]);
  return csvText([head, ...rows]);
}

/** `--list --format csv`: a `variant` number (from 1) and the varied values, one row per variant. */
export function renderSweepListCsv(header: SweepHeader): string {
  const paths = Object.keys(header.variants[0]?.set ?? {});
  const rows = header.variants.map((v, i) => [String(i + 1), ...paths.map((p) => valueText(v.set[p]))]);
  return csvText([["variant", ...paths], ...rows]);
}
