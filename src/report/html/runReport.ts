// The report of one run: headline numbers, expectations, charts (time to first success beside the closed
// form, tries and failures over time per management point, load per DMP, utilisation and queue per finite
// server), `check`'s findings and `reach`'s matrix (both passed in), as one self-contained HTML page. Pure
// apart from rendering, which is deterministic.
import type { Finding } from "../../checks/finding.js";
import type { Reachability } from "../../model/reachability.js";
import type { RunResult } from "../../results/runResult.js";
import type { ManagementPointSeries, RunSeries } from "../../results/runSeries.js";
import type { Scenario } from "../../scenario/schema.js";
import { formatDuration } from "../../scenario/duration.js";
import { parseExpectation } from "../../scenario/expectation.js";
import { expectedDelayText, fallbackCells, FALLBACK_HEADERS, hasFallbacks } from "../clientResults.js";
import { num, reasonRows, secondsText } from "../format.js";
import { isSecondsMetric } from "../../sweep/metricProfile.js";
import { deploymentCharts, deploymentSection, fallbackCharts } from "./clientSections.js";
import { card, escapeHtml, htmlTable, numCell, page, raw as rawHtml, tag, type Section } from "./document.js";
import { dmpLabel, loadChartSpec } from "./loadChart.js";
import { loadSection, queueCharts } from "./loadSection.js";
import { chartSectionTitle, RUN_CHART_SECTION, type RunChart } from "./chartSections.js";
import { figuresOf, finishReport, type Report } from "./plannedChart.js";
import { findingsSection, reachabilitySection } from "./siteSections.js";
import { bucketMinutes, MAX_TICKS, triesChartSpec, type TimeArea, type TimeMark } from "./triesChart.js";
import { ttfsChartSpec } from "./ttfsChart.js";
import { ttfsCaption, ttfsSeries } from "./ttfsCaption.js";
import { plural } from "../plural.js";
import { readReplicas } from "../readReplicas.js";

/** What a run report is made from. */
export interface RunReportInput {
  /** The scenario that ran: its name, description and start are shown. */
  readonly scenario: Scenario;
  /** The result document (`runSimulation(…).result`), expectations evaluated. */
  readonly result: RunResult;
  /** The series of the same run (`runSimulation(…).series`). */
  readonly series: RunSeries;
  /** `check`'s findings of the scenario. */
  readonly findings: readonly Finding[];
  /** `reach`'s matrix of the scenario. */
  readonly reach: Reachability;
  /** The command line that made it, shown in the footer (no paths are read from it). */
  readonly command: string;
}

const dur = (s: number) => formatDuration(s);

/** Seconds in a column headed "seconds": the number, and from two minutes up its reading beside it. */
const cellSeconds = (value: number | null) => secondsText(value, { unit: false });

function outageAreas(mp: ManagementPointSeries): TimeArea[] {
  const areas: TimeArea[] = mp.outages.map((o) => ({
    from: o.from,
    to: o.to,
    label: `${mp.server.split(".")[0] ?? "server"} down`,
  }));
  for (const o of mp.replica?.outages ?? [])
    areas.push({ from: o.from, to: o.to, label: `${mp.replica?.name ?? "replica"} sync stopped` });
  const database = mp.database === "site" ? "site database" : `${mp.database} SQL Server`;
  for (const o of mp.databaseOutages) areas.push({ from: o.from, to: o.to, label: `${database} down` });
  return areas.sort((a, b) => a.from - b.from || a.to - b.to);
}

function certificateMarks(mp: ManagementPointSeries, duration: number): TimeMark[] {
  const window = mp.certificate;
  if (!window) return [];
  const marks: TimeMark[] = [];
  if (window.from > 0) marks.push({ at: window.from, label: "certificate valid from" });
  if (Number.isFinite(window.until)) marks.push({ at: window.until, label: "certificate expires" });
  // Only what happens during the run is drawn (and mentioned).
  return marks.filter((m) => m.at < duration);
}

