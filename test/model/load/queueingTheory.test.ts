// The load model against queueing theory: Poisson arrivals (a poisson enrollment pattern, one poll per device,
// so the management point sees a Poisson process) at a management point with c workers and exponential
// service reproduce Erlang C (M/M/c) and, with a queue limit, the M/M/c/K blocking probability. Each
// measure is averaged over independent seeds and must lie within four standard errors of the theory.
import { describe, expect, it } from "vitest";
import { runEngine } from "../../../src/model/engine.js";
import { compileSite } from "../../../src/model/site.js";
import type { StationTally } from "../../../src/model/load/stationTally.js";
import { rankOf } from "../../../src/results/statistics.js";
import { singleServer } from "../../helpers/scenarios.js";

const LAMBDA = 10; // arrivals per second
const MEAN_SERVICE = 0.25; // seconds: a = λ/μ = 2.5 Erlangs
const DEVICES = 40_000; // about 4,000 s of arrivals per run
const SEEDS = 12;

/** The management point's counters of one run with `c` workers (and a queue limit). */
function managementPoint(seed: number, workers: number, queueLimit?: number): StationTally {
  const scenario = singleServer({
    duration: "2h",
    replica: null,
    mp: {
      capacity: {
        workers,
        serviceTime: { mean: MEAN_SERVICE, distribution: "exponential" },
        ...(queueLimit !== undefined ? { queueLimit } : {}),
      },
    },
    group: {
      count: DEVICES,
      addresses: "10.1.0.0/16",
      enrollment: { pattern: "poisson", from: 0, ratePerMinute: LAMBDA * 60, delay: 0 },
      // One poll per device, at its commit: the next would be after the run.
      polling: [{ every: "100d" }],
      connectionRetries: { count: 0 },
      requestTimeout: "1d",
    },
    extra: { seed },
  });
  const load = runEngine(compileSite(scenario, seed)).load;
  const mp = load?.find((s) => s.kind === "managementPoint");
  if (mp === undefined) throw new Error("no management point load");
  return mp;
}

function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
}

/** Erlang C: the probability an arrival waits, with c workers and a = λ/μ Erlangs (a < c). */
function erlangC(c: number, a: number): number {
  let sum = 0;
  for (let k = 0; k < c; k++) sum += a ** k / factorial(k);
  const top = (a ** c / factorial(c)) * (c / (c - a));
  return top / (sum + top);
}

/** M/M/c/K: the probability an arrival finds the system full (K = c + queue limit). */
function blocking(c: number, K: number, a: number): number {
  const term = (k: number) => (k < c ? a ** k / factorial(k) : a ** k / (factorial(c) * c ** (k - c)));
  let sum = 0;
  for (let k = 0; k <= K; k++) sum += term(k);
  return term(K) / sum;
}

/** Mean and standard error over runs. */
function meanAndError(values: readonly number[]): { mean: number; error: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return { mean, error: Math.sqrt(variance / values.length) };
}

function expectNear(values: readonly number[], theory: number, what: string): void {
  const { mean, error } = meanAndError(values);
  // Four standard errors, with a floor of half a millisecond: waits are counted by the millisecond.
  expect(Math.abs(mean - theory), `${what}: ${mean} ± ${error} against ${theory}`).toBeLessThanOrEqual(
    Math.max(4 * error, 0.0005),
  );
}

describe("the load model against queueing theory", () => {
  it("reproduces Erlang C: the probability of waiting, the mean wait and wait percentiles (M/M/3)", () => {
    const c = 3;
    const a = LAMBDA * MEAN_SERVICE;
    const C = erlangC(c, a);
    const theta = c / MEAN_SERVICE - LAMBDA; // the rate of the wait's exponential tail
    // P(W > t) = C e^(−θt): the q-quantile is 0 for q ≤ 1 − C, else ln(C / (1 − q)) / θ.
    const quantile = (q: number) => (q <= 1 - C ? 0 : Math.log(C / (1 - q)) / theta);
    const runs = Array.from({ length: SEEDS }, (_, i) => managementPoint(1000 + i, c));
    expectNear(
      runs.map((mp) => 1 - mp.waits.countAtMost(0) / mp.waits.count),
      C,
      "probability of waiting",
    );
    expectNear(
      runs.map((mp) => mp.waits.sum / mp.waits.count),
      C / theta,
      "mean wait",
    );
    for (const q of [0.5, 0.9, 0.99])
      expectNear(
        runs.map((mp) => mp.waits.kth(rankOf(mp.waits.count, q)) / 1000),
        quantile(q),
        `wait p${q * 100}`,
      );
    // The runs are what the theory assumes: nothing refused or timed out, and the server that busy.
    for (const mp of runs) expect(mp.refused + mp.timedOut).toBe(0);
    expectNear(
      runs.map((mp) => mp.busySeconds / mp.served),
      MEAN_SERVICE,
      "mean service time",
    );
  });

  it("reproduces the M/M/c/K blocking probability with a queue limit (c = 2, limit 3)", () => {
    const c = 2;
    const limit = 3;
    const a = LAMBDA * MEAN_SERVICE;
    const runs = Array.from({ length: SEEDS }, (_, i) => managementPoint(2000 + i, c, limit));
    expectNear(
      runs.map((mp) => mp.refused / mp.requests),
      blocking(c, c + limit, a),
      "blocking probability",
    );
    for (const mp of runs) expect(mp.queueMax).toBeLessThanOrEqual(limit);
  });
});
