// The table format of `sweep`: one row per variant, the varied values first, then each metric's
// mean ± the half-width of its 95% confidence interval, best and worst variant of each column marked.
// Pure: document in, text out.
import type { MetricStats } from "../sweep/aggregate.js";
import { valueText } from "../sweep/grid.js";
import type { SweepHeader, SweepResult, SweepVariantResult } from "../sweep/sweep.js";
import { num, section, table } from "./format.js";
import { intervalText } from "./interval.js";
import { higherIsBetter } from "../compare/verdict.js";

/** Marks the best variant of a column. */
export const BEST = "✓";
/** Marks the worst variant of a column. */
export const WORST = "✗";

// Short headers for the contract's metrics; any other metric is headed by its path.
const LABELS: Readonly<Record<string, string>> = {
  "timeToFirstSuccessSeconds.mean": "first\nsuccess\nmean (s)",
  "timeToFirstSuccessSeconds.p50": "first\nsuccess\np50 (s)",
  "timeToFirstSuccessSeconds.p90": "first\nsuccess\np90 (s)",
  "timeToFirstSuccessSeconds.p99": "first\nsuccess\np99 (s)",
  "timeToFirstSuccessSeconds.max": "first\nsuccess\nmax (s)",
  "failedAttemptsBeforeSuccess.mean": "failed\npolls\nmean",
  "failedAttemptsBeforeSuccess.max": "failed\npolls\nmax",
  "devices.connected": "connected",
  "devices.neverConnected": "never\nconnected",
  "devices.enrollmentFailed": "enrollment\nfailed",
  "attempts.failed": "failed\ntries",
};

/** Re-exported: the direction rule lives with the verdicts. */
export { higherIsBetter } from "../compare/verdict.js";

// A long path as a header: broken at dots into lines of about 16 characters (tables stay narrow).
function wrapPath(path: string): string {
  const lines: string[] = [];
  let line = "";
  for (const part of path.split(".")) {
    const next = line === "" ? part : `${line}.${part}`;
    if (line !== "" && next.length > 16) {
      lines.push(`${line}.`);
      line = part;
    } else line = next;
  }
  lines.push(line);
  return lines.join("\n");
}

const label = (path: string): string => LABELS[path] ?? wrapPath(path);

function cell(stats: MetricStats | undefined, mark: string): string {
  const body = intervalText(stats?.mean, stats?.ci95, stats?.count ?? 0);
  return mark === "" || body === "–" ? body : `${body} ${mark}`;
}

// A metric is constant when every run of every variant gave the same value: such a column is a footnote.
function constantValue(result: SweepResult, path: string): number | null | undefined {
  let value: number | null | undefined;
  for (const v of result.variants) {
    const s = v.metrics[path];
    if (s === undefined || s.min !== s.max || s.count !== result.runs) return undefined;
    if (value === undefined) value = s.min;
    else if (value !== s.min) return undefined;
  }
  return value;
}

// Best and worst variant of one metric by mean; ties share the mark; no marks when all means are equal.
function marks(result: SweepResult, path: string): string[] {
  const means = result.variants.map((v) => v.metrics[path]?.mean ?? null);
  const known = means.filter((m): m is number => m !== null);
  if (known.length === 0) return means.map(() => "");
  const lowest = Math.min(...known);
  const highest = Math.max(...known);
  if (lowest === highest) return means.map(() => "");
  const [best, worst] = higherIsBetter(path) ? [highest, lowest] : [lowest, highest];
  return means.map((m) => (m === best ? BEST : m === worst ? WORST : ""));
}

const varied = (v: SweepVariantResult): string[] => Object.values(v.set).map(valueText);

function title(result: SweepHeader | SweepResult, count: number): string {
  const seeds = result.seeds;
  const seedText =
    seeds.length === 1 ? `seed ${seeds[0] ?? 0}` : `seeds ${seeds[0] ?? 0}…${seeds[seeds.length - 1] ?? 0}`;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `mdmsim sweep: ${result.scenario} (${plural(count, "variant")} × ${plural(result.runs, "run")}, ${seedText})`;
}

/**
 * With `--baseline K`: one row per variant, each shown metric's mean paired difference to variant K with
 * its interval and verdict.
 */
