// The run report's parts about ConfigMgr clients and deployments: the chart of clients falling back to each
// management point (beside the tries charts), and the deployments section (a chart per deployment of the
// share of its targeted devices that have it, and the table of its numbers). Runs without clients or
// deployments have none of them.
import { chartSectionTitle, RUN_CHART_SECTION, type RunChart } from "./chartSections.js";
import type { RunResult } from "../../results/runResult.js";
import type { DeploymentSeries, RunSeries } from "../../results/runSeries.js";
import { formatDuration } from "../../scenario/duration.js";
import { deploymentTable, expectedDelay } from "../clientResults.js";
import { secondsText } from "../format.js";
import { plural } from "../plural.js";
import { readReplicas } from "../readReplicas.js";
import { escapeHtml, htmlTable, numCell, type Section } from "./document.js";
import {
  deploymentChartSpec,
  syncPoints,
  deploymentWindow,
  type DeploymentTimeline,
} from "./deploymentChart.js";
import { fallbackChartSpec, fallbackTargets, type FallbackTimeline } from "./fallbackChart.js";
import { figuresOf } from "./plannedChart.js";
import { bucketMinutes, MAX_TICKS } from "./triesChart.js";
import { largest } from "../../extremes.js";

const dur = (s: number) => formatDuration(Math.round(s));

function fallbackCaption(result: RunResult, timeline: FallbackTimeline): string {
  const parts = [
    "Clients that fell back to each management point, per minute. A ConfigMgr client whose management point fails five tries within ten minutes (shaded: outages) switches to another candidate of its boundary groups (else the default boundary group's), and stays there until its next refresh (<code>mpRefresh</code>, 24 h unless its group sets another), when it goes back to one of its own boundary group's. The load moves with it: compare the tries charts above.",
  ];
  const minutes = largest(timeline.managementPoints.map((m) => m.perMinute.length));
  const bucket = bucketMinutes(minutes);
  if (bucket > 1) parts.push(`Each step is the mean per minute over ${bucket} minutes.`);
  const numbers = result.managementPoints
    .filter((m) => (m.fallbacksFrom ?? 0) + (m.fallbacksTo ?? 0) + (m.returnsTo ?? 0) > 0)
    .map(
      (m) =>
        `${escapeHtml(m.server)}: ${m.fallbacksFrom ?? 0} fell back from it, ${m.fallbacksTo ?? 0} to it, ${m.returnsTo ?? 0} returned to it`,
    );
  if (numbers.length > 0) parts.push(`Over the run: ${numbers.join("; ")}.`);
  return parts.join(" ");
}

/** The chart of clients falling back, per management point over the run, or none when no client fell back. */
export function fallbackCharts(result: RunResult, series: RunSeries): RunChart[] {
  const timeline: FallbackTimeline = {
    durationSeconds: series.durationSeconds,
    managementPoints: series.managementPoints.map((m) => ({
      server: m.server,
      perMinute: m.fallbacksToPerMinute,
    })),
    areas: series.managementPoints.flatMap((m) =>
      m.outages.map((o) => ({ from: o.from, to: o.to, label: `${m.server.split(".")[0] ?? "server"} down` })),
    ),
  };
  const spec = fallbackChartSpec(timeline);
  if (spec === null) return [];
  const targets = fallbackTargets(timeline).length;
  return [
    {
      section: RUN_CHART_SECTION.tries,
      id: "chart-fallbacks",
      title: `Clients falling back to ${targets === 1 ? "a management point" : "management points"}, per minute`,
      spec,
      caption: fallbackCaption(result, timeline),
    },
  ];
}

/** The seconds after `at` by which a share `q` of the targeted devices had it, or null if it never did. */
export function timeToShare(
  d: Pick<DeploymentSeries, "at" | "targeted" | "receivedAt">,
  q: number,
): number | null {
  const k = Math.ceil(q * d.targeted);
  if (k < 1 || k > d.receivedAt.length) return null;
  return (d.receivedAt[k - 1] ?? d.at) - d.at;
}

