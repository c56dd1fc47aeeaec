// sweep --baseline K: each variant paired seed by seed with variant K, in every format.
import { describe, expect, it } from "vitest";
import { sweepChartSpec } from "../../src/report/html/sweepChart.js";
import { sweepReportCharts } from "../../src/report/html/sweepReport.js";
import { renderSweepCsv } from "../../src/report/sweepCsv.js";
import { renderSweepTable } from "../../src/report/sweepTable.js";
import { makeShard, mergeShards, shardJobs } from "../../src/sweep/shard.js";
import { planSweep, runPlannedJob, runSweep, sweepJobs } from "../../src/sweep/sweep.js";
import { UsageError } from "../../src/errors.js";
import { singleServer } from "../helpers/scenarios.js";

const MEAN = "timeToFirstSuccessSeconds.mean";
const INTERVAL = "site.replicas.r1.syncInterval";
const scenario = singleServer({
  duration: "2h",
  replica: { syncOffset: undefined },
  group: { count: 40, enrollment: { pattern: "uniform", from: "0s", to: "1h" } },
});
const options = { vary: [`${INTERVAL}=1m,5m,10m`], runs: 4, baseline: 2 };

describe("sweep --baseline", () => {
  const result = runSweep(scenario, options);

  it("pairs every variant with the baseline: better, same, worse for the mean time to first success", () => {
    expect(result.baseline).toBe(2);
    const verdicts = result.variants.map((v) => v.comparedToBaseline?.[MEAN]?.verdict);
    expect(verdicts).toEqual(["better", "same", "worse"]);
    const base = result.variants[1]?.comparedToBaseline?.[MEAN];
    expect(base).toEqual({
      difference: { mean: 0, ci95: [0, 0] },
      relative: 0,
      relativeCi95: [0, 0],
      verdict: "same",
    });
    // The relative change's interval is the difference's over the baseline's mean, as compare's.
    const against = result.variants[0]?.comparedToBaseline?.[MEAN];
    const baseMean = result.variants[1]?.metrics[MEAN]?.mean ?? NaN;
    expect(against?.relativeCi95?.[0]).toBeCloseTo((against?.difference.ci95?.[0] ?? NaN) / baseMean, 3);
    expect(against?.relativeCi95?.[1]).toBeCloseTo((against?.difference.ci95?.[1] ?? NaN) / baseMean, 3);
    // The mean paired difference is the difference of the means (the same runs, paired).
    const fast = result.variants[0];
    const d = fast?.comparedToBaseline?.[MEAN]?.difference.mean ?? NaN;
    expect(d).toBeCloseTo(
      (fast?.metrics[MEAN]?.mean ?? NaN) - (result.variants[1]?.metrics[MEAN]?.mean ?? NaN),
      2,
    );
    expect(
      runSweep(scenario, { ...options, baseline: undefined }).variants[0]?.comparedToBaseline,
    ).toBeUndefined();
  });

  it("shows the differences in the table, the csv and a chart per metric", () => {
    const text = renderSweepTable(result);
    expect(text).toContain("Against variant 2");
    expect(text).toContain("2 (base)");
    expect(text).toMatch(/better/);
    const [head, row] = renderSweepCsv(result).split("\n");
    expect(head).toContain(`${MEAN}.vsBaseline.mean,${MEAN}.vsBaseline.ci95.lo`);
    expect(head).toContain(`${MEAN}.vsBaseline.verdict`);
    expect(row).toContain("better");
    const spec = JSON.stringify(sweepChartSpec(result, MEAN, "baseline"));
    expect(spec).toContain('"datum":0');
    expect(sweepReportCharts(result).some((c) => c.id.endsWith("-baseline"))).toBe(true);
  });

  it("refuses a variant number that does not exist", () => {
    expect(() => planSweep(scenario, { ...options, baseline: 4 })).toThrow(UsageError);
    expect(() => planSweep(scenario, { ...options, baseline: 4 })).toThrow(
      "baseline: expected a variant number from 1 to 3, got 4",
    );
    expect(() => planSweep(scenario, { ...options, baseline: 0 })).toThrow(UsageError);
  });

  it("survives sharding: merged shards give the same document", () => {
    const plan = planSweep(scenario, options);
    const all = sweepJobs(plan);
    const files = [1, 2].map((index) => {
      const shard = { index, count: 2 };
      const jobs = shardJobs(all, shard);
      const outcomes = jobs.map((job) => runPlannedJob(plan, job));
      return {
        name: `part-${index}.json`,
        data: JSON.parse(JSON.stringify(makeShard(plan, "f", shard, jobs, outcomes))) as unknown,
      };
    });
    expect(JSON.stringify(mergeShards(files))).toBe(JSON.stringify(result));
  });
});
