// The table and markdown formats of `compare`: the configuration difference first (like a plan), then one
// row per metric (A, B, the paired difference B − A, the relative change, the verdict), then B's failed
// expectations. Both formats render the same sections; pure: document in, text out.
import { percentText } from "../report/format.js";
import { intervalText } from "../report/interval.js";
import { glued, paragraph, section, table, unglued } from "../report/layout.js";
import { visible, type TerminalOptions } from "../report/terminal.js";
import { valueText } from "../sweep/grid.js";
import type { CompareResult, CompareSide } from "./compare.js";
import { plural } from "../report/plural.js";
import { seedsText } from "../report/seeds.js";

/** A titled table with notes under it. */
interface Block {
  readonly title: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly notes: readonly string[];
}

const shown = (value: unknown): string => (value === null ? "(none)" : valueText(value));

function sideText(side: CompareSide): string {
  const changes = Object.keys(side.with).length;
  return changes === 0
    ? `${side.scenario} (${side.file})`
    : `${side.scenario} (${side.file} with ${plural(changes, "change")})`;
}

function title(result: CompareResult): string {
  return `mdmsim compare: A = ${sideText(result.a)}, B = ${sideText(result.b)}; ${plural(result.runs, "run")} each, ${seedsText(result.seeds)} on both sides`;
}

/** `-14.2% (-14.8 to -13.6%)`: the relative change and its interval. */
function relativeText(relative: number | null, ci95: readonly [number, number] | null): string {
  if (relative === null || ci95 === null || ci95[0] === ci95[1]) return percentText(relative);
  return `${percentText(relative)} (${percentText(ci95[0]).slice(0, -1)} to ${percentText(ci95[1])})`;
}

function blocks(result: CompareResult): Block[] {
  const out: Block[] = [];
  const diffs = result.configurationDifferences;
  out.push({
    title: `Configuration difference (${plural(diffs.length, "path")})`,
    head: ["path", "A", "B"],
    rows: diffs.map((d) => [d.path, shown(d.a), shown(d.b)]),
    notes: diffs.length === 0 ? ["none: A and B load to the same scenario"] : [],
  });
  const count = result.runs;
  out.push({
    title: "B against A",
    head: ["metric", "A", "B", "B − A (paired)", "relative", "verdict"],
    rows: Object.entries(result.metrics).map(([path, m]) => [
      path,
      glued(intervalText(m.a.mean, m.a.ci95, count)),
      glued(intervalText(m.b.mean, m.b.ci95, count)),
      glued(intervalText(m.difference.mean, m.difference.ci95, count)),
      glued(relativeText(m.relative, m.relativeCi95)),
      m.verdict,
    ]),
    notes: [
      `mean ± half-width of the 95% interval over ${count} runs, or mean (lo–hi) where the interval is not symmetric;`,
      "B − A is the mean of the differences between runs with the same seed. Student's t for means and counts,",
      "a bootstrap over the runs for percentiles and maxima. better/worse: the interval of B − A excludes 0",
      "(lower is better; higher for connected, enrolled, succeeded); same: every paired difference is 0.",
      "relative: B/A − 1, with the interval of B − A over A's mean.",
    ],
  });
  const failed = result.expectations.filter((e) => !e.passed);
  if (failed.length > 0)
    out.push({
      title: "Failed expectations on B (runs in which each held)",
      head: ["expectation", "held in"],
      rows: failed.map((e) => [e.expression, `${e.passedRuns}/${result.runs} runs`]),
      notes: [],
    });
  return out;
}

/** The table format of `mdmsim compare`, fitted to the terminal when `options.columns` is given. */
export function renderCompareTable(result: CompareResult, options: TerminalOptions = {}): string {
  const parts = blocks(result).map((b) => {
    const drawn = b.rows.length > 0 ? table(b.head, b.rows, options) : "";
    // A table ends in its border; a list (a narrow terminal) needs a blank line before the notes.
    const body = drawn === "" || drawn.startsWith("┌") || b.notes.length === 0 ? drawn : `${drawn}\n`;
    // The notes are one paragraph, wrapped to the terminal rather than at fixed places.
    const notes = b.notes.length > 0 ? [paragraph(b.notes.join(" "), options)] : [];
    return section(b.title, [body, ...notes].filter((l) => l !== "").join("\n"), options);
  });
  return `${paragraph(title(result), options, "title")}\n\n${parts.join("\n")}`;
}

// A cell of a GitHub-flavoured markdown table, and the title. Names, paths and values come from the
// scenario: as markdown they would be links, emphasis, HTML or a broken table. Control characters and line
// breaks become visible escapes first, as on a terminal (one line a row); then every character markdown
// acts on is backslash-escaped, and so are the `:` of a URL, the `.` after `www` and the `@` of an
// address, which GitHub would otherwise turn into links.
const MARKUP = /[\\`*_[\]<>|~&!#]|:(?=\/\/)|(?<=www)\.|@/gi;
const markdownText = (text: string): string => visible(unglued(text)).replace(MARKUP, "\\$&");

function markdownTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(markdownText).join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

/** `--format markdown`: the same sections as GitHub-flavoured markdown, for a change request. */
export function renderCompareMarkdown(result: CompareResult): string {
  const parts = blocks(result).map((b) => {
    const lines = [`### ${b.title}`, ""];
    if (b.rows.length > 0) lines.push(markdownTable(b.head, b.rows), "");
    if (b.notes.length > 0) lines.push(b.notes.join(" "), "");
    return lines.join("\n");
  });
  return `**${markdownText(title(result))}**\n\n${parts.join("\n")}`;
}
