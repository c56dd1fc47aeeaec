// Each result path's interval method and possible range.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadScenario, parseScenarioText } from "../../src/scenario/load.js";
import { applyOverrides } from "../../src/scenario/overrides.js";
import {
  clamp,
  differenceBounds,
  intervalMethod,
  isFractionMetric,
  isSecondsMetric,
  metricBounds,
} from "../../src/sweep/metricProfile.js";

const baseline = loadScenario(parseScenarioText(readFileSync("scenarios/baseline.json", "utf8")));

describe("metric profiles", () => {
  it("bootstraps order statistics and keeps Student's t for means and counts", () => {
    for (const p of [
      "timeToFirstSuccessSeconds.p50",
      "timeToFirstSuccessSeconds.p99",
      "failedAttemptsBeforeSuccess.max",
    ])
      expect(intervalMethod(p), p).toBe("bootstrap-percentile");
    for (const p of [
      "timeToFirstSuccessSeconds.mean",
      "devices.connected",
      "attempts.failed",
      "replicas.replica1.syncs",
    ])
      expect(intervalMethod(p), p).toBe("student-t");
  });

  it("bounds counts by 0 and the devices, times by the least possible value and the duration", () => {
    expect(metricBounds(baseline, "devices.connected")).toEqual([0, 1000]);
    expect(metricBounds(baseline, "groups.hq-windows.devices.neverConnected")).toEqual([0, 1000]);
    expect(metricBounds(baseline, "timeToFirstSuccessSeconds.p90")).toEqual([0, 10800]);
    expect(metricBounds(baseline, "timeToFirstSuccessSeconds.count")).toEqual([0, 1000]);
    expect(metricBounds(baseline, "content.neverServed")).toEqual([0, 1000]);
    expect(metricBounds(baseline, "replicas.replica1.visibilityDelaySeconds.mean")).toEqual([0, 10800]);
    expect(metricBounds(baseline, "attempts.failed")).toEqual([0, null]);
    expect(metricBounds(baseline, "some.connectedShare")).toEqual([0, 1]);
    const delayed = applyOverrides(baseline, ["devices.0.firstPollDelay=2m"]);
    expect(metricBounds(delayed, "timeToFirstSuccessSeconds.p50")).toEqual([120, 10800]);
  });

  it("bounds a difference by the two ranges and clamps into a range", () => {
    expect(differenceBounds([0, 1000], [0, 1000])).toEqual([-1000, 1000]);
    expect(differenceBounds([0, null], [0, null])).toEqual([null, null]);
    expect(differenceBounds([120, 10800], [0, 10800])).toEqual([-10800, 10680]);
    expect(clamp(-3, [0, null])).toBe(0);
    expect(clamp(7, [null, 5])).toBe(5);
    expect(clamp(2, [null, null])).toBe(2);
  });
});

describe("metric profiles of load paths", () => {
  it("bounds utilisation by [0, 1], waits and responses by the duration, counts and queues by 0", () => {
    expect(metricBounds(baseline, "load.databases.site.utilisation")).toEqual([0, 1]);
    const mp = "load.managementPoints.cm01.corp.contoso.com";
    expect(metricBounds(baseline, `${mp}.utilisation`)).toEqual([0, 1]);
    expect(metricBounds(baseline, `${mp}.waitSeconds.p99`)).toEqual([0, 10800]);
    expect(metricBounds(baseline, `${mp}.responseSeconds.mean`)).toEqual([0, 10800]);
    for (const field of [
      "requests",
      "served",
      "refused",
      "timedOut",
      "workers",
      "queue.max",
      "queue.meanLength",
    ])
      expect(metricBounds(baseline, `${mp}.${field}`), field).toEqual([0, null]);
    // A server's name is no field: "devices" in it does not bound its requests by the devices.
    expect(metricBounds(baseline, "load.managementPoints.devices.corp.contoso.com.requests")).toEqual([
      0,
      null,
    ]);
    expect(metricBounds(baseline, "load.databases.waitSeconds.requests")).toEqual([0, null]);
  });

  it("bootstraps a load path's order statistics, Student's t for its means and counts", () => {
    const mp = "load.managementPoints.cm01.corp.contoso.com";
    for (const p of [`${mp}.waitSeconds.p99`, `${mp}.responseSeconds.max`, `${mp}.queue.max`])
      expect(intervalMethod(p), p).toBe("bootstrap-percentile");
    for (const p of [
      `${mp}.waitSeconds.mean`,
      `${mp}.utilisation`,
      `${mp}.queue.meanLength`,
      `${mp}.refused`,
    ])
      expect(intervalMethod(p), p).toBe("student-t");
  });
});

describe("the kinds of a metric path (one predicate each: metricBounds, shards and the report read them)", () => {
  it("names fractions: a share, fraction or ratio, and a finite server's utilisation", () => {
    for (const p of ["content.dpShare", "groups.a.fraction", "load.servers.x.managementPoint.utilisation"])
      expect(isFractionMetric(p), p).toBe(true);
    // A load entry is read by its field: a server named "…share" holds no fraction.
    for (const p of ["load.servers.share.managementPoint.served", "devices.connected", "utilisation.x"])
      expect(isFractionMetric(p), p).toBe(false);
  });

  it("names seconds: a segment ending in Seconds, not a statistic's count", () => {
    for (const p of ["timeToFirstSuccessSeconds.p90", "groups.a.timeToFirstSuccessSeconds.mean", "xSeconds"])
      expect(isSecondsMetric(p), p).toBe(true);
    for (const p of ["timeToFirstSuccessSeconds.count", "devices.connected", "attempts.total"])
      expect(isSecondsMetric(p), p).toBe(false);
  });
});
