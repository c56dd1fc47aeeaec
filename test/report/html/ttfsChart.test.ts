// The time-to-first-success chart's spec: its data and its encoding.
import { describe, expect, it } from "vitest";
import { SIMULATED_WIDTH, ttfsChartSpec, ttfsPoints } from "../../../src/report/html/ttfsChart.js";
import { BACKGROUND_COLOR } from "../../../src/report/html/theme.js";

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
      layer: { mark: Record<string, unknown>; encoding: Record<string, { scale: { domain: unknown } }> }[];
      encoding: Record<string, { scale: { domain: unknown } }>;
      data: { values: unknown[] };
      config: { background: string };
    };
    for (const layer of spec.layer)
      expect(layer.mark).toMatchObject({ type: "line", interpolate: "step-after" });
    expect(spec.encoding.color!.scale.domain).toEqual(["a", "b"]);
    expect(spec.layer[0]!.encoding.strokeDash!.scale.domain).toEqual(["simulated", "closed form"]);
    expect(spec.encoding.y!.scale.domain).toEqual([0, 1]);
    expect(spec.data.values).toHaveLength(8 + 4);
    expect(spec.config.background).toBe("transparent");
  });

  it("draws the simulation at full colour, the closed form inside it cut by the page's background", () => {
    const spec = ttfsChartSpec([{ group: "a", simulated, closedForm }]) as unknown as {
      layer: {
        transform: { filter: { equal: string } }[];
        mark: { strokeWidth?: number };
        encoding: Record<string, { value?: string; scale?: { range: unknown[] } }>;
      }[];
    };
    const [sim, halo, closed] = spec.layer;
    expect(sim?.transform[0]?.filter.equal).toBe("simulated");
    // No opacity: a pale line is what a dark page could not show.
    for (const layer of spec.layer) expect(layer.encoding.opacity).toBeUndefined();
    expect(halo?.encoding.color?.value).toBe(BACKGROUND_COLOR.light);
    expect(halo?.mark.strokeWidth).toBeLessThan(SIMULATED_WIDTH);
    expect(closed?.encoding.strokeWidth?.scale?.range).toEqual([SIMULATED_WIDTH, 1.5]);
  });

  it("is null when no device connected", () => {
    expect(ttfsChartSpec([{ group: "a", simulated: [], closedForm }])).toBeNull();
  });
});
