// The sweep charts' axis choice, points and spec.
import { describe, expect, it } from "vitest";
import {
  isConstantMetric,
  metricUnit,
  sweepAxis,
  sweepChartSpec,
  sweepPoints,
} from "../../../src/report/html/sweepChart.js";
import { stats } from "../../helpers/metricStats.js";
import type { SweepResult } from "../../../src/sweep/document.js";

function sweep(sets: Record<string, unknown>[], means: (number | null)[]): SweepResult {
  return {
    format: "mdmsim-sweep/1",
    scenario: "s",
    runs: 3,
    seeds: [1, 2, 3],
    variants: sets.map((set, i) => ({
      set,
      metrics: {
        "timeToFirstSuccessSeconds.mean": stats(means[i] ?? null, 2),
        "devices.connected": stats(10),
      },
      expectations: [],
    })),
  };
}

describe("sweepAxis", () => {
  it("places durations to scale, in minutes from two minutes up", () => {
    const result = sweep([{ p: "1m" }, { p: "90s" }, { p: "5m" }], [1, 2, 3]);
    expect(sweepAxis(result)).toEqual({
      path: "p",
      name: "p",
      kind: "duration",
      title: "p (min)",
      scale: 60,
    });
    expect(sweepPoints(result, "timeToFirstSuccessSeconds.mean", sweepAxis(result)!).map((p) => p.x)).toEqual(
      [1, 1.5, 5],
    );
  });

  it("stays in seconds below two minutes", () => {
    expect(sweepAxis(sweep([{ p: "30s" }, { p: "90s" }], [1, 2]))).toEqual({
      path: "p",
      name: "p",
      kind: "duration",
      title: "p (s)",
      scale: 1,
    });
  });

  it("takes the varied path with the most values; the others make the series", () => {
    const result = sweep(
      [
        { n: 100, p: "1m" },
        { n: 100, p: "2m" },
        { n: 100, p: "3m" },
        { n: 200, p: "1m" },
        { n: 200, p: "2m" },
        { n: 200, p: "3m" },
      ],
      [1, 2, 3, 4, 5, 6],
    );
    const axis = sweepAxis(result)!;
    expect(axis).toMatchObject({ path: "p", kind: "duration", title: "p (min)" });
    const points = sweepPoints(result, "timeToFirstSuccessSeconds.mean", axis);
    expect(points.map((p) => p.series)).toEqual([
      "n = 100",
      "n = 100",
      "n = 100",
      "n = 200",
      "n = 200",
      "n = 200",
    ]);
    expect(points[0]).toEqual({ x: 1, value: "1m", series: "n = 100", mean: 1, lo: -1, hi: 3 });
  });

  it("keeps numbers as numbers and anything else as categories in the given order", () => {
    expect(sweepAxis(sweep([{ n: 5 }, { n: 1 }], [1, 2]))?.kind).toBe("number");
    const text = sweep([{ d: "site" }, { d: "replica1" }], [1, 2]);
    expect(sweepAxis(text)?.kind).toBe("category");
    const spec = sweepChartSpec(text, "timeToFirstSuccessSeconds.mean") as unknown as {
      layer: { mark: { type: string }; encoding: { x: { sort?: string[] } } }[];
    };
    // Categories get bars (a zero is a labelled bar of no height), their interval a rule, their mean a label.
    expect(spec.layer.map((l) => l.mark.type)).toEqual(["bar", "rule", "text"]);
    expect(spec.layer[0]!.encoding.x.sort).toEqual(["site", "replica1"]);
  });
});

describe("sweepChartSpec", () => {
  it("draws the band, the line and the points on a to-scale axis, skipping variants without a value", () => {
    const result = sweep([{ n: 1 }, { n: 2 }, { n: 3 }], [10, null, 30]);
    const spec = sweepChartSpec(result, "timeToFirstSuccessSeconds.mean") as unknown as {
      data: { values: { x: number; lo: number; hi: number }[] };
      layer: { mark: { type: string } }[];
    };
    expect(spec.layer.map((l) => l.mark.type)).toEqual(["area", "line", "point"]);
    expect(spec.data.values.map((v) => [v.x, v.lo, v.hi])).toEqual([
      [1, 8, 12],
      [3, 28, 32],
    ]);
  });

  it("is null for a metric with no value anywhere", () => {
    expect(sweepChartSpec(sweep([{ n: 1 }], [null]), "timeToFirstSuccessSeconds.mean")).toBeNull();
  });
});

describe("isConstantMetric and metricUnit", () => {
  it("finds metrics that never changed", () => {
    const result = sweep([{ n: 1 }, { n: 2 }], [1, 2]);
    expect(isConstantMetric(result, "devices.connected")).toBe(true);
    expect(isConstantMetric(result, "timeToFirstSuccessSeconds.mean")).toBe(false);
    const same = { ...result, variants: result.variants.map((v) => ({ ...v, metrics: { x: stats(5, 0) } })) };
    expect(isConstantMetric(same, "x")).toBe(true);
  });

  it("names each metric's unit", () => {
    expect(metricUnit("timeToFirstSuccessSeconds.p99")).toBe("seconds");
    expect(metricUnit("replicas.replica1.visibilityDelaySeconds.mean")).toBe("seconds");
    expect(metricUnit("failedAttemptsBeforeSuccess.max")).toBe("failed tries");
    expect(metricUnit("devices.neverConnected")).toBe("devices");
    expect(metricUnit("attempts.failed")).toBe("tries");
    expect(metricUnit("events")).toBe("events");
    // The devices a time was taken over are a count, not seconds (the sweep's own rule, isSecondsMetric).
    expect(metricUnit("timeToFirstSuccessSeconds.count")).toBe("count");
  });
});

describe("legends name the varied values, not paths", () => {
  const database = "site.servers.cm01.corp.contoso.com.roles.managementPoint.database";
  const interval = "site.replicas.replica1.syncInterval";

  it("titles the axis and names each series by the short name of its path and its value", () => {
    const result = sweep(
      [
        { [database]: "site", [interval]: "5m" },
        { [database]: "site", [interval]: "15m" },
        { [database]: "replica1", [interval]: "5m" },
        { [database]: "replica1", [interval]: "15m" },
      ],
      [0, 0, 250, 530],
    );
    const axis = sweepAxis(result)!;
    expect(axis).toMatchObject({ path: database, name: "database", kind: "category", title: "database" });
    const points = sweepPoints(result, "timeToFirstSuccessSeconds.mean", axis);
    expect(new Set(points.map((p) => p.series))).toEqual(
      new Set(["syncInterval = 5m", "syncInterval = 15m"]),
    );
    const legend = JSON.stringify(sweepChartSpec(result, "timeToFirstSuccessSeconds.mean"));
    expect(legend).not.toContain("site.servers");
    expect(legend).not.toContain("…");
  });

  it("draws series with the same points once, named after both", () => {
    const result = sweep(
      [
        { [database]: "site", [interval]: "5m" },
        { [database]: "site", [interval]: "15m" },
        { [database]: "site", [interval]: "30m" },
        { [database]: "replica1", [interval]: "5m" },
        { [database]: "replica1", [interval]: "15m" },
        { [database]: "replica1", [interval]: "30m" },
      ],
      [7, 8, 9, 7, 8, 9],
    );
    const points = sweepPoints(result, "timeToFirstSuccessSeconds.mean", sweepAxis(result)!);
    expect(points.map((p) => p.series)).toEqual([
      "database = site or replica1",
      "database = site or replica1",
      "database = site or replica1",
    ]);
    expect(points.map((p) => p.x)).toEqual([5, 15, 30]);
  });
});
