// The report of a sweep: what was varied, expectations per variant, each metric against the varied parameter
// with its 95% confidence band, the table of means, and the base scenario's findings and reachability.
import { checkScenario } from "../../checks/checkScenario.js";
import { reachability } from "../../model/reachability.js";
import type { Scenario } from "../../scenario/schema.js";
import type { MetricStats } from "../../sweep/aggregate.js";
import { valueText } from "../../sweep/grid.js";
import type { SweepResult } from "../../sweep/document.js";
import { intervalText } from "../interval.js";
import { num, secondsText } from "../format.js";
import { isSecondsMetric } from "../../sweep/metricProfile.js";
import {
  card,
  escapeHtml,
  htmlTable,
  numCell,
  page,
  pathHtml,
  raw,
  tag,
  type Cell,
  type Section,
} from "./document.js";
import { shortNames, valuesText } from "./variedNames.js";
import { figuresOf, finishReport, type PlannedChart, type Report } from "./plannedChart.js";
import { findingsSection, reachabilitySection } from "./siteSections.js";
import { isConstantMetric, metricTitle, sweepAxis, sweepChartSpec } from "./sweepChart.js";
import { plural } from "../plural.js";
import { seedsText } from "../seeds.js";

/** What a sweep report is made from. */
export interface SweepReportInput {
  /** The scenario the grid was built on (after `--set`): its findings and reachability are reported. */
  readonly scenario: Scenario;
  /** The sweep document (`runSweep`, or the shell's `assembleSweep`). */
  readonly result: SweepResult;
  /** The command line that made it, shown in the footer. */
  readonly command: string;
}

const metricPaths = (result: SweepResult): string[] => Object.keys(result.variants[0]?.metrics ?? {});

const variedPaths = (result: SweepResult): string[] => Object.keys(result.variants[0]?.set ?? {});

/** A varied path as a caption names it: its short name, the full path beside it where that is longer. */
function pathWords(path: string, names: ReadonlyMap<string, string>): string {
  const name = names.get(path) ?? path;
  return name === path ? pathHtml(path).html : `<code>${escapeHtml(name)}</code> (${pathHtml(path).html})`;
}

function chartCaption(result: SweepResult, metric: string, spec: unknown): string {
  const axis = sweepAxis(result);
  const paths = variedPaths(result);
  const names = shortNames(paths);
  const parts = [`${pathHtml(metric).html} against ${axis ? pathWords(axis.path, names) : ""}`];
  const others = paths.filter((p) => p !== axis?.path);
  const values = (spec as { data?: { values?: { series: string }[] } }).data?.values ?? [];
  const drawn = new Set(values.map((v) => v.series)).size;
  const combinations = new Set(result.variants.map((v) => valuesText(v.set, others, names))).size;
  if (others.length > 0 && drawn < combinations)
    parts.push("series that are the same in every variant are drawn once, named together in the legend");
  return parts.join("; ");
}

/** The charts of a sweep report: one per metric that varied, in metric order. */
export function sweepReportCharts(result: SweepResult): PlannedChart[] {
  const axis = sweepAxis(result);
  return metricPaths(result).flatMap((metric, i) => {
    if (isConstantMetric(result, metric)) return [];
    const spec = sweepChartSpec(result, metric);
    if (spec === null || axis === null) return [];
    const charts: PlannedChart[] = [
      {
        section: "metrics",
        id: `chart-metric-${i + 1}`,
        title: metricTitle(metric),
        spec,
        caption: chartCaption(result, metric, spec),
      },
    ];
    const paired = result.baseline !== undefined ? sweepChartSpec(result, metric, "baseline") : null;
    if (paired !== null)
      charts.push({
        section: "metrics",
        id: `chart-metric-${i + 1}-baseline`,
        title: `${metricTitle(metric)}: against variant ${result.baseline ?? 1}`,
        spec: paired,
        caption: `each variant's mean paired difference to variant ${result.baseline ?? 1} (same seeds), with its 95% interval; an interval clear of the dashed zero line is a verdict`,
      });
    return charts;
  });
}

// What every chart of the section shows, said once above them.
function metricsIntro(result: SweepResult): string {
  const axis = sweepAxis(result);
  const bars = axis?.kind === "category";
  const band =
    result.runs > 1
      ? `${bars ? "the rule across its top" : "the shaded band"} is its 95% confidence interval (over the ${result.runs} runs: Student's t for means and counts, a bootstrap for percentiles and maxima)`
      : "one run per variant, so there is no confidence interval";
  const names = shortNames(variedPaths(result));
  const others = variedPaths(result).filter((p) => p !== axis?.path);
  const lines =
    others.length > 0
      ? ` One ${bars ? "colour of bar" : "line"} per value of ${others.map((p) => pathWords(p, names)).join(", ")}.`
      : "";
  return `<p>Each ${bars ? "bar" : "point"} is a variant's mean over its runs (${seedsText(result.seeds)}, the same seeds in every variant: variants differ by what was varied, not by luck); ${band}.${lines}</p>`;
}

function statsText(metric: string, stats: MetricStats | undefined): string {
  const text = intervalText(stats?.mean, stats?.ci95, stats?.count ?? 0);
  return isSecondsMetric(metric) ? secondsText(stats?.mean, { text, unit: false }) : text;
}

