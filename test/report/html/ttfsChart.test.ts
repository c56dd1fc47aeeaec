// The time-to-first-success chart's spec: its data and its encoding.
import { describe, expect, it } from "vitest";
import { ttfsChartSpec, ttfsPoints } from "../../../src/report/html/ttfsChart.js";

const simulated = [
  { seconds: 0, fraction: 0 },
  { seconds: 180, fraction: 0.615 },
  { seconds: 360, fraction: 1 },
];
const closedForm = [
  { seconds: 0, fraction: 0 },
  { seconds: 180, fraction: 0.6 },
  { seconds: 360, fraction: 1 },
];

describe("ttfsPoints", () => {
  it("lists both curves, in seconds and minutes, each carried on to 5% past the last step", () => {
    const points = ttfsPoints([{ group: "hq", simulated, closedForm }]);
    expect(points.filter((p) => p.curve === "closed form")).toEqual([
      { group: "hq", curve: "closed form", seconds: 0, minutes: 0, fraction: 0 },
      { group: "hq", curve: "closed form", seconds: 180, minutes: 3, fraction: 0.6 },
      { group: "hq", curve: "closed form", seconds: 360, minutes: 6, fraction: 1 },
      { group: "hq", curve: "closed form", seconds: 378, minutes: 6.3, fraction: 1 },
    ]);
    expect(points.filter((p) => p.curve === "simulated").map((p) => p.fraction)).toEqual([0, 0.615, 1, 1]);
  });

  it("leaves out a closed form that does not apply", () => {
    const points = ttfsPoints([{ group: "mac", simulated, closedForm: null }]);
    expect(new Set(points.map((p) => p.curve))).toEqual(new Set(["simulated"]));
  });
});

describe("ttfsChartSpec", () => {
  it("draws step lines: colour by group, dash by curve", () => {
    const spec = ttfsChartSpec([
      { group: "a", simulated, closedForm },
      { group: "b", simulated, closedForm: null },
    ]) as unknown as {
      mark: unknown;
      encoding: Record<string, { scale: { domain: unknown } }>;
      data: { values: unknown[] };
      config: { background: string };
    };
    expect(spec.mark).toEqual({ type: "line", interpolate: "step-after" });
    expect(spec.encoding.color!.scale.domain).toEqual(["a", "b"]);
    expect(spec.encoding.strokeDash!.scale.domain).toEqual(["simulated", "closed form"]);
    expect(spec.encoding.y!.scale.domain).toEqual([0, 1]);
    expect(spec.data.values).toHaveLength(8 + 4);
    expect(spec.config.background).toBe("transparent");
  });

  it("is null when no device connected", () => {
    expect(ttfsChartSpec([{ group: "a", simulated: [], closedForm }])).toBeNull();
  });
});