function triesCaption(mp: ManagementPointSeries, areas: number, marks: number): string {
  const replica = mp.replica;
  const parts = [
    `Tries (blue) and failed tries (orange) per minute at ${escapeHtml(mp.server)}, which reads ${replica ? `replica ${escapeHtml(replica.name)}` : "the site database"}.`,
  ];
  const bucket = bucketMinutes(mp.perMinute.length);
  if (bucket > 1) parts.push(`Each step is the mean per minute over ${bucket} minutes.`);
  if (replica) {
    const skipped = replica.skipped > 0 ? `; ${replica.skipped} skipped inside outages` : "";
    parts.push(
      replica.ticks.length <= MAX_TICKS
        ? `Dotted lines: its ${replica.ticks.length} sync ticks (every ${dur(replica.interval)} from ${dur(Math.round(replica.offset))}${skipped}); a new device's tries fail until the first tick after its commit.`
        : `Its ${replica.ticks.length} sync ticks (every ${dur(replica.interval)}${skipped}) are too many to draw.`,
    );
  }
  if (areas > 0) parts.push("Shaded: outages.");
  if (marks > 0) parts.push("Dashed: the certificate's validity starts or ends.");
  return parts.join(" ");
}

/** The charts of a run report, in page order (charts with nothing to show are left out). */
export function runReportCharts(result: RunResult, series: RunSeries): RunChart[] {
  const charts: RunChart[] = [];
  const { series: curves, notes } = ttfsSeries(series);
  const ttfs = ttfsChartSpec(curves);
  if (ttfs)
    charts.push({
      section: RUN_CHART_SECTION.ttfs,
      id: "chart-ttfs",
      title: "Share of devices connected, by time since commit: simulation and closed form",
      spec: ttfs,
      caption: ttfsCaption(series, result, notes),
    });
  series.managementPoints.forEach((mp, position) => {
    const areas = outageAreas(mp);
    const marks = certificateMarks(mp, series.durationSeconds);
    const spec = triesChartSpec({
      server: mp.server,
      durationSeconds: series.durationSeconds,
      perMinute: mp.perMinute,
      failedPerMinute: mp.failedPerMinute,
      ticks: mp.replica ? Array.from(mp.replica.ticks) : [],
      areas,
      marks,
    });
    if (spec)
      charts.push({
        section: RUN_CHART_SECTION.tries,
        id: `chart-tries-${position + 1}`,
        title: dmpLabel({ server: mp.server, database: mp.database }),
        spec,
        caption: triesCaption(mp, areas.length, marks.length),
      });
  });
  for (const chart of fallbackCharts(result, series)) charts.push(chart);
  const load = loadChartSpec(result.managementPoints);
  if (load)
    charts.push({
      section: RUN_CHART_SECTION.load,
      id: "chart-load",
      title: "Tries at each, succeeded and failed",
      spec: load,
      caption:
        "Tries at each management point over the whole run, succeeded (blue) and failed (orange); beside each bar, the devices assigned to it and its busiest minute.",
    });
  for (const chart of queueCharts(result, series)) charts.push(chart);
  for (const chart of deploymentCharts(result, series)) charts.push(chart);
  return charts;
}