function overviewSection(result: SweepResult): Section {
  const first = result.variants[0];
  const paths = Object.keys(first?.set ?? {});
  const values = (p: string) => [...new Set(result.variants.map((v) => valueText(v.set[p])))];
  const failed = result.variants.filter((v) => v.expectations.some((e) => !e.passed)).length;
  const cards = [
    card(String(result.variants.length), "variants"),
    card(String(result.runs), "runs per variant"),
    card(String(result.variants.length * result.runs), "simulations"),
    card(seedsText(result.seeds).replace(/^seeds? /, ""), "seeds (the same in every variant)"),
    card(String(failed), "variants with a failed expectation"),
  ];
  const names = shortNames(paths);
  const varied = htmlTable(
    ["varied", "path", "values"],
    paths.map((p) => [names.get(p) ?? p, pathHtml(p), values(p).join(", ")]),
  );
  return {
    id: "sweep",
    title: "Sweep",
    body: `<div class="cards">\n${cards.join("\n")}\n</div>\n${varied}`,
  };
}

function expectationsSection(result: SweepResult): Section {
  const first = result.variants[0];
  const expressions = [...new Set(result.variants.flatMap((v) => v.expectations.map((e) => e.expression)))];
  if (first === undefined || expressions.length === 0)
    return {
      id: "expectations",
      title: "Expectations",
      body: "<p>None: the scenario sets no <code>expectations</code> and no <code>--expect</code> was given.</p>",
    };
  const paths = Object.keys(first.set);
  const failedVariants = result.variants.filter((v) => v.expectations.some((e) => !e.passed)).length;
  const verdict =
    failedVariants === 0
      ? `<p><span class="verdict pass">every expectation held in every run</span></p>`
      : `<p><span class="verdict fail">${plural(failedVariants, "variant")} of ${result.variants.length} failed some expectation in some run</span></p>`;
  const rows = result.variants.map((v) => [
    ...paths.map((p) => valueText(v.set[p])),
    ...expressions.map((expression): Cell => {
      const e = v.expectations.find((x) => x.expression === expression);
      if (e === undefined) return "–";
      return tag(e.passed ? "pass" : "fail", `${e.passedRuns}/${result.runs}`);
    }),
  ]);
  const names = shortNames(paths);
  const head = [
    ...paths.map((p) => names.get(p) ?? p),
    ...expressions.map((e) => raw(`<code>${escapeHtml(e)}</code>`)),
  ];
  return {
    id: "expectations",
    title: "Expectations",
    body: `${verdict}\n<p>Runs in which each expectation held, per variant.</p>\n${htmlTable(head, rows, { labelFirst: true })}`,
  };
}

function tableSection(result: SweepResult): Section {
  const first = result.variants[0];
  const paths = Object.keys(first?.set ?? {});
  // Metrics that never changed are a sentence under the charts, not columns.
  const metrics = metricPaths(result).filter((m) => !isConstantMetric(result, m));
  const rows = result.variants.map((v) => [
    ...paths.map((p) => valueText(v.set[p])),
    ...metrics.map((m) => numCell(statsText(m, v.metrics[m]))),
  ]);
  return {
    id: "table",
    title: "Every variant",
    body: `<p>Mean ± the half-width of the 95% confidence interval over ${plural(result.runs, "run")}; no ± when every run agreed.</p>\n${htmlTable(
      [...paths.map((p) => shortNames(paths).get(p) ?? p), ...metrics.map(metricTitle)],
      rows,
      { labelFirst: true },
    )}`,
  };
}

/** The page of a sweep report from its planned charts and their SVGs (same order). Pure and synchronous. */
export function sweepReportHtml(
  input: SweepReportInput,
  charts: readonly PlannedChart[],
  svgs: readonly string[],
): string {
  const { scenario, result } = input;
  const failed = result.variants.some((v) => v.expectations.some((e) => !e.passed));
  const hasExpectations = result.variants.some((v) => v.expectations.length > 0);
  const verdict = !hasExpectations
    ? ""
    : failed
      ? ` <span class="verdict fail">an expectation failed</span>`
      : ` <span class="verdict pass">expectations held</span>`;
  const intro = [
    scenario.description === "" ? "" : `<p class="lede">${escapeHtml(scenario.description)}</p>`,
    `<p class="meta">${plural(result.variants.length, "variant")} × ${plural(result.runs, "run")}, ${seedsText(result.seeds)}${verdict}</p>`,
  ].filter((s) => s !== "");
  const constant = metricPaths(result).filter((m) => isConstantMetric(result, m));
  const constantText =
    constant.length === 0
      ? ""
      : `<p>The same in every run of every variant: ${constant
          .map((m) => {
            const value = result.variants[0]?.metrics[m]?.min ?? null;
            return `<code>${escapeHtml(m)}</code> ${isSecondsMetric(m) ? secondsText(value, { digits: 3 }) : num(value)}`;
          })
          .join(", ")}.</p>`;
  const figures = figuresOf(charts, svgs, "metrics");
  const sections: Section[] = [
    overviewSection(result),
    expectationsSection(result),
    {
      id: "metrics",
      title: "Metrics against the varied parameter",
      body: [
        figures === ""
          ? "<p>No metric varied.</p>"
          : `${metricsIntro(result)}\n<div class="chart-grid">\n${figures}\n</div>`,
        constantText,
      ]
        .filter((s) => s !== "")
        .join("\n"),
    },
    tableSection(result),
    findingsSection(checkScenario(scenario)),
    reachabilitySection(reachability(scenario)),
  ];
  return page({ title: `mdmsim sweep report: ${scenario.name}`, intro, command: input.command }, sections);
}

/** Renders every chart of a sweep and assembles the page. */
export async function buildSweepReport(input: SweepReportInput): Promise<Report> {
  const charts = sweepReportCharts(input.result);
  return finishReport(charts, (svgs) => sweepReportHtml(input, charts, svgs));
}
