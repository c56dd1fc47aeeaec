// The library's readers accept a run's result as RESULT_SCHEMA declares it, and nothing less: the one
// declaration, not a second hand-written copy of it (which lacked p95 and a station's queue).
import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulate.js";
import { conforms, isRunResult, isRunResultWithRecords } from "../src/libraryRunResult.js";
import { RESULT_SCHEMA } from "../src/explain/resultSchema.js";
import { singleServer } from "./helpers/scenarios.js";

const result = simulate(singleServer({ duration: "1h", group: { count: 3 } }), { perDevice: true });
const station = {
  workers: 1,
  requests: 2,
  served: 2,
  refused: 0,
  timedOut: 0,
  utilisation: 0.5,
  waitSeconds: { mean: 1, p50: 1, p90: 1, p99: 1, max: 1 },
  responseSeconds: { mean: 2, p50: 2, p90: 2, p99: 2, max: 2 },
  queue: { max: 1, meanLength: 0.1 },
};
/** `value` without the fields named. */
const without = (value: object, ...keys: string[]): object =>
  Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
const load = (entry: unknown) => ({
  managementPoints: { "mp.corp": entry },
  enrollmentProxyPoints: {},
  enrollmentPoints: {},
  distributionPoints: {},
  databases: {},
});

describe("a run's result, checked against its declaration", () => {
  it("accepts what simulate returns, and its JSON", () => {
    expect(isRunResult(result)).toBe(true);
    expect(isRunResultWithRecords(result)).toBe(true);
    expect(isRunResult(JSON.parse(JSON.stringify(result)))).toBe(true);
    expect(isRunResult({ ...result, load: load(station) })).toBe(true);
  });

  it("refuses a summary without p95 and a station without its queue, as the declaration has them", () => {
    const withoutP95 = without(result.timeToFirstSuccessSeconds, "p95");
    expect(isRunResult({ ...result, timeToFirstSuccessSeconds: withoutP95 })).toBe(false);
    expect(isRunResult({ ...result, load: load(without(station, "queue")) })).toBe(false);
  });

  it("lets the declared absent fields be absent, and no other", () => {
    const bare = without(result, "perDevice", "trace");
    expect(isRunResult(bare)).toBe(true);
    expect(isRunResultWithRecords(bare)).toBe(false);
    expect(isRunResult(without(result, "events"))).toBe(false);
    expect(isRunResult({ ...result, format: "mdmsim-run/0" })).toBe(false);
    expect(isRunResult({ ...result, events: 1.5 })).toBe(false);
  });

  it("checks the per-device records only where they are read", () => {
    const spoilt = { ...result, perDevice: [{ ...result.perDevice?.[0], failedBeforeSuccess: null }] };
    expect(isRunResult(spoilt)).toBe(true);
    expect(isRunResultWithRecords(spoilt)).toBe(false);
    expect(conforms(RESULT_SCHEMA, spoilt, ["perDevice"])).toBe(true);
  });
});
