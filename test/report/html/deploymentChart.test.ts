// The deployment chart's spec: its window, the step line of the share received, the syncs and the deployment.
import { describe, expect, it } from "vitest";
import {
  deploymentChartSpec,
  deploymentWindow,
  sharePoints,
  syncPoints,
  type DeploymentTimeline,
} from "../../../src/report/html/deploymentChart.js";
import { renderCharts } from "../../../src/report/html/render.js";
import { MAX_TICKS, MAX_TIME_POINTS } from "../../../src/report/html/triesChart.js";

// Deployed at 1 h; four devices targeted, three received it (two at the same instant); replica ticks every
// 5 minutes from 0.
const timeline = (changes: Partial<DeploymentTimeline> = {}): DeploymentTimeline => ({
  name: "app",
  at: 3600,
  targeted: 4,
  receivedAt: [3900, 4500, 4500],
  durationSeconds: 4 * 3600,
  syncs: [{ replica: "r1", ticks: Array.from({ length: 48 }, (_, i) => i * 300) }],
  ...changes,
});

// The layers of a spec, by the mark type and data they show.
function layers(spec: unknown): { type: string; values: Record<string, unknown>[] }[] {
  return (
    spec as { layer: { mark: { type: string }; data: { values: Record<string, unknown>[] } }[] }
  ).layer.map((l) => ({ type: l.mark.type, values: l.data.values }));
}

describe("deploymentWindow", () => {
  it("runs from a little before the deployment to a little after the last receipt, in minutes up to 6 h", () => {
    // The last receipt 900 s after: 4% margins of 36 s.
    expect(deploymentWindow(timeline())).toEqual({ from: -36, to: 936, unit: { name: "min", seconds: 60 } });
  });

  it("runs to the run's end when nobody received it, in hours past six hours, and never past the end", () => {
    const none = deploymentWindow(timeline({ receivedAt: [], durationSeconds: 12 * 3600 }));
    expect(none.to).toBe(11 * 3600);
    expect(none.unit).toEqual({ name: "h", seconds: 3600 });
    // A last receipt at the very end: the margin is left out on that side.
    expect(deploymentWindow(timeline({ receivedAt: [4 * 3600] })).to).toBe(3 * 3600);
  });

  it("is at least a minute wide", () => {
    expect(deploymentWindow(timeline({ receivedAt: [3600, 3605] }))).toMatchObject({ from: -2.4, to: 62.4 });
  });
});

describe("sharePoints and syncPoints", () => {
  it("steps at each instant devices received it, as the share of the targeted devices, with a closing point", () => {
    const t = timeline();
    expect(sharePoints(t, deploymentWindow(t))).toEqual([
      { t: -0.6, share: 0 },
      { t: 5, share: 0.25 },
      { t: 15, share: 0.75 },
      { t: 15.6, share: 0.75 },
    ]);
  });

  it("samples the share at MAX_TIME_POINTS instants when more devices received it at distinct instants", () => {
    const many = Array.from({ length: 5000 }, (_, i) => 3600 + i * 0.5);
    const t = timeline({ targeted: 5000, receivedAt: many });
    const points = sharePoints(t, deploymentWindow(t));
    expect(points).toHaveLength(MAX_TIME_POINTS + 2);
    for (let i = 1; i < points.length; i++)
      expect(points[i]?.share).toBeGreaterThanOrEqual(points[i - 1]?.share ?? 0);
    expect(points.at(-1)?.share).toBe(1);
  });

  it("marks the syncs at or after the deployment inside the window", () => {
    const t = timeline();
    expect(syncPoints(t, deploymentWindow(t))).toEqual([0, 5, 10, 15].map((m) => ({ t: m, replica: "r1" })));
  });
});

describe("deploymentChartSpec", () => {
  it("draws the syncs coloured by replica, the deployment's rule and label, then the share as a step line", () => {
    const spec = deploymentChartSpec(timeline());
    expect(layers(spec).map((l) => l.type)).toEqual(["rule", "rule", "text", "line"]);
    expect(layers(spec)[2]?.values).toEqual([{ t: 0, label: "deployed, 1h into the run" }]);
    const text = JSON.stringify(spec);
    expect(text).toContain('"title":"time since the deployment (min)"');
    expect(text).toContain('"interpolate":"step-after"');
    expect(text).toContain('"title":"syncs of","scale":{"domain":["r1"]');
  });

  it("leaves out the syncs without a replica, or when they are too many to draw", () => {
    expect(layers(deploymentChartSpec(timeline({ syncs: [] }))).map((l) => l.type)).toEqual([
      "rule",
      "text",
      "line",
    ]);
    const dense = Array.from({ length: 10_000 }, (_, i) => i * 5);
    const crowded = timeline({ syncs: [{ replica: "r1", ticks: dense }] });
    expect(syncPoints(crowded, deploymentWindow(crowded)).length).toBeGreaterThan(MAX_TICKS);
    expect(layers(deploymentChartSpec(crowded))[0]?.type).toBe("rule");
    expect(layers(deploymentChartSpec(crowded))).toHaveLength(3);
  });

  it("renders to SVG without warnings, with two replicas and with nobody received", async () => {
    const two = timeline({
      syncs: [
        { replica: "r1", ticks: [3600, 3900, 4200] },
        { replica: "r2", ticks: [3700, 4300] },
      ],
    });
    const rendered = await renderCharts([
      deploymentChartSpec(two),
      deploymentChartSpec(timeline({ receivedAt: [] })),
    ]);
    for (const r of rendered) {
      expect(r.warnings).toEqual([]);
      expect(r.svg).toContain("<svg");
    }
    expect(rendered[0]?.svg).toContain("r2");
  });
});
