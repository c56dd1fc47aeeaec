// The table format of `sweep`: one row per variant, the varied values first, then each metric's
// mean ± the half-width of its 95% confidence interval, best and worst variant of each column marked.
// Pure: document in, text out.
import type { MetricStats } from "../sweep/aggregate.js";
import { valueText } from "../sweep/grid.js";
import {
  constantValue,
  type SweepHeader,
  type SweepResult,
  type SweepVariantResult,
} from "../sweep/document.js";
import { num } from "./format.js";
import { intervalText } from "./interval.js";
import { higherIsBetter } from "../compare/verdict.js";
import { glued, paragraph, section, table, type Cell } from "./layout.js";
import type { TerminalOptions, Tone } from "./terminal.js";
import { plural } from "./plural.js";
import { seedsText } from "./seeds.js";

/** Marks the best variant of a column. */
export const BEST = "✓";
/** Marks the worst variant of a column. */
export const WORST = "✗";

// Short headers for the contract's metrics; any other metric is headed by its path.
const LABELS: Readonly<Record<string, readonly string[]>> = {
  "timeToFirstSuccessSeconds.mean": ["first", "success", "mean (s)"],
  "timeToFirstSuccessSeconds.p50": ["first", "success", "p50 (s)"],
  "timeToFirstSuccessSeconds.p90": ["first", "success", "p90 (s)"],
  "timeToFirstSuccessSeconds.p99": ["first", "success", "p99 (s)"],
  "timeToFirstSuccessSeconds.max": ["first", "success", "max (s)"],
  "failedAttemptsBeforeSuccess.mean": ["failed", "tries", "before", "success", "mean"],
  "failedAttemptsBeforeSuccess.max": ["failed", "tries", "before", "success", "max"],
  "devices.connected": ["connected"],
  "devices.neverConnected": ["never", "connected"],
  "devices.enrollmentFailed": ["enrollment", "failed"],
  "attempts.failed": ["failed", "tries"],
};

/** Re-exported: the direction rule lives with the verdicts. */
export { higherIsBetter } from "../compare/verdict.js";

const pathHead = (path: string): Cell => ({ text: wrapPath(path), label: path });

// A long path as a header: broken at dots into lines of about 16 characters (tables stay narrow).
function wrapPath(path: string): string[] {
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
  return lines;
}

// The list layout names a column by its label: a path whole, never its pieces joined by spaces.
const label = (path: string): Cell => {
  const known = LABELS[path];
  return known !== undefined ? { text: known } : pathHead(path);
};

function cell(stats: MetricStats | undefined, mark: string): Cell {
  // A mean, its interval and its mark stay on one line.
  const body = glued(intervalText(stats?.mean, stats?.ci95, stats?.count ?? 0));
  if (mark === "" || body === "–") return body;
  return { text: glued(`${body} ${mark}`), tone: mark === BEST ? "good" : "bad" };
}

// Best and worst variant of one metric by mean; ties share the mark; no marks when all means are equal.
function marks(result: SweepResult, path: string): string[] {
  const means = result.variants.map((v) => v.metrics[path]?.mean ?? null);
  // Loops, not Math.min(...): a spread of a hundred thousand variants would overflow the stack.
  let lowest = Infinity;
  let highest = -Infinity;
  for (const m of means)
    if (m !== null) {
      lowest = Math.min(lowest, m);
      highest = Math.max(highest, m);
    }
  if (lowest === Infinity || lowest === highest) return means.map(() => "");
  const [best, worst] = higherIsBetter(path) ? [highest, lowest] : [lowest, highest];
  return means.map((m) => (m === best ? BEST : m === worst ? WORST : ""));
}

const varied = (v: SweepVariantResult): string[] => Object.values(v.set).map(valueText);

function title(result: SweepHeader | SweepResult, count: number): string {
  return `mdmsim sweep: ${result.scenario} (${plural(count, "variant")} × ${plural(result.runs, "run")}, ${seedsText(result.seeds)})`;
}

/**
 * With `--baseline K`: one row per variant, each shown metric's mean paired difference to variant K with
 * its interval and verdict.
 */
export function renderBaselineTable(
  result: SweepResult,
  shown: readonly string[],
  options: TerminalOptions = {},
): string {
  const first = result.variants[0];
  if (result.baseline === undefined || first === undefined) return "";
  const head = ["#", ...Object.keys(first.set).map(pathHead), ...shown.map(label)];
  const rows = result.variants.map((v, i): Cell[] => [
    i + 1 === result.baseline ? `${i + 1} (base)` : String(i + 1),
    ...varied(v),
    ...shown.map((p) => {
      const c = v.comparedToBaseline?.[p];
      if (c === undefined) return "–";
      const text = glued(intervalText(c.difference.mean, c.difference.ci95, result.runs));
      const tone: Tone | undefined =
        c.verdict === "better" ? "good" : c.verdict === "worse" ? "bad" : undefined;
      return c.verdict === "same" ? "same" : { text: [text, c.verdict], tone };
    }),
  ]);
  return section(
    `Against variant ${result.baseline}: mean paired difference (same seeds), 95% interval, verdict`,
    table(head, rows, options),
    options,
  );
}

