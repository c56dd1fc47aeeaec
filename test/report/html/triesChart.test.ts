// The tries-over-time chart's spec: buckets, units, outages, ticks and marks.
import { describe, expect, it } from "vitest";
import {
  bucketMinutes,
  MAX_TICKS,
  MAX_TIME_POINTS,
  ratePoints,
  timeUnit,
  triesChartSpec,
  type TriesTimeline,
} from "../../../src/report/html/triesChart.js";

const timeline = (changes: Partial<TriesTimeline> = {}): TriesTimeline => ({
  server: "cm01",
  durationSeconds: 600,
  perMinute: [10, 20, 30, 0, 0, 0, 0, 0, 0, 5],
  failedPerMinute: [5, 5, 0, 0, 0, 0, 0, 0, 0, 0],
  ticks: [100, 400],
  areas: [{ from: 420, to: 900, label: "cm01 down" }],
  marks: [
    { at: 300, label: "certificate expires" },
    { at: 5000, label: "after the run" },
  ],
  ...changes,
});

// The layers of a spec, by the mark type and data they show.
function layers(spec: unknown): { type: string; values: Record<string, unknown>[] }[] {
  return (
    spec as { layer: { mark: { type: string }; data: { values: Record<string, unknown>[] } }[] }
  ).layer.map((l) => ({ type: l.mark.type, values: l.data.values }));
}

describe("ratePoints", () => {
  it("is one point per minute, plus a closing point at the end of the run", () => {
    expect(ratePoints("tries", [1, 2, 3], 1, 60, 180)).toEqual([
      { series: "tries", t: 0, perMinute: 1 },
      { series: "tries", t: 1, perMinute: 2 },
      { series: "tries", t: 2, perMinute: 3 },
      { series: "tries", t: 3, perMinute: 3 },
    ]);
  });

  it("averages per minute over buckets, the last bucket over its own minutes", () => {
    expect(ratePoints("failed tries", [1, 2, 3, 4, 5], 2, 60, 300)).toEqual([
      { series: "failed tries", t: 0, perMinute: 1.5 },
      { series: "failed tries", t: 2, perMinute: 3.5 },
      { series: "failed tries", t: 4, perMinute: 5 },
      { series: "failed tries", t: 5, perMinute: 5 },
    ]);
  });
});

describe("bucketMinutes and timeUnit", () => {
  it("keeps a day to at most MAX_TIME_POINTS points, in hours past six hours", () => {
    expect(bucketMinutes(180)).toBe(1);
    expect(bucketMinutes(1440)).toBe(2);
    expect(Math.ceil(43_200 / bucketMinutes(43_200))).toBeLessThanOrEqual(MAX_TIME_POINTS);
    expect(timeUnit(3 * 3600)).toEqual({ name: "min", seconds: 60 });
    expect(timeUnit(24 * 3600)).toEqual({ name: "h", seconds: 3600 });
  });
});

describe("triesChartSpec", () => {
  it("shades outages (clipped to the run), rules the ticks and the marks inside the run, and draws both series", () => {
    const spec = triesChartSpec(timeline());
    expect(layers(spec).map((l) => l.type)).toEqual(["rect", "text", "rule", "rule", "text", "area"]);
    const [areas, , ticks, marks, , rates] = layers(spec);
    expect(areas!.values).toEqual([{ from: 7, to: 10, label: "cm01 down" }]);
    expect(ticks!.values).toEqual([{ at: 1.6667 }, { at: 6.6667 }]);
    expect(marks!.values).toEqual([{ at: 5, label: "certificate expires" }]);
    expect(rates!.values.filter((p) => p.series === "tries").map((p) => p.perMinute)).toEqual([
      10, 20, 30, 0, 0, 0, 0, 0, 0, 5, 5,
    ]);
    expect(rates!.values.filter((p) => p.series === "failed tries")).toHaveLength(11);
  });

  it("leaves out ticks beyond MAX_TICKS, and layers with nothing to show", () => {
    const ticks = Array.from({ length: MAX_TICKS + 1 }, (_, i) => i);
    const spec = triesChartSpec(timeline({ ticks, areas: [], marks: [] }));
    expect(layers(spec).map((l) => l.type)).toEqual(["area"]);
  });

  it("is null when nothing tried the management point", () => {
    expect(triesChartSpec(timeline({ perMinute: new Uint32Array(10) }))).toBeNull();
  });
});
