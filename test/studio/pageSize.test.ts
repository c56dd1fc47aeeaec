import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/errors.js";
import { loadScenario } from "../../src/scenario/load.js";
import { buildStudioPage } from "../../src/studio/page.js";
import { estimateStudioPage, MAX_STUDIO_PAGE_BYTES } from "../../src/studio/pageSize.js";
import { shaped, type Shape } from "../helpers/bigSites.js";

const page = (shape: Shape) => {
  const scenario = loadScenario(shaped(shape));
  const html = buildStudioPage({ scenario, appScript: "", workerScript: "", command: "studio" }).html;
  return { scenario, html };
};

describe("the studio page's size", () => {
  it("grows with management points plus replicas, not their product", () => {
    const small = page({ mps: 50, replicas: 50, groups: 50 }).html.length;
    const large = page({ mps: 400, replicas: 400, groups: 400 }).html.length;
    // Eight times the parts, about eight times the page (the product would be 64 times).
    expect(large / small).toBeLessThan(10);
  });

  it.each<Shape>([
    { mps: 0, replicas: 0, groups: 1 },
    { mps: 300, replicas: 300, groups: 1 },
    { mps: 1, replicas: 1, groups: 1000 },
    { mps: 200, replicas: 2, groups: 200, deployments: 100 },
    { mps: 100, replicas: 100, groups: 100, long: 60 },
  ])("is estimated before it is built, at or above its size and within half again (%o)", (shape) => {
    const { scenario, html } = page(shape);
    const data = JSON.stringify(shaped(shape)).length;
    const estimate = estimateStudioPage(scenario, data, 0).bytes;
    expect(estimate).toBeGreaterThanOrEqual(html.length);
    expect(estimate).toBeLessThan(html.length * 1.5 + 100_000);
  });

  it("is refused above its limit, naming the part to shrink, before any control is made", () => {
    const scenario = loadScenario(shaped({ mps: 1, replicas: 1, groups: 1 }));
    const many = {
      ...scenario,
      devices: Array.from({ length: 20_000 }, (_, i) => ({ ...scenario.devices[0]!, name: `g${i}` })),
    };
    const build = () =>
      buildStudioPage({ scenario: many, appScript: "", workerScript: "", command: "studio" });
    expect(build).toThrow(ScenarioError);
    expect(build).toThrow(
      /^devices: the studio page would be about \d+\.\d MiB \(the limit is 64\.0 MiB\), most of it for the controls of 20000 device groups: fewer of them$/,
    );
    expect(MAX_STUDIO_PAGE_BYTES).toBe(64 * 1024 * 1024);
  });
});
