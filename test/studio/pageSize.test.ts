import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/errors.js";
import { loadScenario } from "../../src/scenario/load.js";
import { buildStudioPage } from "../../src/studio/page.js";
import { estimateStudioPage, MAX_STUDIO_PAGE_BYTES } from "../../src/studio/pageSize.js";
import { BASELINE_TEXT } from "../helpers/cli.js";

interface Shape {
  readonly mps: number;
  readonly replicas: number;
  readonly groups: number;
  readonly deployments?: number;
  /** Characters added to every name. */
  readonly long?: number;
}

/** The baseline with `mps` more management points, `replicas` replicas and `groups` device groups. */
function shaped({ mps, replicas, groups, deployments = 0, long = 0 }: Shape): unknown {
  const b = JSON.parse(BASELINE_TEXT) as {
    site: { servers: Record<string, unknown>[]; boundaryGroups: Record<string, unknown>[] } & Record<
      string,
      unknown
    >;
    devices: Record<string, unknown>[];
  } & Record<string, unknown>;
  const server = b.site.servers[0] as {
    name: string;
    certificate: unknown;
    roles: { managementPoint: object };
  };
  const pad = "x".repeat(long);
  const names = Array.from({ length: mps }, (_, i) => `mp${i}${pad}.corp.contoso.com`);
  return {
    ...b,
    site: {
      ...b.site,
      replicas: Array.from({ length: replicas }, (_, i) => ({
        name: `replica${i}${pad}`,
        syncInterval: "1h",
      })),
      servers: [
        {
          ...server,
          roles: { ...server.roles, managementPoint: { ...server.roles.managementPoint, database: "site" } },
        },
        ...names.map((name, i) => ({
          name,
          certificate: server.certificate,
          roles: {
            managementPoint: {
              ...server.roles.managementPoint,
              database: replicas === 0 ? "site" : `replica${i % replicas}${pad}`,
            },
          },
        })),
      ],
      boundaryGroups: [{ ...b.site.boundaryGroups[0], servers: [server.name, ...names] }],
    },
    devices: Array.from({ length: groups }, (_, i) => ({ ...b.devices[0], name: `g${i}${pad}`, count: 1 })),
    deployments: Array.from({ length: deployments }, (_, i) => ({
      name: `d${i}${pad}`,
      at: "10m",
      groups: [`g0${pad}`],
    })),
  };
}

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