function deploymentCaption(
  d: DeploymentSeries,
  result: RunResult,
  series: RunSeries,
  timeline: DeploymentTimeline,
): string {
  const name = `<code>${escapeHtml(d.name)}</code>`;
  const parts = [
    `The share of the ${plural(d.targeted, "device")} ${name} targets that have received it, by time since it was written to the site database (the dashed rule, ${dur(d.at)} into the run).`,
  ];
  const replicas = d.replicas.flatMap((r) => series.replicas.filter((s) => s.name === r));
  const ticks = syncPoints(timeline, deploymentWindow(timeline)).length;
  if (replicas.length === 0)
    parts.push(
      readReplicas(series.replicas, series.managementPoints).length > 0
        ? "No targeted device's management point reads a replica: each device receives it at its next successful poll, so the steps are the devices' poll schedule."
        : "Every management point reads the site database: each device receives it at its next successful poll, so the steps are the devices' poll schedule.",
    );
  else {
    const which = replicas
      .map((r) => `${escapeHtml(r.name)} (every ${dur(r.interval)}, applied ${dur(r.applyDelay)} later)`)
      .join(", ");
    parts.push(
      `A device receives it at its first successful try once its management point's database holds it: on the site database at its next poll, on a replica only after the sync that carries it. ${ticks <= MAX_TICKS ? `Dotted rules: the syncs of ${which}` : `The syncs of ${which} are too many to draw`}. Where the line stays flat after the deployment, devices are waiting for the replica; each step up is devices polling.`,
    );
  }
  const half = timeToShare(d, 0.5);
  const most = timeToShare(d, 0.9);
  if (half !== null)
    parts.push(
      `Half of them had it ${dur(half)} after the deployment${most !== null ? `, 90% after ${dur(most)}` : ""}.`,
    );
  const missing = d.targeted - d.receivedAt.length;
  if (missing > 0)
    parts.push(
      `${missing === d.targeted ? "None of them" : plural(missing, "device")} had received it when the run ended.`,
    );
  const figures = result.deployments?.[d.name];
  const expected = figures ? expectedDelay(figures) : null;
  if (expected && figures)
    parts.push(
      `The closed form (${replicas.length > 0 ? "the visibility delay plus the wait for the next poll, for one replica and a jitter-free schedule" : "the wait for the next poll, for a jitter-free schedule"}) expects a mean of ${secondsText(expected.mean)}, from ${secondsText(expected.min)} to ${secondsText(expected.max)}; the simulation's is ${secondsText(figures.receivedAfterSeconds.mean)}.`,
    );
  return parts.join(" ");
}

/** One chart per deployment made during the run, in scenario order. */
export function deploymentCharts(result: RunResult, series: RunSeries): RunChart[] {
  return series.deployments.flatMap((d, i) => {
    if (d.at >= series.durationSeconds) return [];
    const timeline: DeploymentTimeline = {
      name: d.name,
      at: d.at,
      targeted: d.targeted,
      receivedAt: d.receivedAt,
      durationSeconds: series.durationSeconds,
      syncs: d.replicas.flatMap((r) =>
        series.replicas.filter((s) => s.name === r).map((s) => ({ replica: s.name, ticks: s.ticks })),
      ),
    };
    return [
      {
        section: RUN_CHART_SECTION.deployments,
        id: `chart-deployment-${i + 1}`,
        title: `Share of its targeted devices that have ${d.name}`,
        spec: deploymentChartSpec(timeline),
        caption: deploymentCaption(d, result, series, timeline),
      },
    ];
  });
}

/** The deployments section (its charts and table), or null when the run has no deployment. */
export function deploymentSection(
  result: RunResult,
  charts: readonly RunChart[],
  svgs: readonly string[],
): Section | null {
  const table = deploymentTable(result, (x) => secondsText(x, { unit: false }));
  if (table === null) return null;
  const rows = table.rows.map(([name = "", ...cells]) => [name, ...cells.map(numCell)]);
  return {
    id: "deployments",
    title: chartSectionTitle(RUN_CHART_SECTION.deployments, result),
    body: [
      figuresOf(charts, svgs, RUN_CHART_SECTION.deployments),
      `<h3>Time from the deployment to each device's receipt (seconds)</h3>\n${htmlTable(table.head, rows)}`,
    ]
      .filter((s) => s !== "")
      .join("\n"),
  };
}
