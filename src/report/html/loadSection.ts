// The run report's finite servers (roles and databases with a `capacity`): a table of their load numbers and
// one chart each of utilisation and queue over time. A run without load has neither (no section at all).
import { chartSectionTitle, RUN_CHART_SECTION, type RunChart } from "./chartSections.js";
import { LOAD_SECTIONS, loadEntries, type LoadResult, type StationLoad } from "../../results/load.js";
import type { StationSeries } from "../../results/loadSeries.js";
import type { RunResult } from "../../results/runResult.js";
import type { RunSeries } from "../../results/runSeries.js";
import { num, secondsText } from "../format.js";
import { stationLabel, stationRole } from "../stationNames.js";
import { escapeHtml, htmlTable, numCell, type Section } from "./document.js";
import { figuresOf } from "./plannedChart.js";
import { queueChartSpec } from "./queueChart.js";
import { bucketMinutes, type TimeArea } from "./triesChart.js";

function outageAreas(station: StationSeries): TimeArea[] {
  const what =
    station.kind !== "database"
      ? (station.name.split(".")[0] ?? "server")
      : station.name === "site"
        ? "site database"
        : `${station.name} SQL Server`;
  return station.outages.map((o) => ({ from: o.from, to: o.to, label: `${what} down` }));
}

function caption(station: StationSeries, load: StationLoad | undefined, shaded: boolean): string {
  const parts = [
    `Top: the share of its ${station.workers} ${station.workers === 1 ? "worker" : "workers"} busy; below: the requests waiting for a worker at each minute's end.`,
  ];
  const bucket = bucketMinutes(station.queueAtEnd.length);
  if (bucket > 1)
    parts.push(`Each step is the mean utilisation and the longest queue over ${bucket} minutes.`);
  if (shaded) parts.push("Shaded: outages.");
  if (load)
    parts.push(
      `Over the run: ${load.requests} requests, ${load.served} served, ${load.refused} refused, ${load.timedOut} timed out.`,
    );
  return escapeHtml(parts.join(" "));
}

/** One chart per finite server, in station order (none without load). */
export function queueCharts(result: RunResult, series: RunSeries): RunChart[] {
  return series.load.map((station, i) => {
    const areas = outageAreas(station);
    return {
      section: RUN_CHART_SECTION.queue,
      id: `chart-queue-${i + 1}`,
      title: `Utilisation and queue: ${stationLabel(station.kind, station.name)}`,
      spec: queueChartSpec({
        durationSeconds: series.durationSeconds,
        utilisation: station.utilisation,
        queueAtEnd: station.queueAtEnd,
        areas,
      }),
      caption: caption(station, result.load?.[LOAD_SECTIONS[station.kind]][station.name], areas.length > 0),
    };
  });
}

function loadTable(load: LoadResult): string {
  const rows = loadEntries(load).map(({ kind, name, load: l }) => [
    name,
    stationRole(kind, name),
    numCell(String(l.workers)),
    numCell(String(l.requests)),
    numCell(String(l.served)),
    numCell(String(l.refused)),
    numCell(String(l.timedOut)),
    numCell(`${num(l.utilisation * 100, 1)}%`),
    numCell(secondsText(l.waitSeconds.mean, { digits: 3, unit: false })),
    numCell(secondsText(l.waitSeconds.p99, { digits: 3, unit: false })),
    numCell(secondsText(l.responseSeconds.p99, { digits: 3, unit: false })),
    numCell(String(l.queue.max)),
    numCell(num(l.queue.meanLength)),
  ]);
  return `<h3>Requests, waits and queues (seconds)</h3>\n${htmlTable(
    [
      "server",
      "role / database",
      "workers",
      "requests",
      "served",
      "refused",
      "timed out",
      "utilisation",
      "wait mean",
      "wait p99",
      "response p99",
      "queue max",
      "queue mean",
    ],
    rows,
  )}`;
}

/** The finite servers' section, or null when the run has no load. */
export function loadSection(
  result: RunResult,
  charts: readonly RunChart[],
  svgs: readonly string[],
): Section | null {
  if (result.load === undefined) return null;
  return {
    id: "finite-servers",
    title: chartSectionTitle(RUN_CHART_SECTION.queue, result),
    body: [loadTable(result.load), figuresOf(charts, svgs, RUN_CHART_SECTION.queue)]
      .filter((s) => s !== "")
      .join("\n"),
  };
}
