// The time-to-first-success chart's curves (simulated, and the closed form where it applies) and its
// caption: what the lines are, the closed form's formula (a replica's only where a management point reads
// one), and each group's poll schedule.
import type { RunResult } from "../../results/runResult.js";
import type { RunSeries } from "../../results/runSeries.js";
import { formatDuration } from "../../scenario/duration.js";
import { phasesText, pollingWords, pollProfileName } from "../../scenario/pollProfiles.js";
import { plural } from "../plural.js";
import { readReplicas } from "../readReplicas.js";
import { closedFormCdf, empiricalCdf } from "./cdf.js";
import { escapeHtml } from "./document.js";
import type { TtfsSeries } from "./ttfsChart.js";

const dur = (s: number) => formatDuration(s);

/** The time-to-first-success curves of every group (simulated, and the closed form where it applies). */
export function ttfsSeries(series: RunSeries): { series: TtfsSeries[]; notes: string[] } {
  const notes: string[] = [];
  const curves = series.groups.map((g) => {
    const inputs = g.closedForm;
    if (!inputs.applies) notes.push(`no closed form for ${g.name}: ${inputs.why}`);
    return {
      group: g.name,
      simulated: empiricalCdf(g.ttfs),
      closedForm: inputs.applies ? closedFormCdf(g.polling, inputs.shares) : null,
    };
  });
  return { series: curves, notes };
}

export function ttfsCaption(series: RunSeries, result: RunResult, notes: readonly string[]): string {
  const parts = [
    `Solid, wide: the simulation, as the share of each group's connected devices (${result.devices.connected} in all) that had succeeded by then.`,
  ];
  if (result.devices.neverConnected > 0)
    parts.push(
      `${plural(result.devices.neverConnected, "enrolled device")} never connected and are not counted.`,
    );
  const read = readReplicas(series.replicas, series.managementPoints);
  const replicas = read.map((r) => `${escapeHtml(r.name)}: P = ${dur(r.interval)}, D = ${dur(r.applyDelay)}`);
  parts.push(
    read.length > 0
      ? `Dashed: the closed form. A device's first success is its first poll at or after its record is visible; on a replica the visibility delay is uniform on [D, P + D] (${replicas.join("; ")}), so P(first success ≤ o<sub>k</sub>) = clamp((o<sub>k</sub> − D)/P, 0, 1) at the poll offsets o<sub>k</sub>; on the site database it is the first poll. Jitter, retries and outages are left out, so where the lines part, those are why.`
      : "Dashed: the closed form. Every management point reads the site database, where a device's record is visible at its commit, so its first success is its first poll. Jitter, retries and outages are left out, so where the lines part, those are why.",
  );
  for (const n of notes) parts.push(`${escapeHtml(n[0]?.toUpperCase() ?? "")}${escapeHtml(n.slice(1))}.`);
  // A profile's description may explain itself by a replica: said only where a replica is read.
  const schedules = series.groups.map(
    (g) =>
      `${g.name}: ${read.length > 0 ? pollingWords(g.polling.polling) : `${pollProfileName(g.polling.polling) ?? "custom"} (${phasesText(g.polling.polling)})`}`,
  );
  parts.push(
    `${schedules.length > 1 ? "Poll schedules" : "Poll schedule"}: ${escapeHtml(schedules.join("; "))}.`,
  );
  return parts.join(" ");
}
