// A what-if is `mdmsim run --set …` for the same edits: the same numbers, the same edited file; a bad value
// is a problem named at its control, never an exception.
import { expressionInterpreter } from "vega-interpreter";
import { describe, expect, it } from "vitest";
import { renderCharts } from "../../src/report/html/render.js";
import { runReportCharts } from "../../src/report/html/runReport.js";
import { loadScenario } from "../../src/scenario/load.js";
import { applyOverrides } from "../../src/scenario/overrides.js";
import { runSimulation, simulate } from "../../src/simulate.js";
import { setOptions, type Edit } from "../../src/studio/fragment.js";
import { HEADLINES, dataValue, studioHeadlines } from "../../src/studio/metrics.js";
import { namedPath, replicaNotes, runWhatIf, type FileValues } from "../../src/studio/whatIf.js";
import { readMetric } from "../../src/results/expectations.js";
import { num, secondsText } from "../../src/report/format.js";
import { round3 } from "../../src/results/statistics.js";
import { bundled, clientScenario } from "../report/helpers.js";

const EDITS: Edit[] = [
  { path: "site.replicas.replica1.syncInterval", value: "10m" },
  { path: "devices.hq-windows.count", value: "300" },
  { path: "site.servers.cm01.corp.contoso.com.outages", value: '[{"from":"20m","to":"50m"}]' },
  { path: "seed", value: "7" },
];

describe("runWhatIf", () => {
  it("gives run's numbers for the same --set edits, the file's beside them, and the edited file", async () => {
    const file = bundled("baseline");
    const outcome = await runWhatIf(file, EDITS, { interpreter: expressionInterpreter });
    if (!outcome.ok) throw new Error(outcome.message);
    const expected = simulate(applyOverrides(file, setOptions(EDITS)));
    expect(outcome.seed).toBe(7);
    expect(outcome.numbers.map((n) => [n.path, n.value])).toEqual(
      HEADLINES.map((h) => [h.path, dataValue(readMetric(expected, h.path))]),
    );
    const original = simulate(file, { seed: 7 });
    expect(outcome.numbers.map((n) => n.fileText)).toEqual(
      HEADLINES.map((h) => {
        const v = readMetric(original, h.path);
        // With the decimals of run's table, by its own functions.
        return v === null ? "–" : h.unit === "s" ? secondsText(v) : num(v);
      }),
    );
    // The downloaded file runs to the same result.
    expect(simulate(loadScenario(outcome.scenarioJson))).toEqual(expected);
    expect(outcome.figures.match(/<figure class="chart"/g)).toHaveLength(3);
    // Each group of figures under the heading the report gives its section.
    expect(
      [...outcome.figures.matchAll(/(?<!<figure [^\n]*\n)^<h3>([^<]+)<\/h3>$/gm)].map((m) => m[1]),
    ).toEqual(["Time to first success", "Tries and failures over time", "Load per device management point"]);
    expect(outcome.warnings).toEqual([]);
  });

  it("writes the difference signed, in the number's unit", async () => {
    const outcome = await runWhatIf(bundled("baseline"), [EDITS[0]!]);
    if (!outcome.ok) throw new Error(outcome.message);
    const mean = outcome.numbers.find((n) => n.path === "timeToFirstSuccessSeconds.mean");
    // Seconds with one decimal and the duration beside them, as run's table writes a time.
    expect(mean?.differenceText).toMatch(/^\+\d+(\.\d)? s\b/);
    const fileMean = simulate(bundled("baseline")).timeToFirstSuccessSeconds.mean ?? 0;
    expect(mean?.differenceText).toBe(`+${secondsText(round3(Number(mean?.value) - fileMean))}`);
    const total = outcome.numbers.find((n) => n.path === "devices.total");
    expect(total?.differenceText).toBe("0");
  });

  it("runs the file once per seed", async () => {
    const memo: FileValues = new Map();
    const file = bundled("baseline");
    await runWhatIf(file, [EDITS[0]!], { fileValues: memo });
    await runWhatIf(file, [EDITS[1]!], { fileValues: memo });
    expect([...memo.keys()]).toEqual([1]);
    await runWhatIf(file, [EDITS[3]!], { fileValues: memo });
    expect([...memo.keys()]).toEqual([1, 7]);
  });

  it.each([
    [
      "site.replicas.replica1.syncInterval",
      "soon",
      /^site\.replicas\.replica1\.syncInterval: expected a duration/,
    ],
    ["devices.hq-windows.count", "-5", /^devices\.hq-windows\.count: expected an integer >= 1/],
    [
      "devices.hq-windows.enrollment.to",
      "0s",
      /^devices\.hq-windows\.enrollment\.to: expected `to` after `from`/,
    ],
    [
      "site.servers.cm01.corp.contoso.com.outages",
      '[{"from":"1h"}]',
      /^site\.servers\.cm01\.corp\.contoso\.com\.outages\.0\.to: .*a duration/,
    ],
    ["site.servers.cm01.corp.contoso.com.roles.managementPoint.database", "replica9", /replica9/],
  ])("%s=%s is a problem at that control", async (path, value, message) => {
    const outcome = await runWhatIf(bundled("baseline"), [EDITS[0]!, { path, value }]);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.path).toBe(path);
    expect(outcome.message).toMatch(message);
  });

  it("gives each problem as a sentence of its own, its field named as the controls name it", async () => {
    const outcome = await runWhatIf(bundled("baseline"), [
      { path: "devices.hq-windows.count", value: "-5" },
      { path: "devices.hq-windows.enrollment", value: '{"pattern":"uniform","from":"soon","to":"later"}' },
    ]);
    if (outcome.ok) throw new Error("expected a problem");
    expect(outcome.path).toBe("devices.hq-windows.count");
    expect(outcome.sentences.length).toBeGreaterThan(1);
    expect(outcome.sentences[0]).toBe("devices.hq-windows.count: expected an integer >= 1, got -5.");
    for (const s of outcome.sentences) {
      expect(s).toMatch(/^devices\.hq-windows\.[a-z.]+: .*\.$/);
      expect(s).not.toMatch(/\[\d+\]/);
    }
    // Indexes of elements without a name stay indexes, as --set writes them.
    expect(namedPath(bundled("baseline"), ["site", "servers", 0, "outages", 1, "to"])).toBe(
      "site.servers.cm01.corp.contoso.com.outages.1.to",
    );
  });

  it("says of each replica whether a management point reads it in the what-if", async () => {
    const file = bundled("baseline");
    expect(replicaNotes(file)).toEqual({ replica1: "Read by the DMP cm01.corp.contoso.com." });
    const moved = await runWhatIf(file, [
      { path: "site.servers.cm01.corp.contoso.com.roles.managementPoint.database", value: "site" },
    ]);
    if (!moved.ok) throw new Error(moved.message);
    expect(moved.replicaNotes).toEqual({
      replica1: "No management point reads replica1 in this what-if: its syncs reach no device.",
    });
  });

  it("reports a run over the limits and a path that names nothing, without throwing", async () => {
    const big = await runWhatIf(bundled("baseline"), [{ path: "devices.hq-windows.count", value: "1e12" }]);
    expect(big).toMatchObject({ ok: false });
    const nowhere = await runWhatIf(bundled("baseline"), [{ path: "devices.nobody.count", value: "5" }]);
    expect(nowhere).toEqual({
      ok: false,
      path: "devices.nobody.count",
      message: '"devices.nobody" names nothing in the scenario; "devices" has "hq-windows"',
      sentences: ['"devices.nobody" names nothing in the scenario; "devices" has "hq-windows".'],
    });
  });
});

