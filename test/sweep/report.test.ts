// The sweep's table, csv and list formats.
import { describe, expect, it } from "vitest";
import { renderSweepCsv, renderSweepListCsv } from "../../src/report/sweepCsv.js";
import {
  BEST,
  higherIsBetter,
  renderSweepList,
  renderSweepTable,
  WORST,
} from "../../src/report/sweepTable.js";
import type { MetricStats } from "../../src/sweep/aggregate.js";
import { stats } from "../helpers/metricStats.js";
import type { SweepResult } from "../../src/sweep/document.js";

const constant = (value: number): MetricStats => ({
  mean: value,
  ci95: [value, value],
  min: value,
  max: value,
  count: 3,
  method: "student-t",
});

const variant = (interval: string, mean: number, connected: number, passedRuns = 3) => ({
  set: { "site.replicas.replica1.syncInterval": interval },
  metrics: {
    "timeToFirstSuccessSeconds.mean": stats(mean, 2.5),
    "devices.connected": stats(connected, 1),
    "devices.enrollmentFailed": constant(0),
  },
  expectations: [{ expression: "devices.neverConnected == 0", passedRuns, passed: passedRuns === 3 }],
});

const result: SweepResult = {
  format: "mdmsim-sweep/1",
  scenario: "baseline",
  runs: 3,
  seeds: [1, 2, 3],
  variants: [variant("1m", 180, 990), variant("5m", 252.04, 1000), variant("10m", 396, 980, 1)],
};

describe("renderSweepTable", () => {
  const text = renderSweepTable(result);
  const rows = text.split("\n");
  const row = (value: string) => rows.find((r) => r.startsWith(`│ ${value} `)) ?? "";

  it("titles the sweep and prints one row per variant, the varied values first", () => {
    expect(rows[0]).toBe("mdmsim sweep: baseline (3 variants × 3 runs, seeds 1…3)");
    // Long paths and labels wrap at dots and words, so the table stays narrow.
    expect(rows.slice(2, 5).map((r) => r.split("│")[1]?.trim())).toEqual([
      "site.replicas.",
      "replica1.",
      "syncInterval",
    ]);
    expect(rows.slice(2, 5).map((r) => r.split("│")[2]?.trim())).toEqual(["first", "success", "mean (s)"]);
    expect(row("1m")).toContain("180 ± 2.5");
    expect(row("5m")).toContain("252 ± 2.5");
  });

  it("marks the best and worst variant of each column: lower is better, higher for connected", () => {
    expect(row("1m")).toMatch(new RegExp(`180 ± 2.5 ${BEST}.*990 ± 1 +│`));
    expect(row("5m")).toMatch(new RegExp(`1000 ± 1 ${BEST}`));
    expect(row("10m")).toMatch(new RegExp(`396 ± 2.5 ${WORST}.*980 ± 1 ${WORST}`));
    expect(higherIsBetter("devices.connected")).toBe(true);
    expect(higherIsBetter("devices.neverConnected")).toBe(false);
    expect(higherIsBetter("groups.hq.attempts.succeeded")).toBe(true);
    expect(higherIsBetter("timeToFirstSuccessSeconds.p99")).toBe(false);
  });

  it("moves metrics that never changed under the table, and lists failed expectations", () => {
    expect(text).not.toMatch(/│ enrollment +│/);
    expect(text).toContain("the same in every run: devices.enrollmentFailed 0");
    expect(row("1m")).toContain("held");
    expect(row("10m")).toContain("1 failed");
    expect(text).toContain("Failed expectations (runs in which each held)");
    expect(text).toMatch(/│ 10m +│ devices\.neverConnected == 0 │ 1\/3 runs │/);
  });

  it("prints only the failed expectations with --quiet, nothing when all held", () => {
    expect(renderSweepTable(result, { quiet: true }).startsWith("Failed expectations")).toBe(true);
    expect(renderSweepTable({ ...result, variants: result.variants.slice(0, 2) }, { quiet: true })).toBe("");
  });

  it("shows a mean alone for one run, and – for a metric with no value", () => {
    const one: SweepResult = {
      ...result,
      runs: 1,
      seeds: [5],
      variants: [
        { ...variant("1m", 180, 990), metrics: { "timeToFirstSuccessSeconds.mean": stats(180, 0, 1) } },
        { ...variant("5m", 252, 1000), metrics: { "timeToFirstSuccessSeconds.mean": stats(null) } },
      ],
    };
    const table = renderSweepTable(one);
    expect(table.split("\n")[0]).toBe("mdmsim sweep: baseline (2 variants × 1 run, seed 5)");
    expect(table).toMatch(/│ 1m +│ 180 +│/);
    expect(table).toMatch(/│ 5m +│ – +│/);
    expect(table).toContain("mean of 1 run (no confidence interval)");
    // A zero-width interval shows the mean alone too.
    const agreed = renderSweepTable({
      ...result,
      variants: [
        { ...variant("1m", 180, 990), metrics: { "timeToFirstSuccessSeconds.mean": constant(180) } },
        { ...variant("5m", 252, 990), metrics: { "timeToFirstSuccessSeconds.mean": constant(252) } },
      ],
    });
    expect(agreed).toMatch(/│ 1m +│ 180 ✓ +│/);
    expect(agreed).toMatch(/│ 5m +│ 252 ✗ +│/);
    expect(agreed).toContain("no ± when every run agreed");
  });
});

describe("renderSweepCsv", () => {
  it("writes one row per variant: varied values, then mean, ci95, min, max, count per metric", () => {
    const lines = renderSweepCsv(result).trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]?.split(",").slice(0, 7)).toEqual([
      "site.replicas.replica1.syncInterval",
      "timeToFirstSuccessSeconds.mean.mean",
      "timeToFirstSuccessSeconds.mean.ci95.lo",
      "timeToFirstSuccessSeconds.mean.ci95.hi",
      "timeToFirstSuccessSeconds.mean.min",
      "timeToFirstSuccessSeconds.mean.max",
      "timeToFirstSuccessSeconds.mean.count",
    ]);
    expect(lines[0]?.endsWith(",devices.neverConnected == 0 passedRuns")).toBe(true);
    expect(lines[1]?.startsWith("1m,180,177.5,182.5,177.5,182.5,3,")).toBe(true);
    expect(lines[3]?.endsWith(",1")).toBe(true);
  });
});

describe("renderSweepList", () => {
  it("numbers the variants and counts the simulations", () => {
    const text = renderSweepList({
      scenario: "baseline",
      runs: 10,
      seeds: Array.from({ length: 10 }, (_, i) => i + 1),
      metrics: [],
      variants: [
        { set: { a: 1, b: "x" }, expectations: [] },
        { set: { a: 2, b: "x" }, expectations: [] },
      ],
    });
    expect(text.split("\n")[0]).toBe(
      "mdmsim sweep: baseline (2 variants × 10 runs, seeds 1…10): 20 simulations",
    );
    expect(text).toMatch(/│ 2 │ 2 +│ x +│/);
  });
});

describe("renderSweepListCsv", () => {
  it("numbers the variants and quotes values that need it", () => {
    const text = renderSweepListCsv({
      scenario: "baseline",
      runs: 2,
      seeds: [1, 2],
      metrics: [],
      variants: [
        { set: { r: ["A", "B"], n: 5 }, expectations: [] },
        { set: { r: "C, Inc.", n: 6 }, expectations: [] },
      ],
    });
    expect(text).toBe('variant,r,n\n1,"[""A"",""B""]",5\n2,"C, Inc.",6\n');
  });
});
