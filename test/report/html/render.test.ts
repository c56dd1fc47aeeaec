// vega-lite → vega → SVG in Node: marks are drawn, nothing is warned about, and the text is deterministic.
import { describe, expect, it } from "vitest";
import { normalizeSvg, renderCharts } from "../../../src/report/html/render.js";
import { ttfsChartSpec } from "../../../src/report/html/ttfsChart.js";
import { pageStructure } from "../helpers.js";

const spec = ttfsChartSpec([
  {
    group: "hq",
    simulated: [
      { seconds: 0, fraction: 0 },
      { seconds: 180, fraction: 0.6 },
      { seconds: 360, fraction: 1 },
    ],
    closedForm: [
      { seconds: 0, fraction: 0 },
      { seconds: 180, fraction: 0.6 },
      { seconds: 360, fraction: 1 },
    ],
  },
])!;

describe("normalizeSvg", () => {
  it("renumbers ids in order of appearance and every reference to them", () => {
    const svg =
      '<svg><defs><clipPath id="clip7"><rect/></clipPath><linearGradient id="g12"/></defs>' +
      '<g clip-path="url(#clip7)"><path fill="url(#g12)"/><use href="#clip7"/></g></svg>';
    expect(normalizeSvg(svg, "chart2")).toBe(
      '<svg><defs><clipPath id="chart2-1"><rect/></clipPath><linearGradient id="chart2-2"/></defs>' +
        '<g clip-path="url(#chart2-1)"><path fill="url(#chart2-2)"/><use href="#chart2-1"/></g></svg>',
    );
  });

  it("leaves an SVG without ids alone", () => {
    expect(normalizeSvg('<svg class="marks"></svg>', "c")).toBe('<svg class="marks"></svg>');
  });
});

describe("renderCharts", () => {
  it("draws an SVG with marks, without warnings, with a transparent background and theme colours", async () => {
    const [chart] = await renderCharts([spec]);
    expect(chart!.warnings).toEqual([]);
    expect(chart!.svg.startsWith("<svg")).toBe(true);
    expect(pageStructure(chart!.svg).marksPerSvg[0]).toBeGreaterThan(0);
    expect(chart!.svg).toContain('stroke="#0072b2"'); // the first series' key colour, remapped by the page's CSS
    expect(chart!.svg).toContain('fill="currentColor"'); // axis labels follow the page's text colour
    expect(chart!.svg).not.toMatch(/<rect[^>]*class="background"[^>]*fill="(#fff|white)"/);
  });

  it("gives the same bytes every time, whatever was drawn before", async () => {
    const first = await renderCharts([spec, spec]);
    const again = await renderCharts([spec, spec]);
    expect(again.map((c) => c.svg)).toEqual(first.map((c) => c.svg));
  });

  it("draws nothing for no specs (and loads nothing)", async () => {
    expect(await renderCharts([])).toEqual([]);
  });
});
