// Do the 95% intervals cover the true value 95% of the time? Many independent repetitions of a small
// scenario whose true values are known in closed form, each repetition a sweep's worth of runs with its
// own seeds; the share of intervals that contain the truth is counted. Fixed seeds: deterministic.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { RunResult } from "../../src/results/runResult.js";
import { loadScenario, parseScenarioText } from "../../src/scenario/load.js";
import { applyOverrides } from "../../src/scenario/overrides.js";
import { simulate } from "../../src/simulate.js";
import { aggregate } from "../../src/sweep/aggregate.js";
import { metricProfile } from "../../src/sweep/metricProfile.js";

// The baseline with 20 devices: commits spread uniformly over 12 sync intervals of 300 s, so each
// device's visibility delay is uniform on [0, 300), independently of the others, and its time to first
// success is 180 s (delay ≤ 180) or 360 s: mean 180 + 180 · 0.4 = 252 s (the closed form).
const DEVICES = 20;
const scenario = applyOverrides(
  loadScenario(parseScenarioText(readFileSync("scenarios/baseline.json", "utf8"))),
  [`devices.0.count=${DEVICES}`],
);
const REPETITIONS = 500;
const RUNS = 10;

// A run's nearest-rank p-quantile of n uniform delays is its ⌈q·n⌉-th smallest, whose expectation is
// k/(n + 1) of the interval: the true value of the mean over runs that the interval estimates.
const orderStatistic = (q: number) => (300 * Math.ceil(q * DEVICES)) / (DEVICES + 1);

const METRICS: readonly { path: string; truth: number; read: (r: RunResult) => number | null }[] = [
  { path: "timeToFirstSuccessSeconds.mean", truth: 252, read: (r) => r.timeToFirstSuccessSeconds.mean },
  {
    path: "replicas.replica1.visibilityDelaySeconds.mean",
    truth: 150,
    read: (r) => r.replicas[0]?.visibilityDelaySeconds.mean ?? null,
  },
  {
    path: "replicas.replica1.visibilityDelaySeconds.p50",
    truth: orderStatistic(0.5),
    read: (r) => r.replicas[0]?.visibilityDelaySeconds.p50 ?? null,
  },
  {
    path: "replicas.replica1.visibilityDelaySeconds.p90",
    truth: orderStatistic(0.9),
    read: (r) => r.replicas[0]?.visibilityDelaySeconds.p90 ?? null,
  },
];

function coverage(): Record<string, number> {
  const covered = new Map(METRICS.map((m) => [m.path, 0]));
  for (let rep = 0; rep < REPETITIONS; rep++) {
    const first = 1 + rep * RUNS;
    const runs = Array.from({ length: RUNS }, (_, i) => simulate(scenario, { seed: first + i }));
    for (const m of METRICS) {
      const stats = aggregate(runs.map(m.read), {
        profile: metricProfile(scenario, m.path),
        stream: { seed: first, name: m.path },
      });
      const [lo, hi] = stats.ci95 ?? [NaN, NaN];
      if (lo <= m.truth && m.truth <= hi) covered.set(m.path, (covered.get(m.path) ?? 0) + 1);
    }
  }
  return Object.fromEntries([...covered].map(([path, n]) => [path, n / REPETITIONS]));
}

describe("coverage of the 95% intervals", () => {
  it(`covers the true mean in 93–97% and a true percentile in at least 93% of ${REPETITIONS} repetitions`, () => {
    const rates = coverage();
    console.log(`coverage over ${REPETITIONS} repetitions of ${RUNS} runs:`, rates);
    for (const m of METRICS) {
      const rate = rates[m.path] ?? 0;
      expect(rate, m.path).toBeGreaterThanOrEqual(0.93);
      if (metricProfile(scenario, m.path).method === "student-t")
        expect(rate, m.path).toBeLessThanOrEqual(0.97);
    }
    expect(metricProfile(scenario, METRICS[3]?.path ?? "").method).toBe("bootstrap-percentile");
  });
});