function summarySection(result: RunResult): Section {
  const t = result.timeToFirstSuccessSeconds;
  const f = result.failedAttemptsBeforeSuccess;
  const d = result.devices;
  const cards = [
    card(String(d.total), `devices (${d.enrolled} enrolled)`),
    card(String(d.connected), `connected (${d.connectedAfterFailures} after failures)`),
    card(String(d.neverConnected), "enrolled, never connected"),
    card(String(d.enrollmentFailed), "enrollment failed"),
    card(secondsText(t.mean), "time to first success, mean"),
    card(secondsText(t.p50), "time to first success, p50"),
    card(secondsText(t.p90), "time to first success, p90"),
    card(secondsText(t.p99), "time to first success, p99"),
    card(secondsText(t.max), "time to first success, max"),
    card(num(f.mean), "failed tries before success, mean"),
    card(num(f.max), "failed tries before success, max"),
    card(String(result.attempts.failed), `failed tries (of ${result.attempts.total})`),
  ];
  const histogram = Object.entries(f.histogram)
    .map(([k, n]) => `${plural(n, "device")} failed ${plural(Number(k), "time")}`)
    .join(", ");
  const reasons = [
    [
      hasFallbacks(result.managementPoints)
        ? "Management point tries failed because"
        : "DMP tries failed because",
      result.attempts.failedByReason,
    ],
    ["Enrollment failed (reason of the last try)", result.enrollmentFailedByReason],
    ["Never connected (reason of the last try)", result.neverConnectedByReason],
  ] as const;
  const tables = reasons
    .filter(([, counts]) => Object.keys(counts).length > 0)
    .map(
      ([title, counts]) =>
        `<h3>${escapeHtml(title)}</h3>\n${htmlTable(
          ["reason", "count"],
          reasonRows(counts).map(([reason, n]) => [
            rawHtml(`<code>${escapeHtml(reason ?? "")}</code>`),
            numCell(n ?? ""),
          ]),
        )}`,
    );
  return {
    id: "summary",
    title: "Headline",
    body: [
      `<div class="cards">\n${cards.join("\n")}\n</div>`,
      histogram === "" ? "" : `<p>Failed tries before the first success: ${escapeHtml(histogram)}.</p>`,
      ...tables,
    ]
      .filter((s) => s !== "")
      .join("\n"),
  };
}

/** The expectations of the run and their verdicts. */
function expectationsSection(result: RunResult): Section {
  const expectations = result.expectations;
  if (expectations.length === 0)
    return {
      id: "expectations",
      title: "Expectations",
      body: "<p>None: the scenario sets no <code>expectations</code> and no <code>--expect</code> was given.</p>",
    };
  const failed = expectations.filter((e) => !e.passed).length;
  const verdict =
    failed === 0
      ? `<p><span class="verdict pass">all ${expectations.length} held</span></p>`
      : `<p><span class="verdict fail">${failed} of ${expectations.length} failed</span></p>`;
  const rows = expectations.map((e) => [
    tag(e.passed ? "pass" : "fail", e.passed ? "pass" : "FAIL"),
    rawHtml(`<code>${escapeHtml(e.expression)}</code>`),
    numCell(
      isSecondsMetric(parseExpectation(e.expression).path)
        ? secondsText(e.actual, { digits: 3 })
        : num(e.actual),
    ),
  ]);
  return {
    id: "expectations",
    title: "Expectations",
    body: `${verdict}\n${htmlTable(["", "expectation", "actual"], rows)}`,
  };
}

function groupTable(result: RunResult): string {
  const rows = result.groups.map((g) => [
    g.name,
    numCell(String(g.devices.total)),
    numCell(String(g.devices.connected)),
    numCell(String(g.devices.neverConnected)),
    numCell(cellSeconds(g.timeToFirstSuccessSeconds.mean)),
    numCell(cellSeconds(g.timeToFirstSuccessSeconds.p50)),
    numCell(cellSeconds(g.timeToFirstSuccessSeconds.p90)),
    numCell(cellSeconds(g.timeToFirstSuccessSeconds.p99)),
    numCell(num(g.failedAttemptsBeforeSuccess.mean)),
    numCell(num(g.failedAttemptsBeforeSuccess.max)),
  ]);
  return `<h3>Per device group (seconds)</h3>\n${htmlTable(
    ["group", "devices", "connected", "never", "mean", "p50", "p90", "p99", "failed tries, mean", "max"],
    rows,
  )}`;
}

