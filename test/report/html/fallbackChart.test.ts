// The fallback chart's spec: one line per management point clients fell back to, none without fallbacks.
import { describe, expect, it } from "vitest";
import {
  fallbackChartSpec,
  fallbackPoints,
  fallbackTargets,
  type FallbackTimeline,
} from "../../../src/report/html/fallbackChart.js";
import { renderCharts } from "../../../src/report/html/render.js";

const minutes = (values: Record<number, number>, length = 10) =>
  Uint32Array.from({ length }, (_, m) => values[m] ?? 0);

const timeline = (changes: Partial<FallbackTimeline> = {}): FallbackTimeline => ({
  durationSeconds: 600,
  managementPoints: [
    { server: "mp-a", perMinute: minutes({}) },
    { server: "mp-b", perMinute: minutes({ 2: 4, 3: 6 }) },
  ],
  areas: [{ from: 60, to: 300, label: "mp-a down" }],
  ...changes,
});

function layers(spec: unknown): { type: string; values: Record<string, unknown>[] }[] {
  return (
    spec as { layer: { mark: { type: string }; data: { values: Record<string, unknown>[] } }[] }
  ).layer.map((l) => ({ type: l.mark.type, values: l.data.values }));
}

describe("fallbackChartSpec", () => {
  it("is null when no client fell back", () => {
    expect(
      fallbackChartSpec(timeline({ managementPoints: [{ server: "mp-a", perMinute: minutes({}) }] })),
    ).toBe(null);
    expect(fallbackChartSpec(timeline({ managementPoints: [] }))).toBe(null);
  });

  it("draws only the management points clients fell back to, over the outages that sent them", () => {
    const t = timeline();
    expect(fallbackTargets(t).map((m) => m.server)).toEqual(["mp-b"]);
    const spec = fallbackChartSpec(t);
    expect(layers(spec).map((l) => l.type)).toEqual(["rect", "text", "area"]);
    expect(layers(spec)[0]?.values).toEqual([{ from: 1, to: 5, label: "mp-a down" }]);
    const line = layers(spec)[2]?.values ?? [];
    expect(line.map((p) => p.server)).toEqual(Array(11).fill("mp-b"));
    expect(line.slice(1, 5).map((p) => p.perMinute)).toEqual([0, 4, 6, 0]);
    const text = JSON.stringify(spec);
    expect(text).toContain('"title":"fell back to"');
    expect(text).toContain('"title":"clients falling back per minute"');
  });

  it("averages per minute over buckets on long runs, with a closing point", () => {
    expect(fallbackPoints({ server: "m", perMinute: [1, 3, 5] }, 2, 60, 180)).toEqual([
      { server: "m", t: 0, perMinute: 2 },
      { server: "m", t: 2, perMinute: 5 },
      { server: "m", t: 3, perMinute: 5 },
    ]);
  });

  it("renders to SVG without warnings", async () => {
    const spec = fallbackChartSpec(timeline());
    if (spec === null) throw new Error("no chart");
    const [rendered] = await renderCharts([spec]);
    expect(rendered?.warnings).toEqual([]);
    expect(rendered?.svg).toContain("mp-b");
  });
});