export function renderBaselineTable(result: SweepResult, shown: readonly string[]): string {
  const first = result.variants[0];
  if (result.baseline === undefined || first === undefined) return "";
  const head = ["#", ...Object.keys(first.set).map(wrapPath), ...shown.map(label)];
  const rows = result.variants.map((v, i) => [
    i + 1 === result.baseline ? `${i + 1} (base)` : String(i + 1),
    ...varied(v),
    ...shown.map((p) => {
      const c = v.comparedToBaseline?.[p];
      if (c === undefined) return "–";
      const text = intervalText(c.difference.mean, c.difference.ci95, result.runs);
      return c.verdict === "same" ? "same" : `${text}\n${c.verdict}`;
    }),
  ]);
  return section(
    `Against variant ${result.baseline}: mean paired difference (same seeds), 95% interval, verdict`,
    table(head, rows),
  );
}

/** The failed expectations: one row per variant and expectation that failed in some run. */
export function renderSweepFailures(result: SweepResult): string {
  const first = result.variants[0];
  if (first === undefined) return "";
  const rows: string[][] = [];
  for (const v of result.variants)
    for (const e of v.expectations)
      if (!e.passed) rows.push([...varied(v), e.expression, `${e.passedRuns}/${result.runs} runs`]);
  if (rows.length === 0) return "";
  return section(
    "Failed expectations (runs in which each held)",
    table([...Object.keys(first.set).map(wrapPath), "expectation", "held in"], rows),
  );
}

/**
 * The table of `mdmsim sweep`. Metrics that were the same in every run of every variant are listed under
 * the table instead of filling columns.
 * @param options.quiet - print only the failed expectations
 */
export function renderSweepTable(result: SweepResult, options: { quiet?: boolean } = {}): string {
  if (options.quiet === true) return renderSweepFailures(result);
  const first = result.variants[0];
  if (first === undefined) return `${title(result, 0)}\n`;
  const paths = Object.keys(first.metrics);
  const constant = paths
    .map((p) => [p, constantValue(result, p)] as const)
    .filter(([, c]) => c !== undefined);
  const shown = paths.filter((p) => !constant.some(([c]) => c === p));
  const columnMarks = shown.map((p) => marks(result, p));
  const hasExpectations = result.variants.some((v) => v.expectations.length > 0);
  const head = [
    ...Object.keys(first.set).map(wrapPath),
    ...shown.map(label),
    ...(hasExpectations ? ["expectations"] : []),
  ];
  const rows = result.variants.map((v, i) => {
    const failed = v.expectations.filter((e) => !e.passed).length;
    return [
      ...varied(v),
      ...shown.map((p, c) => cell(v.metrics[p], columnMarks[c]?.[i] ?? "")),
      ...(hasExpectations ? [failed === 0 ? "held" : `${failed} failed`] : []),
    ];
  });
  const lines = [title(result, result.variants.length), table(head, rows)];
  lines.push(
    result.runs > 1
      ? `mean ± half-width of the 95% confidence interval over ${result.runs} runs (Student's t), mean (lo–hi) where it is not symmetric (bootstrap for percentiles and maxima); no ± when every run agreed`
      : "mean of 1 run (no confidence interval)",
    `${BEST} best, ${WORST} worst of each column (lower is better; higher for connected)`,
  );
  if (constant.length > 0)
    lines.push(
      `the same in every run: ${constant.map(([p, c]) => `${p} ${c === null ? "–" : num(c)}`).join(", ")}`,
    );
  const versus = renderBaselineTable(result, shown);
  const failures = renderSweepFailures(result);
  return `${lines.join("\n")}\n${versus === "" ? "" : `\n${versus}`}${failures === "" ? "" : `\n${failures}`}`;
}

/** `--list`: the variants and the number of runs, without running anything. */
export function renderSweepList(header: SweepHeader): string {
  const first = header.variants[0];
  const keys = first ? Object.keys(first.set) : [];
  const rows = header.variants.map((v, i) => [String(i + 1), ...Object.values(v.set).map(valueText)]);
  const jobs = header.variants.length * header.runs;
  return `${title(header, header.variants.length)}: ${jobs} simulation${jobs === 1 ? "" : "s"}\n${table(["#", ...keys.map(wrapPath)], rows)}\n`;
}