function dmpTables(result: RunResult): string {
  // With ConfigMgr clients: the clients that fell back from each, to it, and returned to it.
  const fallbacks = hasFallbacks(result.managementPoints);
  const mps = result.managementPoints.map((m) => [
    m.server,
    m.database,
    numCell(String(m.devices)),
    numCell(String(m.attempts)),
    numCell(String(m.failed)),
    numCell(String(m.peakAttemptsPerMinute)),
    ...(fallbacks ? fallbackCells(m).map(numCell) : []),
  ]);
  const head = ["management point", "database", "devices", "tries", "failed", "peak tries/min"];
  const parts = [
    mps.length === 0
      ? "<p>The site has no management point.</p>"
      : htmlTable(fallbacks ? [...head, ...FALLBACK_HEADERS] : head, mps),
  ];
  const replicas = readReplicas(result.replicas, result.managementPoints);
  if (replicas.length > 0) {
    const rows = replicas.map((r) => [
      r.name,
      numCell(String(r.syncs)),
      numCell(String(r.skippedSyncs)),
      numCell(cellSeconds(r.syncOffsetSeconds)),
      numCell(cellSeconds(r.visibilityDelaySeconds.mean)),
      numCell(cellSeconds(r.visibilityDelaySeconds.p99)),
      numCell(cellSeconds(r.visibilityDelaySeconds.max)),
      numCell(expectedDelayText(r.expectedVisibilityDelaySeconds, cellSeconds)),
    ]);
    parts.push(
      `<h3>Replicas: visibility delay after commit (seconds)</h3>\n${htmlTable(
        ["replica", "syncs", "skipped", "offset", "mean", "p99", "max", "closed form min / mean / max"],
        rows,
      )}`,
    );
  }
  if (result.content !== null) {
    const c = result.content;
    parts.push(
      `<h3>Content</h3>\n${htmlTable(
        ["requests", "succeeded", "time to content p50 (s)", "p99 (s)", "devices never served"],
        [
          [
            numCell(String(c.attempted)),
            numCell(String(c.succeeded)),
            numCell(cellSeconds(c.timeToContentSeconds.p50)),
            numCell(cellSeconds(c.timeToContentSeconds.p99)),
            numCell(String(c.neverServed)),
          ],
        ],
      )}`,
    );
  }
  return parts.join("\n");
}

/**
 * The page of a run report from its planned charts and their SVGs (same order). Pure and synchronous.
 */
export function runReportHtml(
  input: RunReportInput,
  charts: readonly RunChart[],
  svgs: readonly string[],
): string {
  const { result, scenario } = input;
  const failed = result.expectations.filter((e) => !e.passed).length;
  const verdict =
    result.expectations.length === 0
      ? ""
      : failed === 0
        ? ` <span class="verdict pass">expectations held</span>`
        : ` <span class="verdict fail">${plural(failed, "expectation")} failed</span>`;
  const intro = [
    scenario.description === "" ? "" : `<p class="lede">${escapeHtml(scenario.description)}</p>`,
    `<p class="meta">Seed ${result.seed} · ${dur(result.durationSeconds)} simulated from ${escapeHtml(scenario.start)} · ${plural(result.devices.total, "device")} in ${plural(scenario.devices.length, "group")} · ${result.events} events${verdict}</p>`,
  ].filter((s) => s !== "");
  const none = (what: string) => `<p>${what}</p>`;
  const ttfs = figuresOf(charts, svgs, RUN_CHART_SECTION.ttfs);
  const tries = figuresOf(charts, svgs, RUN_CHART_SECTION.tries);
  const load = figuresOf(charts, svgs, RUN_CHART_SECTION.load);
  const sections: Section[] = [
    summarySection(result),
    expectationsSection(result),
    {
      id: "time-to-first-success",
      title: chartSectionTitle(RUN_CHART_SECTION.ttfs, result),
      body: [
        ttfs === "" ? none("No device connected: there is no distribution to draw.") : ttfs,
        groupTable(result),
      ].join("\n"),
    },
    {
      id: "tries-over-time",
      title: chartSectionTitle(RUN_CHART_SECTION.tries, result),
      body: tries === "" ? none("No device tried a management point.") : tries,
    },
    {
      id: "load",
      title: chartSectionTitle(RUN_CHART_SECTION.load, result),
      body: [load === "" ? none("No management point had a try.") : load, dmpTables(result)].join("\n"),
    },
    ...[loadSection(result, charts, svgs), deploymentSection(result, charts, svgs)].filter((s) => s !== null),
    findingsSection(input.findings),
    reachabilitySection(input.reach),
  ];
  return page({ title: `mdmsim report: ${scenario.name}`, intro, command: input.command }, sections);
}

/** Renders every chart of a run and assembles the page. */
export async function buildRunReport(input: RunReportInput): Promise<Report> {
  const charts = runReportCharts(input.result, input.series);
  return finishReport(charts, (svgs) => runReportHtml(input, charts, svgs));
}
