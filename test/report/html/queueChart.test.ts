// The utilisation-and-queue chart of a finite server: points, buckets, outages shaded, and it draws.
import { describe, expect, it } from "vitest";
import {
  QUEUE_COLOR,
  queueChartSpec,
  queuePoints,
  type QueueTimeline,
} from "../../../src/report/html/queueChart.js";
import { renderCharts } from "../../../src/report/html/render.js";
import { OUTAGE_COLOR, TRIES_COLOR } from "../../../src/report/html/theme.js";

const timeline = (changes: Partial<QueueTimeline> = {}): QueueTimeline => ({
  durationSeconds: 300,
  utilisation: [0.25, 1, 1, 0.5, 0],
  queueAtEnd: [0, 12, 30, 4, 0],
  areas: [
    { from: 120, to: 180, label: "cm01 down" },
    { from: 400, to: 500, label: "after the run" },
  ],
  ...changes,
});

interface Layer {
  readonly mark: { readonly type: string; readonly color?: string; readonly fill?: string };
  readonly data: { readonly values: Record<string, unknown>[] };
  readonly encoding: { readonly y?: { readonly field: string; readonly scale?: unknown } };
}

/** The two panels' layers: utilisation above, the queue below. */
function panels(spec: unknown): Layer[][] {
  return (spec as { vconcat: { layer: Layer[] }[] }).vconcat.map((p) => p.layer);
}

describe("queuePoints", () => {
  it("is a point per minute and a closing point at the run's end", () => {
    expect(queuePoints(timeline(), 1, 60)).toEqual([
      { t: 0, utilisation: 0.25, queue: 0 },
      { t: 1, utilisation: 1, queue: 12 },
      { t: 2, utilisation: 1, queue: 30 },
      { t: 3, utilisation: 0.5, queue: 4 },
      { t: 4, utilisation: 0, queue: 0 },
      { t: 5, utilisation: 0, queue: 0 },
    ]);
  });

  it("takes a bucket's mean utilisation and its longest queue", () => {
    expect(queuePoints(timeline(), 2, 60)).toEqual([
      { t: 0, utilisation: 0.625, queue: 12 },
      { t: 2, utilisation: 0.75, queue: 30 },
      { t: 4, utilisation: 0, queue: 0 },
      { t: 5, utilisation: 0, queue: 0 },
    ]);
  });
});

describe("queueChartSpec", () => {
  it("draws utilisation (0 to 1) above and the queue below, each with the outage inside the run shaded", () => {
    const [top, bottom] = panels(queueChartSpec(timeline()));
    expect(top?.map((l) => l.mark.type)).toEqual(["rect", "text", "area"]);
    expect(bottom?.map((l) => l.mark.type)).toEqual(["rect", "area"]);
    for (const shaded of [top?.[0], bottom?.[0]]) {
      expect(shaded?.mark.fill).toBe(OUTAGE_COLOR.light);
      expect(shaded?.data.values).toEqual([{ from: 2, to: 3, label: "cm01 down" }]);
    }
    expect(top?.[2]?.encoding.y).toMatchObject({ field: "utilisation", scale: { domain: [0, 1] } });
    expect(top?.[2]?.mark.color).toBe(TRIES_COLOR.light);
    expect(bottom?.[1]?.encoding.y?.field).toBe("queue");
    expect(bottom?.[1]?.mark.color).toBe(QUEUE_COLOR.light);
    expect(bottom?.[1]?.data.values).toHaveLength(6);
  });

  it("has no shading without outages, and counts hours on a long run in buckets of whole minutes", () => {
    const week = 7 * 86400;
    const spec = queueChartSpec(
      timeline({
        durationSeconds: week,
        utilisation: new Float64Array(week / 60).fill(0.5),
        queueAtEnd: new Uint32Array(week / 60),
        areas: [],
      }),
    );
    const [top, bottom] = panels(spec);
    expect(top?.map((l) => l.mark.type)).toEqual(["area"]);
    expect(bottom?.map((l) => l.mark.type)).toEqual(["area"]);
    // 10080 minutes in buckets of 14: 720 points and the closing one.
    expect(bottom?.[0]?.data.values).toHaveLength(721);
    expect(JSON.stringify(spec)).toContain("time into the run (h)");
  });

  it("renders to SVG without warnings, busy and idle alike", async () => {
    const idle = timeline({ utilisation: [0, 0, 0, 0, 0], queueAtEnd: [0, 0, 0, 0, 0], areas: [] });
    const rendered = await renderCharts([queueChartSpec(timeline()), queueChartSpec(idle)]);
    for (const r of rendered) {
      expect(r.warnings).toEqual([]);
      expect(r.svg).toMatch(/^<svg/);
    }
    expect(rendered[0]?.svg).toContain(`fill="${OUTAGE_COLOR.light}"`);
  });
});
