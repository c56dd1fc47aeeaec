// Bad capacity input: each mistake is one clear problem at its path, before any work, through the loader and
// through the command line (exit 2).
import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/errors.js";
import { loadScenario } from "../../src/scenario/load.js";
import { BASELINE_TEXT, runCli } from "../helpers/cli.js";
import { singleServer } from "../helpers/scenarios.js";

type Data = Record<string, unknown> & {
  site: {
    servers: { roles: Record<string, Record<string, unknown>> }[];
    replicas: Record<string, unknown>[];
  };
  devices: Record<string, unknown>[];
};

const baseline = (): Data => JSON.parse(BASELINE_TEXT) as Data;

/** The baseline with the management point's capacity set to `capacity`. */
function mpCapacity(capacity: unknown): Data {
  const data = baseline();
  const mp = data.site.servers[0]?.roles.managementPoint;
  if (mp !== undefined) mp.capacity = capacity;
  return data;
}

function withData(edit: (d: Data) => void): Data {
  const data = baseline();
  edit(data);
  return data;
}

const MP = "site.servers[0].roles.managementPoint";

/** Each case: the scenario, and every problem the loader reports, one a line. */
const CASES: readonly [string, Data, string][] = [
  [
    "workers 0",
    mpCapacity({ workers: 0, serviceTime: "120ms" }),
    `${MP}.capacity.workers: expected an integer >= 1, got 0`,
  ],
  [
    "workers 2.5",
    mpCapacity({ workers: 2.5, serviceTime: "120ms" }),
    `${MP}.capacity.workers: expected an integer, got 2.5`,
  ],
  [
    "a zero service time",
    mpCapacity({ workers: 1, serviceTime: "0s" }),
    `${MP}.capacity.serviceTime: expected a duration > 0, got "0s"`,
  ],
  [
    "a zero service time in seconds",
    mpCapacity({ workers: 1, serviceTime: 0 }),
    `${MP}.capacity.serviceTime: expected a duration > 0, got 0`,
  ],
  [
    "a negative service time",
    mpCapacity({ workers: 1, serviceTime: -1 }),
    `${MP}.capacity.serviceTime: expected a duration > 0 like "30m", got -1`,
  ],
  [
    "a zero mean",
    mpCapacity({ workers: 1, serviceTime: { mean: "0ms", distribution: "exponential" } }),
    `${MP}.capacity.serviceTime.mean: expected a duration > 0, got "0ms"`,
  ],
  [
    "a negative mean, said once",
    mpCapacity({ workers: 1, serviceTime: { mean: -0.1, distribution: "exponential" } }),
    `${MP}.capacity.serviceTime.mean: expected a duration > 0 like "30m", got -0.1`,
  ],
  [
    "a zero constant mean",
    mpCapacity({ workers: 1, serviceTime: { mean: 0, distribution: "constant" } }),
    `${MP}.capacity.serviceTime.mean: expected a duration > 0, got 0`,
  ],
  [
    "a queue limit without workers",
    mpCapacity({ queueLimit: 50, serviceTime: "120ms" }),
    `${MP}.capacity.workers: missing (expected a number)`,
  ],
  [
    "a negative queue limit",
    mpCapacity({ workers: 1, serviceTime: "1s", queueLimit: -1 }),
    `${MP}.capacity.queueLimit: expected an integer >= 0, got -1`,
  ],
  [
    "a lognormal without cv",
    mpCapacity({ workers: 1, serviceTime: { mean: "120ms", distribution: "lognormal" } }),
    `${MP}.capacity.serviceTime.cv: missing (a lognormal needs \`cv\`, e.g. 0.5)`,
  ],
  [
    "a distribution without its mean",
    mpCapacity({ workers: 1, serviceTime: { distribution: "exponential" } }),
    `${MP}.capacity.serviceTime.mean: missing (expected a duration > 0 like "30m")`,
  ],
  [
    "a mean without its distribution",
    mpCapacity({ workers: 1, serviceTime: { mean: "120ms" } }),
    `${MP}.capacity.serviceTime.distribution: missing (expected "constant" or "exponential" or "lognormal")`,
  ],
  [
    "an unknown distribution",
    mpCapacity({ workers: 1, serviceTime: { mean: "120ms", distribution: "normal" } }),
    `${MP}.capacity.serviceTime.distribution: expected "constant" or "exponential" or "lognormal", got "normal"`,
  ],
  [
    "cv on an exponential",
    mpCapacity({ workers: 1, serviceTime: { mean: "120ms", distribution: "exponential", cv: 1 } }),
    `${MP}.capacity.serviceTime.cv: expected no \`cv\`: it applies to "lognormal" only`,
  ],
  [
    "a misspelt workers",
    mpCapacity({ worker: 8, serviceTime: "120ms" }),
    `${MP}.capacity: unknown field "worker" (did you mean "workers"?)`,
  ],
  [
    "a misspelt queueLimit",
    mpCapacity({ workers: 8, serviceTime: "120ms", queuelimit: 5 }),
    `${MP}.capacity: unknown field "queuelimit" (did you mean "queueLimit"?)`,
  ],
  [
    "a misspelt capacity",
    withData((d) => {
      const mp = d.site.servers[0]?.roles.managementPoint;
      if (mp !== undefined) mp.capacaty = { workers: 1, serviceTime: "1s" };
    }),
    `${MP}: unknown field "capacaty" (did you mean "capacity"?)`,
  ],
  [
    "a misspelt capacity on the site database",
    withData((d) => {
      d.site = { ...d.site, database: { capcity: { workers: 1, serviceTime: "1s" } } } as Data["site"];
    }),
    `site.database: unknown field "capcity" (did you mean "capacity"?)`,
  ],
  [
    "a misspelt syncCost",
    withData((d) => {
      const r = d.site.replicas[0];
      if (r !== undefined) r.syncCosts = "2s";
    }),
    `site.replicas[0]: unknown field "syncCosts" (did you mean "syncCost"?)`,
  ],
  [
    "a replica capacity with workers 0",
    withData((d) => {
      const r = d.site.replicas[0];
      if (r !== undefined) r.capacity = { workers: 0, serviceTime: "5ms" };
    }),
    `site.replicas[0].capacity.workers: expected an integer >= 1, got 0`,
  ],
  [
    "requestTimeout 0",
    withData((d) => {
      const g = d.devices[0];
      if (g !== undefined) g.requestTimeout = "0s";
    }),
    `devices[0].requestTimeout: expected a duration > 0, got "0s"`,
  ],
  [
    "a misspelt requestTimeout",
    withData((d) => {
      const g = d.devices[0];
      if (g !== undefined) g.requestTimout = "30s";
    }),
    `devices[0]: unknown field "requestTimout" (did you mean "requestTimeout"?)`,
  ],
];

