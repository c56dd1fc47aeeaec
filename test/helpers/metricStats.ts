// A sweep metric's statistics as aggregate() gives them, for tests that build sweep documents by hand.
import type { MetricStats } from "../../src/sweep/aggregate.js";

/** Student's t statistics of a metric with this mean and half-width (all null for no value). */
export const stats = (mean: number | null, half = 0, count = 3): MetricStats =>
  mean === null
    ? { mean: null, ci95: null, min: null, max: null, count: 0, method: "student-t" }
    : {
        mean,
        ci95: [mean - half, mean + half],
        min: mean - half,
        max: mean + half,
        count,
        method: "student-t",
      };