describe("runWhatIf on a ConfigMgr client site", () => {
  it("gives run's numbers for the fallbacks and deployments too, and draws their charts", async () => {
    const file = clientScenario();
    const edits: Edit[] = [
      { path: "deployments.app.at", value: "5h" },
      { path: "devices.pcs.registration.to", value: "50m" },
    ];
    const outcome = await runWhatIf(file, edits, { interpreter: expressionInterpreter });
    if (!outcome.ok) throw new Error(outcome.message);
    const expected = simulate(applyOverrides(file, setOptions(edits)));
    const headlines = studioHeadlines(file);
    expect(outcome.numbers.map((n) => [n.path, n.value])).toEqual(
      headlines.map((h) => [h.path, dataValue(readMetric(expected, h.path))]),
    );
    expect(
      outcome.numbers.find((n) => n.path === "managementPoints.mp-b.corp.contoso.com.fallbacksTo")?.text,
    ).toBe(String(expected.managementPoints[1]?.fallbacksTo));
    const figures = [...outcome.figures.matchAll(/<figure class="chart" id="([^"]+)"/g)].map((m) => m[1]);
    expect(figures).toEqual(
      expect.arrayContaining(["chart-fallbacks", "chart-deployment-1", "chart-deployment-2"]),
    );
    expect(outcome.figures).toContain("deployed, 5h into the run");
    expect(outcome.warnings).toEqual([]);
  });
});

describe("renderCharts with vega's expression interpreter (the page's CSP allows no compiled code)", () => {
  it("draws the same SVG as compiled expressions", async () => {
    const run = runSimulation(bundled("replica-outage"));
    const specs = runReportCharts(run.result, run.series).map((c) => c.spec);
    const compiled = await renderCharts(specs);
    const interpreted = await renderCharts(specs, { interpreter: expressionInterpreter });
    expect(interpreted.map((r) => r.svg)).toEqual(compiled.map((r) => r.svg));
  });
});