describe("bad capacity input", () => {
  it.each(CASES)("refuses %s through the loader, at its path", (_, data, expected) => {
    let error: unknown;
    try {
      loadScenario(data);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).message).toBe(expected);
  });

  it.each(CASES)("refuses %s at the command line with exit 2, before any work", async (_, data, expected) => {
    for (const command of ["check", "run"]) {
      const out = await runCli([command, "s.json"], { files: { "s.json": JSON.stringify(data) } });
      expect(out).toEqual({ code: 2, stdout: "", stderr: `mdmsim: s.json: ${expected}\n` });
    }
  });

  it("takes the same capacities written correctly", () => {
    const s = loadScenario(
      mpCapacity({
        workers: 8,
        serviceTime: { mean: "120ms", distribution: "lognormal", cv: 0.5 },
        queueLimit: 0,
      }),
    );
    expect(s.site.servers[0]?.roles.managementPoint?.capacity).toEqual({
      workers: 8,
      serviceTime: { mean: 0.12, distribution: "lognormal", cv: 0.5 },
      queueLimit: 0,
    });
  });
});

describe("a replica named site", () => {
  it("takes no capacity: its load would be the site database's entry", () => {
    // Without a capacity a replica may be named "site" (a management point's "site" is still the site database).
    expect(singleServer({ replica: { name: "site" }, mp: { database: "site" } }).site.replicas[0]?.name).toBe(
      "site",
    );
    expect(() =>
      singleServer({
        replica: { name: "site", capacity: { workers: 1, serviceTime: "1s" } },
        mp: { database: "site" },
      }),
    ).toThrow(/site\.replicas\[0\]\.capacity: expected no capacity on a replica named "site"/);
  });
});