/** The failed expectations: one row per variant and expectation that failed in some run. */
export function renderSweepFailures(result: SweepResult, options: TerminalOptions = {}): string {
  const first = result.variants[0];
  if (first === undefined) return "";
  const rows: Cell[][] = [];
  for (const v of result.variants)
    for (const e of v.expectations)
      if (!e.passed)
        rows.push([...varied(v), e.expression, { text: `${e.passedRuns}/${result.runs} runs`, tone: "bad" }]);
  if (rows.length === 0) return "";
  const keys = Object.keys(first.set);
  return section(
    "Failed expectations (runs in which each held)",
    table([...keys.map(pathHead), "expectation", "held in"], rows, {
      ...options,
      keyColumns: keys.length,
      labelledKey: true,
    }),
    options,
  );
}

/**
 * The table of `mdmsim sweep`. Metrics that were the same in every run of every variant are listed under
 * the table instead of filling columns.
 * @param options.quiet - print only the failed expectations
 */
export function renderSweepTable(
  result: SweepResult,
  options: TerminalOptions & { readonly quiet?: boolean } = {},
): string {
  if (options.quiet === true) return renderSweepFailures(result, options);
  const first = result.variants[0];
  if (first === undefined) return `${paragraph(title(result, 0), options, "title")}\n`;
  const paths = Object.keys(first.metrics);
  const constant = paths
    .map((p) => [p, constantValue(result, p)] as const)
    .filter(([, c]) => c !== undefined);
  const shown = paths.filter((p) => !constant.some(([c]) => c === p));
  const columnMarks = shown.map((p) => marks(result, p));
  const hasExpectations = result.variants.some((v) => v.expectations.length > 0);
  const keys = Object.keys(first.set);
  const head = [...keys.map(pathHead), ...shown.map(label), ...(hasExpectations ? ["expectations"] : [])];
  const rows = result.variants.map((v, i): Cell[] => {
    const failed = v.expectations.filter((e) => !e.passed).length;
    return [
      ...varied(v),
      ...shown.map((p, c) => cell(v.metrics[p], columnMarks[c]?.[i] ?? "")),
      ...(hasExpectations
        ? [
            failed === 0
              ? { text: "held", tone: "good" as const }
              : { text: `${failed} failed`, tone: "bad" as const },
          ]
        : []),
    ];
  });
  const body = table(head, rows, { ...options, keyColumns: keys.length, labelledKey: true });
  // A table ends in its border; a list (a narrow terminal) needs a blank line before the notes.
  const lines = [
    paragraph(title(result, result.variants.length), options, "title"),
    body.startsWith("┌") ? body : `${body}\n`,
  ];
  const notes = [
    result.runs > 1
      ? `mean ± half-width of the 95% confidence interval over ${result.runs} runs (Student's t), mean (lo–hi) where it is not symmetric (bootstrap for percentiles and maxima); no ± when every run agreed`
      : "mean of 1 run (no confidence interval)",
    `${BEST} best, ${WORST} worst of each column (lower is better; higher for connected)`,
  ];
  if (constant.length > 0)
    notes.push(
      `the same in every run: ${constant.map(([p, c]) => glued(`${p} ${c === null ? "–" : num(c)}`)).join(", ")}`,
    );
  lines.push(...notes.map((note) => paragraph(note, options)));
  const versus = renderBaselineTable(result, shown, options);
  const failures = renderSweepFailures(result, options);
  return `${lines.join("\n")}\n${versus === "" ? "" : `\n${versus}`}${failures === "" ? "" : `\n${failures}`}`;
}

/** `--list`: the variants and the number of runs, without running anything. Linear in the variants. */
export function renderSweepList(header: SweepHeader, options: TerminalOptions = {}): string {
  const first = header.variants[0];
  const keys = first ? Object.keys(first.set) : [];
  const rows = header.variants.map((v, i) => [String(i + 1), ...Object.values(v.set).map(valueText)]);
  const jobs = header.variants.length * header.runs;
  const heading = `${title(header, header.variants.length)}: ${plural(jobs, "simulation")}`;
  return `${paragraph(heading, options, "title")}\n${table(["#", ...keys.map(pathHead)], rows, options)}\n`;
}
