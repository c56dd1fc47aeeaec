// The studio's numbers: the headlines every scenario has, then a scenario's own (management points'
// fallbacks with ConfigMgr clients, deployments), each a result path read exactly.
import { describe, expect, it } from "vitest";
import { readMetric } from "../../src/results/expectations.js";
import { simulate } from "../../src/simulate.js";
import { num, secondsText } from "../../src/report/format.js";
import {
  displayDifference,
  displayValue,
  HEADLINES,
  headlineValues,
  scenarioNumbers,
  studioHeadlines,
} from "../../src/studio/metrics.js";
import { bundled, clientScenario } from "../report/helpers.js";

describe("scenarioNumbers and studioHeadlines", () => {
  it("are the headlines alone for an MDM site without deployments", () => {
    expect(scenarioNumbers(bundled("baseline"))).toEqual({ fallbacks: [], deployments: [] });
    expect(studioHeadlines(bundled("baseline"))).toEqual(HEADLINES);
  });

  it("add per management point its fallbacks and per deployment its reach, as result paths", () => {
    const scenario = clientScenario();
    const own = scenarioNumbers(scenario);
    expect(own.fallbacks.map((r) => [r.name, r.numbers.map((n) => n.path)])).toEqual(
      ["mp-a.corp.contoso.com", "mp-b.corp.contoso.com"].map((server) => [
        server,
        ["fallbacksFrom", "fallbacksTo", "returnsTo"].map((f) => `managementPoints.${server}.${f}`),
      ]),
    );
    expect(own.deployments.map((r) => r.numbers.map((n) => [n.path, n.label, n.unit]))[1]).toEqual([
      ["deployments.app.received", "deployment app: received", ""],
      ["deployments.app.notReceived", "deployment app: not received", ""],
      ["deployments.app.receivedAfterSeconds.mean", "deployment app: received after, mean", "s"],
      ["deployments.app.receivedAfterSeconds.p90", "deployment app: received after, p90", "s"],
    ]);
    const all = studioHeadlines(scenario);
    expect(all.slice(0, HEADLINES.length)).toEqual(HEADLINES);
    expect(all).toHaveLength(HEADLINES.length + 2 * 3 + 2 * 4);
    const result = simulate(scenario);
    expect(headlineValues(result, all)).toEqual(all.map((h) => readMetric(result, h.path)));
    expect(headlineValues(result, all)).toContain(256);
  });

  it("read null where an edit took away what a path names", () => {
    const scenario = clientScenario();
    const without = simulate(clientScenario({ deployments: [] }));
    const values = headlineValues(without, studioHeadlines(scenario));
    expect(values.slice(-8)).toEqual(Array(8).fill(null));
    expect(values[0]).toBe(400);
  });
});

describe("the numbers as the page shows them", () => {
  it("use run's decimals, by run's own functions: seconds with one and the duration beside them", () => {
    expect(displayValue(407.16, "s")).toBe(secondsText(407.16));
    // One decimal (run's table), whatever run writes beside it.
    expect(displayValue(407.16, "s")).toMatch(/^407\.2 s\b/);
    expect(displayValue(4512.5, "s")).toBe(secondsText(4512.5));
    expect(displayValue(2.26222, "")).toBe(num(2.26222));
    expect(displayValue(2.26222, "")).toBe("2.262");
    expect(displayValue(null, "s")).toBe("–");
    expect(displayDifference(407.16, 249.3, "s")).toBe(`+${secondsText(157.86)}`);
    expect(displayDifference(249.3, 407.16, "s")).toBe(`−${secondsText(157.86)}`);
    expect(displayDifference(1.385, 2.26222, "")).toBe("−0.877");
    expect(displayDifference(5, 5, "s")).toBe("0");
  });

  it("say what each number counts: its unit and over whom", () => {
    const counts = Object.fromEntries(studioHeadlines(clientScenario()).map((h) => [h.path, h.counts]));
    for (const [path, text] of Object.entries(counts)) expect(text, path).toMatch(/\w+ \w+/);
    expect(counts["failedAttemptsBeforeSuccess.mean"]).toBe("failed tries per connected device");
    expect(counts["timeToFirstSuccessSeconds.p90"]).toMatch(/^seconds .* over connected devices$/);
    expect(counts["devices.total"]).toMatch(/^devices/);
    expect(counts["managementPoints.mp-a.corp.contoso.com.fallbacksTo"]).toMatch(/^clients/);
    expect(counts["deployments.app.receivedAfterSeconds.mean"]).toMatch(/^seconds after it was made/);
  });
});
